// Runs over HTTP as the dispatcher and an agent drive them: declare a run, dispatch a job
// (helpers.ts), seal an output to the run's key and PUT it with the job's credential, finish
// jobs; and the database read straight, to count what a run left behind.
import { jobOutputAad, sealForRun } from '@kici/crypto';
import { openServerDatabase, type TestServer } from '../src/testing.js';
import { dispatchJob, internalPost } from './helpers.js';

type Server = Pick<TestServer, 'url' | 'dispatcherToken'>;

/** The fields of a job the protection rules judge, for run `runId`'s job `jobId`. */
export const jobOf = (runId: string, jobId: string, over: Record<string, unknown> = {}) => ({
  orgId: 'acme',
  environment: 'production',
  repository: 'acme/api',
  branch: 'main',
  trigger: 'push',
  runId,
  jobId,
  ...over,
});

async function answer(response: Promise<Response>) {
  const res = await response;
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: each test reads its own fields
  return { status: res.status, text, body: JSON.parse(text) as any };
}

/** POST /internal/v1/runs. */
export const createRun = (
  server: Server,
  runId: string,
  jobs: { id: string; needs?: string[] }[],
  orgId = 'acme',
) => answer(internalPost(server, '/runs', { orgId, runId, jobs }));

/** POST /internal/v1/runs/:runId/jobs/:jobId/finish. */
export const finishJob = (server: Server, runId: string, jobId: string, status = 'succeeded') =>
  answer(internalPost(server, `/runs/${runId}/jobs/${jobId}/finish`, { status }));

/** The dispatch of one job of a declared run, its bundle opened. */
export const dispatchRunJob = (server: Server, runId: string, jobId: string) =>
  dispatchJob(server, jobOf(runId, jobId));

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/** What `setSecretOutput` sends: the value sealed to the run's key, bound to run, job and key. */
export function sealOutput(
  runPublicKey: string,
  target: { runId: string; jobId: string; key: string },
  value: string,
): string {
  const envelope = sealForRun(
    fromBase64(runPublicKey),
    new TextEncoder().encode(value),
    jobOutputAad(target.runId, target.jobId, target.key),
  );
  return Buffer.from(envelope).toString('base64');
}

/** PUT /agent/v1/runs/:runId/jobs/:jobId/outputs/:key with a bearer (a job credential). */
export const putEnvelope = (
  server: Pick<TestServer, 'url'>,
  bearer: string,
  path: { runId: string; jobId: string; key: string },
  envelope: string,
) =>
  answer(
    fetch(`${server.url}/agent/v1/runs/${path.runId}/jobs/${path.jobId}/outputs/${path.key}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ envelope }),
    }),
  );

/** Seals `value` for the job's own path and PUTs it, as the SDK's setSecretOutput does. */
export const putOutput = (
  server: Pick<TestServer, 'url'>,
  dispatch: { runPublicKey: string; credential: string },
  path: { runId: string; jobId: string; key: string },
  value: string,
) => putEnvelope(server, dispatch.credential, path, sealOutput(dispatch.runPublicKey, path, value));

/**
 * Rows of run_ephemeral_keys and run_secret_outputs per run, read straight from the database
 * (on PGlite the server must be stopped first: one process owns its data directory).
 */
export async function runRows(server: Pick<TestServer, 'database' | 'dataDir'>) {
  const direct = await openServerDatabase(server);
  try {
    const rows = async (table: string) => {
      const result = await direct.db.execute(
        `select run_id, count(*)::int as n from ${table} group by run_id`,
      );
      const list = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        run_id: string;
        n: number;
      }[];
      return Object.fromEntries(list.map((row) => [row.run_id, row.n]));
    };
    return { keys: await rows('run_ephemeral_keys'), outputs: await rows('run_secret_outputs') };
  } finally {
    await direct.close();
  }
}

/** Runs statements straight on the database, in order (the server stopped first on PGlite). */
export async function executeDirect(
  server: Pick<TestServer, 'database' | 'dataDir'>,
  statements: readonly string[],
) {
  const direct = await openServerDatabase(server);
  try {
    for (const statement of statements) await direct.db.execute(statement);
  } finally {
    await direct.close();
  }
}

/** An admin API call with raw fetch (`token`: an admin token). */
export const admin = (
  server: Pick<TestServer, 'url'>,
  token: string,
  method: string,
  path: string,
) =>
  answer(
    fetch(`${server.url}/api/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    }),
  );
