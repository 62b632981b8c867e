import {
  type AdminClient,
  ApiError,
  createAdminClient,
  type JobBundle,
  type TestRunBundle,
} from '@kici/contracts';
import { generateRunKeyPair, jobBundleAad, openForRun, testRunBundleAad } from '@kici/crypto';
import { expect } from 'vitest';
import { startTestServer } from '../src/testing.js';

/** The ApiError a client call rejects with (the test fails if it resolves). */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/**
 * A client holding a token issued for the dashboard surface (owner role): what the
 * dashboard's credential can do, whatever header it sends.
 */
export async function dashboardClient(owner: AdminClient, baseUrl: string, label = 'dashboard') {
  const { token } = await owner.tokens.create({ label, role: 'owner', surface: 'dashboard' });
  return { client: createAdminClient({ baseUrl, token }), token };
}

interface Dispatcher {
  readonly url: string;
  readonly dispatcherToken: string;
}

/** POST /internal/v1<path> with the dispatcher credential (or another one). */
export function internalPost(
  server: Dispatcher,
  path: string,
  body: unknown,
  credential = server.dispatcherToken,
): Promise<Response> {
  return fetch(`${server.url}/internal/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** What a test reads from a dispatch: the raw answer, its JSON, and the opened bundle. */
export interface Dispatched {
  readonly status: number;
  readonly headers: Headers;
  /** The answer as sent: no secret value may appear in it. */
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: each test reads its own fields
  readonly body: any;
  /** The bundle, opened with the agent's private key (200 only). */
  readonly bundle?: JobBundle;
  readonly secrets: JobBundle['secrets'];
  readonly variables: JobBundle['variables'];
}

const utf8 = new TextDecoder();
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** Values long enough that their absence from a base64 answer means something. */
function expectNoValueIn(text: string, values: readonly string[]) {
  for (const value of values) {
    if (value.length >= 6) expect(text).not.toContain(value);
  }
}

/**
 * The dispatcher's sealed dispatch of one job: declares the run first (POST /internal/v1/runs,
 * idempotent; a run declared otherwise is left as it is), sends a fresh agent key, and opens
 * the bundle the way an agent does. Checks that the raw answer carries no value.
 */
export async function dispatchJob(
  server: Dispatcher,
  job: Record<string, unknown>,
  credential = server.dispatcherToken,
): Promise<Dispatched> {
  const run = await internalPost(server, '/runs', {
    orgId: job.orgId,
    runId: job.runId,
    jobs: [{ id: job.jobId }],
  });
  await run.body?.cancel();
  const agent = generateRunKeyPair();
  const agentPublicKey = Buffer.from(agent.publicKey).toString('base64');
  const response = await internalPost(server, '/resolve', { agentPublicKey, ...job }, credential);
  const text = await response.text();
  const body = JSON.parse(text);
  if (response.status !== 200) {
    return {
      status: response.status,
      headers: response.headers,
      text,
      body,
      secrets: {},
      variables: {},
    };
  }
  expect(Object.keys(body).sort()).toEqual([
    'bundle',
    'credential',
    'credentialExpiresAt',
    'environment',
    'jobId',
    'runId',
    'runPublicKey',
    'sources',
  ]);
  const aad = jobBundleAad(String(job.runId), String(job.jobId));
  const bundle = JSON.parse(
    utf8.decode(openForRun(agent.privateKey, fromBase64(body.bundle), aad)),
  ) as JobBundle;
  expectNoValueIn(text, [
    ...Object.values(bundle.secrets).map((s) => s.value),
    ...Object.values(bundle.variables).map((s) => s.value),
  ]);
  return {
    status: response.status,
    headers: response.headers,
    text,
    body,
    bundle,
    secrets: bundle.secrets,
    variables: bundle.variables,
  };
}

/** dispatchJob, with the opened bundle's secrets and variables in `body` beside the rest. */
export async function dispatchWithBundle(
  server: Dispatcher,
  job: Record<string, unknown>,
  credential?: string,
) {
  const dispatched = await dispatchJob(server, job, credential);
  const { secrets, variables } = dispatched;
  return { status: dispatched.status, body: { ...dispatched.body, secrets, variables } };
}

/** The dispatcher's call for a push to acme/api's main, job deploy of run-1. */
export function dispatch(server: Dispatcher, environment = 'production'): Promise<Dispatched> {
  return dispatchJob(server, {
    orgId: 'acme',
    environment,
    repository: 'acme/api',
    branch: 'main',
    trigger: 'push',
    runId: 'run-1',
    jobId: 'deploy',
  });
}

/**
 * POST /internal/v1/test-runs/resolve with a fresh agent key; the contexts are opened from
 * the sealed answer, which must carry no value.
 */
export async function resolveTestRun(server: Dispatcher, request: Record<string, unknown>) {
  const agent = generateRunKeyPair();
  const agentPublicKey = Buffer.from(agent.publicKey).toString('base64');
  const response = await internalPost(server, '/test-runs/resolve', { agentPublicKey, ...request });
  const text = await response.text();
  const body = JSON.parse(text);
  if (response.status !== 200) return { status: response.status, text, body, contexts: {} };
  expect(Object.keys(body).sort()).toEqual(['bundle', 'runId']);
  const opened = JSON.parse(
    utf8.decode(
      openForRun(
        agent.privateKey,
        fromBase64(body.bundle),
        testRunBundleAad(String(request.runId)),
      ),
    ),
  ) as TestRunBundle;
  expectNoValueIn(
    text,
    Object.values(opened.contexts).flatMap((context) =>
      Object.values(context.secrets).map((s) => s.value),
    ),
  );
  return { status: response.status, text, body, contexts: opened.contexts };
}

/** Why a server with `env` did not start on PGlite (undefined, and the server stopped, if it did). */
export function startFailure(env: Record<string, string>): Promise<Error | undefined> {
  return startTestServer({ driver: 'pglite', env }).then(
    async (server) => {
      await server.dispose();
      return undefined;
    },
    (error: Error) => error,
  );
}
