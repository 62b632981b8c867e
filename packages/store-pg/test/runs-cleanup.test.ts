// The runs repository's periodic side against every driver: claimTick, the orphan cleanup
// (also from two store connections on one PostgreSQL) and rotation of run_secret_outputs.
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type PgStore } from '../src/index.js';
import { testDrivers } from '../src/testing.js';
import {
  backdate,
  countRows,
  dispatchJob,
  newRunId,
  output,
  putLocked,
  startRun,
} from './run-fixtures.js';
import { useTestStore } from './use-test-store.js';

const DAY_MS = 24 * 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDrivers())('runs cleanup on %s', (driver) => {
  const t = useTestStore(driver);
  const others: PgStore[] = [];
  /** The same database through another connection pool (PostgreSQL), as a second instance. */
  const secondInstance = async () => {
    if (driver !== 'postgres') return t.store;
    const store = await openStore({ databaseUrl: t.database.databaseUrl, migrate: false });
    others.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of others) await store.close();
  });

  it('claimTick: exactly one claimer per interval, on every instance', async () => {
    const other = await secondInstance();
    const claimers = [t.store, other, t.store, other, t.store, other];
    const claim = (task: string, everyMs: number) =>
      Promise.all(claimers.map((store, i) => store.runs.claimTick(task, everyMs, `i${i}`)));

    const first = await claim('hourly', 3_600_000);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect((await claim('hourly', 3_600_000)).filter(Boolean)).toHaveLength(0);

    // A short interval: one claim per elapsed interval, whoever asks.
    expect((await claim('short', 300)).filter(Boolean)).toHaveLength(1);
    expect((await claim('short', 300)).filter(Boolean)).toHaveLength(0);
    await sleep(400);
    expect((await claim('short', 300)).filter(Boolean)).toHaveLength(1);

    const result = (await t.store.db.execute(
      sql`select claimed_by, due_at > now() + interval '50 minutes' as later
        from periodic_tasks where name = 'hourly'`,
    )) as unknown;
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      claimed_by: string;
      later: boolean;
    }[];
    expect(rows).toEqual([{ claimed_by: `i${first.indexOf(true)}`, later: true }]);
  });

  it('deleteOrphans: old keys and outputs go, old running runs expire, once', async () => {
    const fresh = await startRun(t.store);
    await putLocked(t.store, output(fresh, 'A', 'TOKEN'));
    const old = [await startRun(t.store), await startRun(t.store), await startRun(t.store)];
    for (const runId of old) {
      await dispatchJob(t.store, runId, 'A', `sha256:${runId}`, { ttlMs: DAY_MS });
      await putLocked(t.store, output(runId, 'A', 'TOKEN', 7));
      await putLocked(t.store, output(runId, 'B', 'OTHER', 2));
    }
    // One ended long ago (nothing left of it) and a test run's key pair (no runs row).
    await t.store.runs.end(old[2] as string, 'completed');
    const testRun = newRunId('test-run');
    await t.store.runKeys.insert({
      runId: testRun,
      orgId: 'acme',
      publicKey: Uint8Array.of(1),
      privateKeyCiphertext: Uint8Array.of(2),
      keyVersion: 1,
      expiresAt: new Date(Date.now() + DAY_MS),
    });
    for (const runId of [...old, testRun]) await backdate(t.store, runId, 25);

    const other = await secondInstance();
    const cutoff = new Date((await t.store.now()).getTime() - DAY_MS);
    const results = await Promise.all([
      t.store.runs.deleteOrphans(cutoff),
      other.runs.deleteOrphans(cutoff),
      t.store.runs.deleteOrphans(cutoff),
    ]);
    const total = (field: 'keys' | 'outputs' | 'runs') =>
      results.reduce((sum, result) => sum + result[field], 0);
    // Whatever earlier tests left behind is older than a minute only when backdated.
    expect({ keys: total('keys'), outputs: total('outputs'), runs: total('runs') }).toEqual({
      keys: 3,
      outputs: 4,
      runs: 2,
    });

    for (const runId of old.slice(0, 2)) {
      expect(await countRows(t.store, 'run_secret_outputs', runId)).toBe(0);
      expect(await countRows(t.store, 'run_ephemeral_keys', runId)).toBe(0);
      expect(await t.store.runs.findCredential(`sha256:${runId}`)).toBeUndefined();
      const run = await t.store.runs.find(runId);
      expect(run?.state).toBe('expired');
      expect(run?.jobs.map((job) => job.state)).toEqual(['skipped', 'skipped', 'skipped']);
      expect(run?.jobs.map((job) => job.outputSummary.map((o) => o.key))).toEqual([
        ['TOKEN'],
        ['OTHER'],
        [],
      ]);
    }
    expect((await t.store.runs.find(old[2] as string))?.state).toBe('completed');
    expect(await t.store.runKeys.find(testRun)).toBeUndefined();
    expect((await t.store.runs.find(fresh))?.state).toBe('running');
    expect(await countRows(t.store, 'run_secret_outputs', fresh)).toBe(1);
    expect(await t.store.runKeys.find(fresh)).toBeDefined();
    expect(await t.store.runs.deleteOrphans(cutoff)).toEqual({ keys: 0, outputs: 0, runs: 0 });
  });

  it('deleteOrphans: an old output of a live run goes too (rows older than the cutoff)', async () => {
    const runId = await startRun(t.store);
    await putLocked(t.store, output(runId, 'A', 'OLD'));
    await putLocked(t.store, output(runId, 'A', 'NEW'));
    await t.store.db.execute(sql`update run_secret_outputs set created_at = now() - interval '2 days'
      where run_id = ${runId} and key = 'OLD'`);
    const cutoff = new Date((await t.store.now()).getTime() - DAY_MS);
    expect(await t.store.runs.deleteOrphans(cutoff)).toEqual({ keys: 0, outputs: 1, runs: 0 });
    expect((await t.store.runs.outputInfos(runId)).get('A')?.map((o) => o.key)).toEqual(['NEW']);
  });

  it('rotation: batches of outputs carry their scope and key, and re-seal', async () => {
    const runId = await startRun(t.store);
    await putLocked(t.store, output(runId, 'A', 'TOKEN', 4));
    await putLocked(t.store, output(runId, 'B', 'OTHER', 2));
    expect(await t.store.runs.maxKeyVersion()).toBe(1);
    const before = await t.store.runs.count();
    expect(before).toBeGreaterThanOrEqual(2);
    const writtenBefore = await t.store.now();

    const resealed = await t.store.transaction(async (tx) => {
      const rows = (await tx.runs.lockBatchBelowVersion(2, 1_000, writtenBefore)).filter((row) =>
        row.scope.startsWith(`${runId}/`),
      );
      await tx.runs.reseal(
        rows.map((row) => ({ id: row.id, ciphertext: Uint8Array.of(9, row.key.length) })),
        2,
      );
      return rows;
    });
    expect(resealed.map((row) => [row.orgId, row.scope, row.key, row.version])).toEqual([
      ['acme', `${runId}/A`, 'TOKEN', 0],
      ['acme', `${runId}/B`, 'OTHER', 0],
    ]);
    expect(resealed[0]?.ciphertext).toEqual(output(runId, 'A', 'TOKEN', 4).ciphertext);
    const sealed = await t.store.runs.outputsOf(runId, ['A', 'B']);
    expect(sealed.map((o) => [o.key, o.keyVersion, [...o.ciphertext]])).toEqual([
      ['TOKEN', 2, [9, 5]],
      ['OTHER', 2, [9, 5]],
    ]);
    expect(await t.store.runs.maxKeyVersion()).toBe(2);
    expect(await t.store.runs.count()).toBe(before);

    // Paging (the scan before a rotation) and rows written after the rotation began.
    const rows = await t.store.transaction((tx) =>
      tx.runs.lockBatchBelowVersion(3, 1_000, writtenBefore, { afterId: resealed[0]?.id ?? 0 }),
    );
    expect(rows.some((row) => row.id === resealed[0]?.id)).toBe(false);
    expect(rows.some((row) => row.id === resealed[1]?.id)).toBe(true);
    await putLocked(t.store, output(runId, 'A', 'TOKEN', 4)); // rewritten: created_at restarts
    const afterRewrite = await t.store.transaction((tx) =>
      tx.runs.lockBatchBelowVersion(3, 1_000, writtenBefore),
    );
    expect(afterRewrite.some((row) => row.scope === `${runId}/A`)).toBe(false);
  });
});
