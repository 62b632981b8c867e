// Helpers for the orchestrator's end-to-end tests: kici-server processes (one or several on one
// database), the dispatcher's resolve call, polling, and the credential leak check.
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AdminClient, createAdminClient } from '@kici/contracts';
import {
  startTestServer,
  type TestDriver,
  type TestServer,
  testDrivers,
} from '@kici/server/testing';
import { createRun, dispatchJob, type JobFields, metas } from './runs.js';

/** Several instances on one database need a real PostgreSQL (PGlite is single-process). */
export const POSTGRES_URL_VARIABLE = 'KICI_TEST_DATABASE_URL';
export const hasPostgres = () => testDrivers().includes('postgres');

/** Single-instance scenarios: the real server when there is one, else the embedded database. */
export const singleDriver = (): TestDriver => (hasPostgres() ? 'postgres' : 'pglite');

/** Every answer's text (admin API and dispatcher), kept for the leak checks. */
export interface Recorder {
  readonly texts: string[];
  readonly fetch: typeof fetch;
}

export function createRecorder(): Recorder {
  const texts: string[] = [];
  return {
    texts,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, init);
      texts.push(await response.clone().text());
      return response;
    },
  };
}

export const clientOf = (server: TestServer, recorder: Recorder): AdminClient =>
  createAdminClient({ baseUrl: server.url, token: server.token, fetch: recorder.fetch });

/** How an instance names itself in `backend.sync` audit rows (core's instanceId). */
export const instanceIdOf = (server: TestServer) => `${hostname()}:${server.process.pid}`;

/**
 * kici-server instances sharing one database: the first creates it, the others reuse it with
 * a data directory of their own and the same bootstrap token.
 */
export interface Cluster {
  /**
   * Starts one more instance on the cluster's database, with a data directory of its own, or
   * with the one of `restartOf` (a stopped instance: PGlite's files live there).
   */
  start(env?: Record<string, string>, options?: { restartOf?: TestServer }): Promise<TestServer>;
  /** Every instance ever started, stopped ones included (their output stays readable). */
  readonly servers: TestServer[];
  /** Stops every instance, drops the database and removes the data directories. */
  dispose(): Promise<void>;
}

export function createCluster(driver: TestDriver, baseEnv: Record<string, string> = {}): Cluster {
  const servers: TestServer[] = [];
  return {
    servers,
    async start(env = {}, { restartOf } = {}) {
      const first = servers[0];
      const server = first
        ? await startTestServer({
            driver,
            env: { ...baseEnv, ...env },
            token: first.token,
            reuse: {
              database: first.database,
              dataDir: restartOf?.dataDir ?? (await mkdtemp(join(tmpdir(), 'kici-e2e-instance-'))),
            },
          })
        : await startTestServer({ driver, env: { ...baseEnv, ...env } });
      servers.push(server);
      return server;
    },
    async dispose() {
      await Promise.all(servers.map((server) => server.stop()));
      await servers[0]?.database.drop();
      const dataDirs = new Set(servers.map((server) => server.dataDir));
      await Promise.all([...dataDirs].map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export interface Job extends JobFields {}

export interface ResolveAnswer {
  readonly status: number;
  readonly body: {
    /** From the sealed bundle, opened with the agent's key (the answer itself has no value). */
    secrets?: Record<string, { value: string; backend: string; scope: string }>;
    error?: { code: string; message: string };
  };
}

let jobs = 0;

/**
 * The dispatcher's call for one job: a one-job run created (POST /internal/v1/runs), then
 * POST /internal/v1/resolve with a fresh agent key, whose sealed bundle is opened as an agent
 * opens it. The answer keeps the shape the tests read: `body.secrets` with each value's meta.
 */
export async function resolveJob(
  server: TestServer,
  recorder: Recorder,
  job: Job,
  orgId = 'acme',
): Promise<ResolveAnswer> {
  jobs += 1;
  const runId = `run-${process.pid}-${jobs}`;
  const jobId = `job-${jobs}`;
  await createRun(server, orgId, runId, [{ id: jobId }], recorder.fetch);
  const answer = await dispatchJob(server, orgId, runId, jobId, job, recorder.fetch);
  if (answer.status !== 200 || !answer.secrets) {
    return {
      status: answer.status,
      body: { ...(answer.body.error ? { error: answer.body.error } : {}) },
    };
  }
  return {
    status: answer.status,
    body: { secrets: metas(answer.secrets) as NonNullable<ResolveAnswer['body']['secrets']> },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something other than undefined, or fails naming `what`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 30_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Every place where a credential occurs in `texts`, described without the credential itself
 * (so a failing assertion does not print it either): `[]` when nothing leaked.
 */
export function leaks(
  credentials: readonly string[],
  texts: Readonly<Record<string, string>>,
): string[] {
  const found: string[] = [];
  credentials.forEach((credential, index) => {
    for (const [where, text] of Object.entries(texts)) {
      if (text.includes(credential)) found.push(`credential #${index} in ${where}`);
    }
  });
  return found;
}

/** The tokens a Vault test server knows (root and issued), for the leak checks. */
export async function vaultTokens(
  control: (command: { op: string }) => Promise<Record<string, unknown>>,
): Promise<string[]> {
  const { tokens } = (await control({ op: 'tokens' })) as { tokens: { id: string }[] };
  return tokens.map((token) => token.id);
}
