// The orphan cleanup on two kici-server instances sharing one PostgreSQL: run keys, outputs and
// runs older than 24 hours (backdated here, in batches, while both instances tick every 100 ms
// for a cleanup due every 500 ms) are each deleted once: the `run.cleanup` audit rows' counts
// sum to the orphans made, each row is one tick of one instance, and young runs are untouched.

import type { TestServer } from '@kici/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, openDirect, query } from './database.js';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  hasPostgres,
  instanceIdOf,
  POSTGRES_URL_VARIABLE,
  waitFor,
} from './orchestrator.js';
import { createRun, dispatchJob, internal, putOutput, sealOutput } from './runs.js';

const ORG = 'acme';
const BATCHES = 3;
const RUNS_PER_BATCH = 2;
const INTERVAL_MS = 500;

const title = hasPostgres()
  ? 'the orphan cleanup on two instances sharing one PostgreSQL'
  : `the orphan cleanup on two instances — skipped: ${POSTGRES_URL_VARIABLE} is not set`;

interface CleanupRow {
  at: number;
  instance: string;
  keys: number;
  outputs: number;
  runs: number;
}

describe.skipIf(!hasPostgres())(title, () => {
  const recorder = createRecorder();
  let cluster: Cluster;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    cluster = createCluster('postgres', {
      KICI_RUN_CLEANUP_INTERVAL_MS: String(INTERVAL_MS),
      KICI_RUN_CLEANUP_TICK_MS: '100',
    });
    a = await cluster.start();
    b = await cluster.start();
    await clientOf(a, recorder).environments.create(ORG, {
      name: 'production',
      scopes: ['production'],
    });
  }, 180_000);
  afterAll(() => cluster?.dispose(), 60_000);

  async function cleanupRows(): Promise<CleanupRow[]> {
    const { entries } = await clientOf(a, recorder).audit({ action: 'run.cleanup', limit: 1000 });
    return entries.map((e) => ({
      at: new Date(e.at).getTime(),
      instance: String(e.metadata.instance),
      keys: Number(e.metadata.keys),
      outputs: Number(e.metadata.outputs),
      runs: Number(e.metadata.runs),
    }));
  }

  /** A running run with an output in job A, and a test run's key: three kinds of orphan rows. */
  async function orphans(batch: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < RUNS_PER_BATCH; i++) {
      const runId = `run-orphan-${batch}-${i}`;
      const run = await createRun(a, ORG, runId, [{ id: 'A' }, { id: 'B', needs: ['A'] }]);
      const job = await dispatchJob(b, ORG, runId, 'A', { environment: 'production' });
      const path = { runId, jobId: 'A', key: 'TOKEN' };
      const put = await putOutput(
        a,
        job.body.credential,
        path,
        sealOutput(run.publicKey, runId, 'A', 'TOKEN', `v-${runId}`),
      );
      expect(put.status).toBe(200);
      ids.push(runId);
    }
    const testRun = `test-run-orphan-${batch}`;
    expect((await internal(a, `/runs/${testRun}/key`, { orgId: ORG })).status).toBe(200);
    return [...ids, testRun];
  }

  it('deletes each backdated orphan exactly once, one audit row per tick that found any', async () => {
    const young = await createRun(a, ORG, 'run-young', [{ id: 'A' }]);
    expect(young.state).toBe('running');
    const store = await openDirect(a);
    const made = { keys: 0, outputs: 0, runs: 0 };
    try {
      for (let batch = 0; batch < BATCHES; batch++) {
        const ids = await orphans(batch);
        const list = ids.map((id) => `'${id}'`).join(', ');
        // One statement: both instances see the batch become old at the same instant.
        await query(
          store,
          `with r as (update runs set created_at = now() - interval '25 hours' where run_id in (${list}) returning 1),
                k as (update run_ephemeral_keys set created_at = now() - interval '25 hours' where run_id in (${list}) returning 1),
                o as (update run_secret_outputs set created_at = now() - interval '25 hours' where run_id in (${list}) returning 1)
           select (select count(*) from r) as r, (select count(*) from k) as k, (select count(*) from o) as o`,
        );
        made.keys += ids.length;
        made.outputs += RUNS_PER_BATCH;
        made.runs += RUNS_PER_BATCH;
        await waitFor(`batch ${batch} cleaned`, async () =>
          (await count(store, 'run_ephemeral_keys', `run_id in (${list})`)) === 0
            ? true
            : undefined,
        );
      }
      // A further interval or two: nothing is deleted twice, nothing young is touched.
      await new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL_MS));
      expect(await count(store, 'run_ephemeral_keys', `run_id = 'run-young'`)).toBe(1);
      expect(await count(store, 'runs', `run_id = 'run-young' and state = 'running'`)).toBe(1);
      expect(await count(store, 'run_secret_outputs')).toBe(0);
      expect(await count(store, 'runs', `state = 'expired'`)).toBe(made.runs);
    } finally {
      await store.close();
    }
    const rows = await cleanupRows();
    const sum = (field: 'keys' | 'outputs' | 'runs') => rows.reduce((n, r) => n + r[field], 0);
    expect({ keys: sum('keys'), outputs: sum('outputs'), runs: sum('runs') }).toEqual(made);
    // Each row is one instance's tick; the ticks of one interval are never both taken.
    const instances = new Set([instanceIdOf(a), instanceIdOf(b)]);
    for (const row of rows) expect(instances.has(row.instance)).toBe(true);
    const sorted = rows.map((r) => r.at).sort((x, y) => x - y);
    for (let i = 1; i < sorted.length; i++) {
      expect((sorted[i] as number) - (sorted[i - 1] as number)).toBeGreaterThanOrEqual(
        INTERVAL_MS - 50,
      );
    }
    expect(rows.length).toBeLessThanOrEqual(BATCHES * 2);
    console.log(
      `cleanup: ${rows.length} rows for ${BATCHES} batches, by ${rows.map((r) => r.instance).join(', ')}`,
    );
  }, 120_000);
});
