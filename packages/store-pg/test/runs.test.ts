// The runs repository against every driver: PGlite always, PostgreSQL with
// KICI_TEST_DATABASE_URL (always in CI). Cleanup, ticks and rotation: runs-cleanup.test.ts.
import { describe, expect, it } from 'vitest';
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

describe.each(testDrivers())('runs on %s', (driver) => {
  const t = useTestStore(driver);

  it('creates a run once and finds it with its jobs in declared order', async () => {
    const runId = await startRun(t.store);
    expect(await t.store.runs.create({ runId, orgId: 'other', jobs: [] })).toBe(false);
    const run = await t.store.runs.find(runId);
    expect(run).toMatchObject({ runId, orgId: 'acme', state: 'running', completedAt: null });
    expect(run?.createdAt).toBeInstanceOf(Date);
    expect(run?.jobs.map((job) => [job.jobId, job.needs, job.state])).toEqual([
      ['A', [], 'pending'],
      ['B', ['A'], 'pending'],
      ['C', [], 'pending'],
    ]);
    expect(run?.jobs[0]).toMatchObject({ dispatchedAt: null, finishedAt: null, outputSummary: [] });
    expect(await t.store.runs.find('no-such-run')).toBeUndefined();
  });

  it('lists newest first, filtered by org and state, with job and output counts', async () => {
    const org = newRunId('org');
    const [old, mid, recent] = [newRunId(), newRunId(), newRunId()];
    for (const runId of [old, mid, recent]) await startRun(t.store, runId, org);
    await backdate(t.store, old, 3);
    await backdate(t.store, mid, 2);
    await startRun(t.store, newRunId(), `${org}-else`);
    await putLocked(t.store, output(recent, 'A', 'TOKEN', 10, org));
    await putLocked(t.store, output(recent, 'B', 'OTHER', 5, org));
    await putLocked(t.store, output(mid, 'A', 'TOKEN', 7, org));
    await t.store.runs.end(mid, 'completed');

    const listed = await t.store.runs.list({ orgId: org, limit: 50 });
    expect(listed.map((run) => run.runId)).toEqual([recent, mid, old]);
    expect(listed.map((run) => [run.jobs, run.outputs, run.outputBytes])).toEqual([
      [3, 2, 15],
      [3, 1, 7], // from the summary kept on run_jobs
      [3, 0, 0],
    ]);
    expect(listed[1]).toMatchObject({ state: 'completed' });
    expect(listed[1]?.completedAt).toBeInstanceOf(Date);
    expect(
      (await t.store.runs.list({ orgId: org, state: 'running', limit: 50 })).map((r) => r.runId),
    ).toEqual([recent, old]);
    expect((await t.store.runs.list({ orgId: org, limit: 1 })).map((r) => r.runId)).toEqual([
      recent,
    ]);
    const everyOrg = await t.store.runs.list({ limit: 500 });
    expect(everyOrg.some((run) => run.orgId === `${org}-else`)).toBe(true);
  });

  it("reads why a job may not be dispatched: the run's org and state, the job's state", async () => {
    const runId = await startRun(t.store);
    expect(await t.store.runs.dispatchView(runId, 'B')).toEqual({
      orgId: 'acme',
      runState: 'running',
      job: { state: 'pending', needs: ['A'] },
    });
    // Z is not a job of the run; an unknown run has no view.
    expect(await t.store.runs.dispatchView(runId, 'Z')).toEqual({
      orgId: 'acme',
      runState: 'running',
      job: undefined,
    });
    expect(await t.store.runs.dispatchView('no-such-run', 'A')).toBeUndefined();
    await t.store.runs.finishJob(runId, 'B', 'succeeded');
    expect((await t.store.runs.dispatchView(runId, 'B'))?.job).toEqual({
      state: 'succeeded',
      needs: ['A'],
    });
    await t.store.runs.end(runId, 'completed');
    expect(await t.store.runs.dispatchView(runId, 'C')).toMatchObject({ runState: 'completed' });
  });

  it('locks a job, puts and replaces outputs, and reads only the named jobs', async () => {
    const runId = await startRun(t.store);
    expect(await t.store.transaction((tx) => tx.runs.lockJobOutputs(runId, 'A'))).toEqual([]);
    expect(await t.store.transaction((tx) => tx.runs.lockJobOutputs(runId, 'Z'))).toBeUndefined();

    const first = await putLocked(t.store, output(runId, 'A', 'TOKEN', 10));
    expect(first).toMatchObject({ key: 'TOKEN', bytes: 10 });
    expect(first.createdAt).toBeInstanceOf(Date);
    await putLocked(t.store, output(runId, 'A', 'TOKEN', 4)); // replaces, does not add
    await putLocked(t.store, output(runId, 'A', 'ANOTHER', 2));
    await putLocked(t.store, output(runId, 'C', 'ELSEWHERE', 1));
    const locked = await t.store.transaction((tx) => tx.runs.lockJobOutputs(runId, 'A'));
    expect(locked?.map((o) => [o.key, o.bytes])).toEqual([
      ['ANOTHER', 2],
      ['TOKEN', 4],
    ]);

    const sealed = await t.store.runs.outputsOf(runId, ['A']);
    expect(sealed.map((o) => [o.jobId, o.key, o.bytes, o.keyVersion])).toEqual([
      ['A', 'ANOTHER', 2, 1],
      ['A', 'TOKEN', 4, 1],
    ]);
    expect(sealed[1]?.ciphertext).toBeInstanceOf(Uint8Array);
    expect(sealed[1]?.ciphertext).toEqual(output(runId, 'A', 'TOKEN', 4).ciphertext);
    expect(await t.store.runs.outputsOf(runId, [])).toEqual([]);
    expect(await t.store.runs.outputsOf(runId, ['B'])).toEqual([]);
    expect((await t.store.runs.outputsOf(runId, ['A', 'C'])).length).toBe(3);
    const otherRun = await startRun(t.store);
    expect(await t.store.runs.outputsOf(otherRun, ['A', 'C'])).toEqual([]);

    const infos = await t.store.runs.outputInfos(runId);
    expect([...infos.keys()].sort()).toEqual(['A', 'C']);
    expect(infos.get('C')?.map((o) => [o.key, o.bytes])).toEqual([['ELSEWHERE', 1]]);
  });

  it('serialises puts of one job on its row lock: the second sees the first', async () => {
    const runId = await startRun(t.store);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = t.store.transaction(async (tx) => {
      await tx.runs.lockJobOutputs(runId, 'A');
      locked();
      await held;
      return tx.runs.putOutput(output(runId, 'A', 'FIRST'));
    });
    await lockTaken;
    const second = t.store.transaction(async (tx) => {
      const seen = await tx.runs.lockJobOutputs(runId, 'A');
      await tx.runs.putOutput(output(runId, 'A', 'SECOND'));
      return seen?.map((o) => o.key);
    });
    setTimeout(release, 100);
    await first;
    expect(await second).toEqual(['FIRST']);
  });

  it('ends a run in one go: outputs and key pair deleted, summaries kept, once', async () => {
    const runId = await startRun(t.store);
    await dispatchJob(t.store, runId, 'A', `sha256:${runId}-a`);
    await dispatchJob(t.store, runId, 'C', `sha256:${runId}-c`);
    await t.store.runs.finishJob(runId, 'C', 'failed');
    await putLocked(t.store, output(runId, 'A', 'TOKEN', 10));
    await putLocked(t.store, output(runId, 'A', 'OTHER', 5));
    await putLocked(t.store, output(runId, 'C', 'PARTIAL', 1));

    expect(await t.store.runs.end(runId, 'completed')).toEqual({ keys: 1, outputs: 3 });
    expect(await countRows(t.store, 'run_secret_outputs', runId)).toBe(0);
    expect(await countRows(t.store, 'run_ephemeral_keys', runId)).toBe(0);
    expect(await t.store.runs.findCredential(`sha256:${runId}-a`)).toBeUndefined();
    const run = await t.store.runs.find(runId);
    expect(run).toMatchObject({ state: 'completed' });
    expect(run?.completedAt).toBeInstanceOf(Date);
    expect(run?.jobs.map((job) => job.state)).toEqual(['skipped', 'skipped', 'failed']);
    expect(run?.jobs[0]?.outputSummary.map((o) => [o.key, o.bytes])).toEqual([
      ['OTHER', 5],
      ['TOKEN', 10],
    ]);
    expect(run?.jobs[0]?.outputSummary[0]?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(Date.now() - Number(run?.jobs[0]?.outputSummary[0]?.createdAt))).toBeLessThan(
      60_000,
    );
    expect(run?.jobs[2]?.outputSummary.map((o) => o.key)).toEqual(['PARTIAL']);
    expect(await t.store.runs.outputInfos(runId)).toEqual(new Map());

    expect(await t.store.runs.end(runId, 'cancelled')).toBeUndefined();
    expect(await t.store.runs.end('no-such-run', 'completed')).toBeUndefined();
    expect(await dispatchJob(t.store, runId, 'B', `sha256:${runId}-b`)).toBeUndefined();
    // A put racing the end (its credential checked before) is refused, not kept.
    await expect(putLocked(t.store, output(runId, 'A', 'LATE'))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await countRows(t.store, 'run_secret_outputs', runId)).toBe(0);
  });

  it('cancels: open jobs become cancelled; two concurrent ends count once', async () => {
    const runId = await startRun(t.store);
    await putLocked(t.store, output(runId, 'A', 'TOKEN'));
    const ends = await Promise.all([
      t.store.runs.end(runId, 'cancelled'),
      t.store.runs.end(runId, 'completed'),
    ]);
    expect(ends.filter((counts) => counts !== undefined)).toEqual([{ keys: 1, outputs: 1 }]);
    const run = await t.store.runs.find(runId);
    expect(run?.state).toBe(ends[0] ? 'cancelled' : 'completed');
    if (ends[0]) expect(run?.jobs.map((job) => job.state)).toEqual(Array(3).fill('cancelled'));
  });
});
