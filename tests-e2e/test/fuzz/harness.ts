// The fuzz suite's plumbing: the state seeded before (what must survive), sending one request
// over real HTTP, and the checks that the database is intact afterwards.
import { createAdminClient, type RouteSpec } from '@kici/contracts';
import { jobOutputAad } from '@kici/crypto';
import { sealForRun } from '@kici/crypto/node';
import type { TestServer } from '@kici/server/testing';
import { expect } from 'vitest';
import { createRun, dispatchJob, finishJob, metas } from '../runs.js';
import {
  BACKEND,
  ENVELOPE_PLACEHOLDER,
  ENVIRONMENT,
  ORG,
  RUN,
  RUN_JOBS,
  TEST_RUN,
  VAULT_CONFIG,
} from './examples.js';
import { EXT_ID, EXT_MANIFEST, EXT_ORG, EXT_PRODUCT, EXT_PROJECT } from './examples-extensions.js';
import type { FuzzRequest } from './generate.js';

/** Secrets no example names: the fuzzing must leave them readable, values intact. */
const SEEDED = Array.from({ length: 5 }, (_, i) => ({
  scope: 'fuzz-intact',
  key: `SEEDED_${i}`,
  value: `seeded-value-${i}-${'é😀'.repeat(i)}`,
}));

/** Whether a schema accepts a value (valibot speaks Standard Schema: no import needed). */
export function passes(schema: RouteSpec['body'], value: unknown): boolean {
  const standard = (schema as { '~standard': { validate(value: unknown): unknown } })['~standard'];
  return (standard.validate(value) as { issues?: unknown }).issues === undefined;
}

export interface Failure {
  readonly route: string;
  readonly mutation: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: string;
}

export const describeFailure = (f: Failure) =>
  `${f.status} ${f.method} ${f.path} [${f.route} ${f.mutation}] ${JSON.stringify(f.body)}`;

/**
 * The one 5xx that is a designed answer: 503 `backend_unavailable`, a registered or tested
 * backend that cannot be reached (the fuzzer's backends point at a closed port on purpose).
 */
function designed(status: number, text: string): boolean {
  if (status !== 503) return false;
  try {
    return (
      (JSON.parse(text) as { error?: { code?: string } }).error?.code === 'backend_unavailable'
    );
  } catch {
    return false;
  }
}

