// A dispatch's write, carried out by the guarded chain read's statement (core's ChainDispatch),
// against every driver: PGlite always, PostgreSQL with KICI_TEST_DATABASE_URL (always in CI).
import { describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import {
  dispatchJob,
  dispatchRead,
  newRunId,
  output,
  putLocked,
  resolveAudit,
  startRun,
} from './run-fixtures.js';
import { useTestStore } from './use-test-store.js';

describe.each(testDrivers())('dispatch on %s', (driver) => {
  const t = useTestStore(driver);

  it('dispatches with a credential, replaces it on re-dispatch, clears it on finish', async () => {
    const runId = await startRun(t.store);
    const expiresAt = await dispatchJob(t.store, runId, 'A', `sha256:${runId}-1`);
    // The credential lives ttlMs (600 s), within the run key's hour.
    expect(Math.abs(Number(expiresAt) - Date.now() - 600_000)).toBeLessThan(30_000);
    const found = await t.store.runs.findCredential(`sha256:${runId}-1`);
    expect(found).toEqual({
      runId,
      jobId: 'A',
      orgId: 'acme',
      runState: 'running',
      jobState: 'dispatched',
      expiresAt,
    });
    // Never past the run's key (an hour here).
    const capped = await dispatchJob(t.store, runId, 'C', `sha256:${runId}-c`, { ttlMs: 1e9 });
    expect(Math.abs(Number(capped) - Date.now() - 3_600_000)).toBeLessThan(30_000);
    expect(await dispatchJob(t.store, runId, 'A', `sha256:${runId}-o`, { orgId: 'other' })).toBe(
      undefined,
    );
    expect((await t.store.runs.find(runId))?.jobs[0]?.dispatchedAt).toBeInstanceOf(Date);

    // The agent was lost: a second dispatch replaces the credential.
    expect(await dispatchJob(t.store, runId, 'A', `sha256:${runId}-2`)).toBeInstanceOf(Date);
    expect(await t.store.runs.findCredential(`sha256:${runId}-1`)).toBeUndefined();
    expect(await t.store.runs.findCredential(`sha256:${runId}-2`)).toMatchObject({ jobId: 'A' });
    expect(await dispatchJob(t.store, runId, 'Z', `sha256:${runId}-z`)).toBeUndefined();
    expect(await dispatchJob(t.store, 'no-run', 'A', `sha256:${runId}-n`)).toBeUndefined();

    expect(await t.store.runs.allJobsFinal(runId)).toBe(false);
    expect(await t.store.runs.finishJob(runId, 'A', 'succeeded')).toBe(true);
    expect(await t.store.runs.finishJob(runId, 'A', 'failed')).toBe(false);
    expect(await t.store.runs.finishJob(runId, 'Z', 'failed')).toBe(false);
    expect(await t.store.runs.findCredential(`sha256:${runId}-2`)).toBeUndefined();
    expect(await dispatchJob(t.store, runId, 'A', `sha256:${runId}-3`)).toBeUndefined();
    const job = (await t.store.runs.find(runId))?.jobs[0];
    expect(job).toMatchObject({ state: 'succeeded' });
    expect(job?.finishedAt).toBeInstanceOf(Date);

    expect(await t.store.runs.finishJob(runId, 'B', 'skipped')).toBe(true);
    expect(await t.store.runs.allJobsFinal(runId)).toBe(false);
    expect(await t.store.runs.finishJob(runId, 'C', 'cancelled')).toBe(true);
    expect(await t.store.runs.allJobsFinal(runId)).toBe(true);
  });

  it("names the upstream outputs a dispatch reads in its read's audit row, only when dispatched", async () => {
    const runId = await startRun(t.store);
    await putLocked(t.store, output(runId, 'A', 'TOKEN', 4));
    await putLocked(t.store, output(runId, 'A', 'SHADOWED', 4));
    await putLocked(t.store, output(runId, 'C', 'UNNEEDED', 4));
    await t.store.secrets.upsert({
      orgId: 'acme',
      scope: 'pg:ci',
      key: 'SHADOWED',
      ciphertext: Uint8Array.of(1, 2, 3),
      keyVersion: 1,
      backendType: 'pg',
      actor: 'token:t',
    });
    const scopes = ['pg:ci'];
    const read = await dispatchRead(t.store, runId, 'B', `sha256:${runId}-b`, {
      scopes,
      audit: resolveAudit(runId, 'B'),
    });
    const outputs = { keys: ['SHADOWED', 'TOKEN'], from: { SHADOWED: 'A', TOKEN: 'A' } };
    expect(read?.outputsRead).toEqual(outputs);
    // C needs nothing: no outputs named; Z does not exist: nothing written.
    const c = await dispatchRead(t.store, runId, 'C', `sha256:${runId}-c`, {
      scopes,
      audit: resolveAudit(runId, 'C'),
    });
    expect(c?.outputsRead).toBeUndefined();
    expect(
      await dispatchJob(t.store, runId, 'Z', `sha256:${runId}-z`, {
        scopes,
        audit: resolveAudit(runId, 'Z'),
      }),
    ).toBeUndefined();
    const rows = await t.store.audit.query({ action: 'secret.resolve', limit: 50, offset: 0 });
    const mine = rows.filter((row) => row.metadata.runId === runId);
    const byJob = (row: { metadata: Record<string, unknown> }) => String(row.metadata.jobId);
    mine.sort((x, y) => byJob(x).localeCompare(byJob(y)));
    expect(mine.map((row) => row.metadata)).toEqual([
      {
        runId,
        jobId: 'B',
        // SHADOWED is in both: the environment's secret won.
        keys: ['SHADOWED'],
        variables: [],
        outputs,
      },
      { runId, jobId: 'C', keys: ['SHADOWED'], variables: [] },
    ]);
  });

  it("answers the run's key and, per key, the first needed job's output, only when dispatched", async () => {
    const runId = newRunId();
    await t.store.runs.create({
      runId,
      orgId: 'acme',
      jobs: [
        { jobId: 'A', needs: [] },
        { jobId: 'C', needs: [] },
        { jobId: 'D', needs: ['C', 'A'] },
        { jobId: 'E', needs: [] },
      ],
    });
    const a = (key: string) => ({ ...output(runId, 'A', key, 4), ciphertext: Uint8Array.of(0xa) });
    const c = (key: string) => ({ ...output(runId, 'C', key, 4), ciphertext: Uint8Array.of(0xc) });
    await putLocked(t.store, a('ONLY_A'));
    await putLocked(t.store, a('BOTH'));
    await putLocked(t.store, c('BOTH'));
    await putLocked(t.store, { ...output(runId, 'E', 'UNNEEDED', 4) });
    // No key pair yet: the job is dispatched all the same, without runKey.
    const read = await dispatchRead(t.store, runId, 'D', `sha256:${runId}-d`);
    expect(read?.runKey).toBeUndefined();
    expect(read?.until).toBeInstanceOf(Date);
    // C comes first in D's needs: its BOTH wins.
    const upstream = [...(read?.upstream ?? [])].sort((x, y) => x.key.localeCompare(y.key));
    expect(upstream).toEqual([
      { jobId: 'C', key: 'BOTH', ciphertext: Uint8Array.of(0xc) },
      { jobId: 'A', key: 'ONLY_A', ciphertext: Uint8Array.of(0xa) },
    ]);
    await t.store.runKeys.insert({
      runId,
      orgId: 'acme',
      publicKey: Uint8Array.of(1, 2, 3),
      privateKeyCiphertext: Uint8Array.of(4, 5, 6),
      keyVersion: 1,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const again = await dispatchRead(t.store, runId, 'D', `sha256:${runId}-d2`);
    expect(again?.runKey?.publicKey).toEqual(Uint8Array.of(1, 2, 3));
    expect(Math.abs(Number(again?.runKey?.expiresAt) - Date.now() - 3_600_000)).toBeLessThan(
      30_000,
    );
    // A job that needs nothing reads no output; one that was not dispatched reads nothing.
    expect((await dispatchRead(t.store, runId, 'E', `sha256:${runId}-e`))?.upstream).toEqual([]);
    await t.store.runs.finishJob(runId, 'D', 'succeeded');
    expect(await dispatchRead(t.store, runId, 'D', `sha256:${runId}-d3`)).toBeUndefined();
    expect(await dispatchRead(t.store, runId, 'E', `sha256:${runId}-o`, { orgId: 'other' })).toBe(
      undefined,
    );
  });
});
