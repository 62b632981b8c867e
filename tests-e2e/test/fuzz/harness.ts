// The fuzz suite's plumbing: the state seeded before (what must survive), sending one request
// over real HTTP, and the checks that the database is intact afterwards.
import { createAdminClient, type RouteSpec } from '@kici/contracts';
import { jobOutputAad, sealForRun } from '@kici/crypto/node';
import type { TestServer } from '@kici/server/testing';
import { expect } from 'vitest';
import { createRun, dispatchJob, finishJob, metas } from '../runs.js';
import {
  BACKEND,
  BODIES,
  ENVIRONMENT,
  ORG,
  RUN,
  RUN_JOBS,
  TEST_RUN,
  VAULT_CONFIG,
} from './examples.js';
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

/** The agent routes' valid token: job-fuzz's credential, known once the seed dispatched it. */
let jobCredential = 'kici_job_unknown';

/** Sends one request; a Failure when it answered a 5xx that is not a designed answer. */
export async function send(server: TestServer, request: FuzzRequest): Promise<Failure | undefined> {
  const internal = request.url.startsWith('/internal/');
  const agent = request.url.startsWith('/agent/');
  const valid = agent ? jobCredential : internal ? server.dispatcherToken : server.token;
  const token = { valid, bad: 'kici_fuzz_not_a_token', none: undefined }[request.token];
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${request.url}`, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
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
  jobCredential = dispatched.body.credential ?? jobCredential;
  const envelope = sealForRun(
    Buffer.from(run.publicKey, 'base64'),
    new TextEncoder().encode('fuzz-output'),
    jobOutputAad(RUN, 'job-fuzz', 'DB_PASSWORD'),
  );
  BODIES['agent.setOutput'] = { envelope: Buffer.from(envelope).toString('base64') };
  for (const runId of ['run-fuzz-finish', 'run-fuzz-complete', 'run-fuzz-cancel']) {
    await createRun(server, ORG, runId, [{ id: 'a' }, { id: 'b', needs: ['a'] }]);
  }
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
  // The fuzzed run still works end to end: its output reaches the job that needs job-fuzz.
  expect((await finishJob(server, RUN, 'job-fuzz')).status).toBe(200);
  const downstream = await dispatchJob(server, ORG, RUN, 'job-dispatch', {
    environment: ENVIRONMENT,
    repository: 'acme/app',
  });
  expect(downstream.status).toBe(200);
  expect(downstream.secrets?.getMeta('DB_PASSWORD')).toEqual({
    value: 'pg-db',
    backend: 'pg',
    scope: 'pg:production',
  });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  const { entries } = await admin.audit({ action: 'secret.reveal', limit: 5 });
  expect(entries.length).toBeGreaterThan(0);
}