const dispatcher = (server: TestServer, path: string, body: unknown) =>
  fetch(`${server.url}/internal/v1${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${server.dispatcherToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });

/**
 * Per server (the drivers are fuzzed side by side): job-fuzz's credential, the agent routes'
 * valid token, and an envelope sealed to that server's run key, which replaces the example's
 * placeholder in whatever request still carries it.
 */
const agents = new Map<string, { credential: string; envelope: string }>();

/** Sends one request; a Failure when it answered a 5xx that is not a designed answer. */
export async function send(server: TestServer, request: FuzzRequest): Promise<Failure | undefined> {
  const internal = request.url.startsWith('/internal/');
  const agent = request.url.startsWith('/agent/');
  const own = agents.get(server.url);
  const valid = agent ? own?.credential : internal ? server.dispatcherToken : server.token;
  const body =
    agent && own && typeof request.body === 'string'
      ? request.body.replaceAll(ENVELOPE_PLACEHOLDER, own.envelope)
      : request.body;
  const token = { valid, bad: 'kici_fuzz_not_a_token', none: undefined }[request.token];
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${request.url}`, {
    method: request.method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  if (response.status < 500 || designed(response.status, text)) return undefined;
  return {
    route: request.route,
    mutation: request.mutation,
    method: request.method,
    path: request.url.slice(0, 200),
    status: response.status,
    body: text.slice(0, 100),
  };
}

/** What the examples name, and the secrets that must survive. */
export async function seed(server: TestServer): Promise<void> {
  const admin = createAdminClient({ baseUrl: server.url, token: server.token });
  for (const { scope, key, value } of SEEDED) await admin.secrets.set(ORG, scope, key, value);
  await admin.secrets.set(ORG, 'production', 'DB_PASSWORD', 'pg-db');
  await admin.variables.set(ORG, 'production', 'REGION', 'eu');
  await admin.backends.add({ name: BACKEND, backendType: 'vault', config: VAULT_CONFIG });
  await admin.environments.create(ORG, {
    name: ENVIRONMENT,
    branches: ['main'],
    scopes: ['production'],
  });
  await admin.environments.create(ORG, { name: 'intact', scopes: ['fuzz-intact'] });
  expect((await dispatcher(server, `/runs/${TEST_RUN}/key`, { orgId: ORG })).status).toBe(200);
  // The run whose routes are fuzzed, job-fuzz dispatched (its credential posts outputs), and a
  // valid output envelope for the agent route's example; runs for finish, complete, cancel.
  const run = await createRun(server, ORG, RUN, RUN_JOBS);
  const dispatched = await dispatchJob(server, ORG, RUN, 'job-fuzz', { environment: ENVIRONMENT });
  expect(dispatched.status).toBe(200);
  const envelope = sealForRun(
    Buffer.from(run.publicKey, 'base64'),
    new TextEncoder().encode('fuzz-output'),
    jobOutputAad(RUN, 'job-fuzz', 'DB_PASSWORD'),
  );
  agents.set(server.url, {
    credential: dispatched.body.credential ?? '',
    envelope: Buffer.from(envelope).toString('base64'),
  });
  for (const runId of ['run-fuzz-finish', 'run-fuzz-complete', 'run-fuzz-cancel']) {
    await createRun(server, ORG, runId, [{ id: 'a' }, { id: 'b', needs: ['a'] }]);
  }
  // What the extension store's examples name.
  await admin.extensions.catalog.put(EXT_ID, EXT_MANIFEST);
  await admin.extensions.projects.put(EXT_ORG, EXT_PROJECT, { name: 'Fuzz' });
  await admin.extensions.products.put(EXT_ORG, EXT_PRODUCT);
  await admin.extensions.installations.put(EXT_ORG, EXT_PROJECT, EXT_ID);
}

/** The seeded secrets reveal and resolve with their values; readyz; the audit log answers. */
export async function expectIntact(server: TestServer): Promise<void> {
  const admin = createAdminClient({ baseUrl: server.url, token: server.token });
  for (const { scope, key, value } of SEEDED) {
    expect((await admin.secrets.reveal(ORG, scope, key)).value).toBe(value);
  }
  await createRun(server, ORG, 'run-intact', [{ id: 'job-intact' }]);
  const resolved = await dispatchJob(server, ORG, 'run-intact', 'job-intact', {
    environment: 'intact',
    repository: 'acme/app',
  });
  expect(resolved.status).toBe(200);
  const secrets = metas(resolved.secrets);
  expect(Object.fromEntries(Object.entries(secrets).map(([k, s]) => [k, s?.value]))).toEqual(
    Object.fromEntries(SEEDED.map(({ key, value }) => [key, value])),
  );
  // The fuzzed run still works end to end: job-fuzz's credential still posts its output, and
  // the output reaches the job that needs job-fuzz ('intact' binds no DB_PASSWORD of its own).
  const put = await fetch(`${server.url}/agent/v1/runs/${RUN}/jobs/job-fuzz/outputs/DB_PASSWORD`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${agents.get(server.url)?.credential}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ envelope: agents.get(server.url)?.envelope }),
  });
  expect(put.status).toBe(200);
  expect((await finishJob(server, RUN, 'job-fuzz')).status).toBe(200);
  const downstream = await dispatchJob(server, ORG, RUN, 'job-dispatch', {
    environment: 'intact',
    repository: 'acme/app',
  });
  expect(downstream.status).toBe(200);
  expect(downstream.secrets?.getMeta('DB_PASSWORD')).toEqual({
    value: 'fuzz-output',
    backend: 'job-output',
    scope: `${RUN}/job-fuzz`,
  });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  const { entries } = await admin.audit({ action: 'secret.reveal', limit: 5 });
  expect(entries.length).toBeGreaterThan(0);
}
