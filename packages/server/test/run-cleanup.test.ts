// The orphan cleanup of a real server: rows of crashed runs, backdated past 24 hours in the
// database, are deleted once by the server's own timer (KICI_RUN_CLEANUP_INTERVAL_MS small),
// audited and logged with counts only; live runs are left alone. On PostgreSQL two instances
// share the database and tick together: each orphan is deleted once, by one of them.
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { internalPost } from './helpers.js';
import {
  admin,
  createRun,
  dispatchRunJob,
  executeDirect,
  putOutput,
  runRows,
} from './run-helpers.js';

const OLD = `now() - interval '25 hours'`;
const BACKDATE = [
  `update runs set created_at = ${OLD} where run_id = 'run-old'`,
  `update run_ephemeral_keys set created_at = ${OLD} where run_id in ('run-old', 'test-old')`,
  `update run_secret_outputs set created_at = ${OLD} where run_id = 'run-old'`,
  'delete from periodic_tasks',
];

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
};

describe.each(testDrivers())('the orphan cleanup (%s)', (driver) => {
  let first: TestServer;
  let server: TestServer;
  /** PostgreSQL only: a second instance on the same database. */
  let peer: TestServer | undefined;
  const logs = () => server.output() + (peer?.output() ?? '');
  const CLEANUP = { KICI_RUN_CLEANUP_INTERVAL_MS: '300', KICI_RUN_CLEANUP_TICK_MS: '100' };

  beforeAll(async () => {
    // The first instance never ticks: the claim of the interval is left to the second.
    first = await startTestServer({ driver, env: { KICI_RUN_CLEANUP_TICK_MS: '3600000' } });
    const owner = createAdminClient({ baseUrl: first.url, token: first.token });
    await owner.environments.create('acme', { name: 'production' });
    for (const runId of ['run-old', 'run-new']) {
      await createRun(first, runId, [{ id: 'A' }, { id: 'B', needs: ['A'] }]);
      const a = (await dispatchRunJob(first, runId, 'A')).body;
      await putOutput(first, a, { runId, jobId: 'A', key: 'TOKEN' }, `value-of-${runId}`);
    }
    // A test run's key without a run: an orphan too once it is old.
    await internalPost(first, '/runs/test-old/key', { orgId: 'acme' });
    await first.stop();
    await executeDirect(first, BACKDATE);
    const instance = () =>
      startTestServer({ driver, reuse: first, token: first.token, env: CLEANUP });
    [server, peer] = await Promise.all([
      instance(),
      driver === 'postgres' ? instance() : Promise.resolve(undefined),
    ]);
  }, 120_000);
  afterAll(async () => {
    await peer?.stop();
    await server?.stop();
    await first?.dispose();
  });

  it('deletes keys and outputs older than 24 hours once, expires their runs, audits and logs counts', async () => {
    expect(await until(() => logs().includes('run cleanup: deleted'), 20_000)).toBe(true);
    expect(logs()).toContain('run cleanup: deleted 2 run keys and 1 outputs, expired 1 runs');
    // Several more intervals: nothing is left to delete, so nothing more is written.
    await new Promise((r) => setTimeout(r, 1500));
    const owner = createAdminClient({ baseUrl: server.url, token: server.token });
    const rows = (await owner.audit({ action: 'run.cleanup', limit: 10 })).entries;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: 'system',
      outcome: 'success',
      metadata: { keys: 2, outputs: 1, runs: 1 },
    });
    expect(logs().match(/run cleanup: deleted/g)).toHaveLength(1);
    expect(logs()).not.toContain('value-of-');

    const old = await admin(server, server.token, 'GET', '/runs/run-old');
    expect(old.body).toMatchObject({ state: 'expired' });
    expect((await dispatchRunJob(server, 'run-old', 'B')).status).toBe(409);
    // The live run keeps its key and output: B still gets A's value.
    const b = await dispatchRunJob(server, 'run-new', 'B');
    expect(b.secrets.TOKEN?.value).toBe('value-of-run-new');
  });

  it('stops with the server (no failed tick), leaving the rows of live runs only', async () => {
    expect(await peer?.stop()).toBe(peer ? 0 : undefined);
    expect(await server.stop()).toBe(0);
    expect(logs()).not.toContain('run cleanup tick failed');
    const rows = await runRows(server);
    expect(rows).toEqual({ keys: { 'run-new': 1 }, outputs: { 'run-new': 1 } });
  }, 60_000);
});
