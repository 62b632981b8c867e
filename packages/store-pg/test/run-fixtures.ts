import type { ChainAudit } from '@kici/core';
import { sql } from 'drizzle-orm';
import type { PgStore } from '../src/index.js';

let counter = 0;
/** A run id of its own for each test (one database per describe block). */
export const newRunId = (prefix = 'run') => `${prefix}-${++counter}-${Date.now()}`;

export const JOBS = [
  { jobId: 'A', needs: [] },
  { jobId: 'B', needs: ['A'] },
  { jobId: 'C', needs: [] },
];

/** A running run with jobs A, B (needs A), C, and its key pair. */
export async function startRun(store: PgStore, runId = newRunId(), orgId = 'acme') {
  await store.runs.create({ runId, orgId, jobs: JOBS });
  await store.runKeys.insert({
    runId,
    orgId,
    publicKey: Uint8Array.of(1, 2, 3),
    privateKeyCiphertext: Uint8Array.of(4, 5, 6),
    keyVersion: 1,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return runId;
}

export function output(runId: string, jobId: string, key: string, bytes = 3, orgId = 'acme') {
  return {
    orgId,
    runId,
    jobId,
    key,
    ciphertext: Uint8Array.from({ length: bytes + 28 }, (_, i) => i),
    keyVersion: 1,
    bytes,
  };
}

/** Puts an output as core does: job row locked first, in one transaction. */
export const putLocked = (store: PgStore, value: ReturnType<typeof output>) =>
  store.transaction(async (tx) => {
    await tx.runs.lockJobOutputs(value.runId, value.jobId);
    return tx.runs.putOutput(value);
  });

export async function countRows(store: PgStore, table: string, runId: string): Promise<number> {
  const result = (await store.db.execute(
    sql`select count(*)::int as count from ${sql.identifier(table)} where run_id = ${runId}`,
  )) as unknown;
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return (rows[0] as { count: number }).count;
}

/** Moves a run's rows (run, outputs, key) back in time by `hours`. */
export async function backdate(store: PgStore, runId: string, hours: number) {
  for (const table of ['runs', 'run_secret_outputs', 'run_ephemeral_keys']) {
    await store.db.execute(
      sql`update ${sql.identifier(table)} set created_at = created_at - make_interval(hours => ${hours}::int)
        where run_id = ${runId}`,
    );
  }
}

/** The audit row of a dispatch's read (completed by the statement). */
export const resolveAudit = (runId: string, jobId: string, orgId = 'acme') => ({
  actor: 'dispatcher',
  action: 'secret.resolve',
  outcome: 'success' as const,
  orgId,
  contextName: null,
  routingKey: null,
  metadata: { runId, jobId },
});

/**
 * Dispatches a job as core does, through the guarded chain read's statement (ChainDispatch),
 * reading `scopes` of the org's `dispatch-env` environment (made on first use). Answers
 * what the statement read for the job, undefined when it was not dispatched.
 */
export async function dispatchRead(
  store: PgStore,
  runId: string,
  jobId: string,
  credentialHash: string,
  {
    orgId = 'acme',
    ttlMs = 600_000,
    scopes = [] as string[],
    audit = undefined as ChainAudit | undefined,
  } = {},
) {
  const rules = { branches: [], triggers: [], repositories: [], allowForks: true };
  const write = { rules, allowLocalExecution: false, scopes };
  const environment =
    (await store.environments.find(orgId, 'dispatch-env')) ??
    (await store.environments.create(orgId, 'dispatch-env', write, 'token:t'));
  if (!environment) throw new Error('no dispatch-env environment');
  const rows = await store.chains.readIfCurrent(orgId, scopes, environment, audit, {
    runId,
    jobId,
    credentialHash,
    ttlMs,
  });
  return rows?.dispatched;
}

/** dispatchRead's credential expiry. */
export const dispatchJob = async (...args: Parameters<typeof dispatchRead>) =>
  (await dispatchRead(...args))?.until;
