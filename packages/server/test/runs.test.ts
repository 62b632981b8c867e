// Runs and cross-job secret outputs over real HTTP: the dispatcher declares a run and
// dispatches its jobs (each bundle sealed to the agent), an agent posts an output sealed to
// the run's key, the jobs that need it get it, the run's end deletes its key and outputs.
import { type AdminClient, createAdminClient } from '@kici/contracts';
import { generateRunKeyPair } from '@kici/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { internalPost } from './helpers.js';
import {
  admin,
  createRun,
  dispatchRunJob,
  finishJob,
  jobOf,
  putOutput,
  runRows,
} from './run-helpers.js';

const ENV_PASSWORD = 'db-password-from-the-environment';
const MINTED = 'minted-token-of-job-a-0123456789';
const FROM_B = 'token-of-job-b-9876543210';

describe.each(testDrivers())('runs and cross-job outputs (%s)', (driver) => {
  let server: TestServer;
  let owner: AdminClient;
  const runs = (method: string, path: string, token = server.token) =>
    admin(server, token, method, `/runs${path}`);
  const lastAudit = async (action: string) => (await owner.audit({ action, limit: 1 })).entries[0];

  beforeAll(async () => {
    server = await startTestServer({ driver });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    await owner.secrets.set('acme', 'shared', 'DB_PASSWORD', ENV_PASSWORD);
    await owner.environments.create('acme', { name: 'production', scopes: ['shared'] });
  }, 120_000);
  afterAll(() => server?.dispose());

  const GRAPH = [
    { id: 'A' },
    { id: 'B', needs: ['A'] },
    { id: 'C' },
    { id: 'D', needs: ['B', 'A'] },
  ];

  it('declares a run once: the same again is 200, another graph or org 409, a bad graph 400', async () => {
    const created = await createRun(server, 'run-1', GRAPH);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ runId: 'run-1', orgId: 'acme', state: 'running' });
    expect(created.body.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(created.body.jobs).toEqual([
      { id: 'A', needs: [] },
      { id: 'B', needs: ['A'] },
      { id: 'C', needs: [] },
      { id: 'D', needs: ['B', 'A'] },
    ]);
    expect(await lastAudit('run.create')).toMatchObject({
      actor: 'dispatcher',
      metadata: { runId: 'run-1', jobs: 4 },
    });
    const again = await createRun(server, 'run-1', GRAPH);
    expect([again.status, again.body.publicKey]).toEqual([200, created.body.publicKey]);
    expect((await createRun(server, 'run-1', [{ id: 'A' }])).status).toBe(409);
    expect((await createRun(server, 'run-1', GRAPH, 'other-org')).status).toBe(409);

    const bad: [{ id: string; needs?: string[] }[], string][] = [
      [
        [
          { id: 'A', needs: ['B'] },
          { id: 'B', needs: ['A'] },
        ],
        'cycle',
      ],
      [[{ id: 'A', needs: ['Z'] }], 'Z'],
      [[{ id: 'A' }, { id: 'A' }], 'unique'],
    ];
    for (const [jobs, word] of bad) {
      const refused = await createRun(server, 'run-bad', jobs);
      expect([refused.status, refused.body.error.field]).toEqual([400, 'jobs']);
      expect(refused.body.error.message).toContain(word);
    }
    const slash = await createRun(server, 'run/1', [{ id: 'A' }]);
    expect([slash.status, slash.body.error.field]).toEqual([400, 'runId']);

    // A dispatch needs a declared run and job.
    const agentPublicKey = Buffer.from(generateRunKeyPair().publicKey).toString('base64');
    const unknown = await internalPost(server, '/resolve', {
      ...jobOf('run-nowhere', 'A'),
      agentPublicKey,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      'create it with POST /internal/v1/runs',
    );
    const undeclared = await internalPost(server, '/resolve', {
      ...jobOf('run-1', 'Z'),
      agentPublicKey,
    });
    expect(undeclared.status).toBe(404);
  });

  it("passes A's output to the jobs that need A, never to C; an environment secret wins a collision", async () => {
    const a = await dispatchRunJob(server, 'run-1', 'A');
    expect(a.status).toBe(200);
    expect(a.body.credential).toMatch(/^kici_job_/);
    expect(a.secrets.DB_PASSWORD).toEqual({
      value: ENV_PASSWORD,
      backend: 'pg',
      scope: 'pg:shared',
    });
    expect(a.body.sources).toEqual({ 'pg:shared': { backend: 'pg', keys: ['DB_PASSWORD'] } });

    const set = await putOutput(
      server,
      a.body,
      { runId: 'run-1', jobId: 'A', key: 'TOKEN' },
      MINTED,
    );
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ runId: 'run-1', jobId: 'A', key: 'TOKEN', bytes: 32 });
    expect(set.text).not.toContain(MINTED);
    const audited = await lastAudit('run.output.set');
    expect(audited).toMatchObject({
      outcome: 'success',
      metadata: { runId: 'run-1', jobId: 'A', key: 'TOKEN', bytes: 32 },
    });
    expect(JSON.stringify(audited)).not.toContain(MINTED);
    // Code in job A tries to shadow the admin's value: the environment's secret wins.
    const shadow = { runId: 'run-1', jobId: 'A', key: 'DB_PASSWORD' };
    expect((await putOutput(server, a.body, shadow, 'shadowed-by-job-a')).status).toBe(200);

    const b = await dispatchRunJob(server, 'run-1', 'B');
    expect(b.status).toBe(200);
    expect(b.secrets.TOKEN).toEqual({ value: MINTED, backend: 'job-output', scope: 'run-1/A' });
    expect(b.secrets.DB_PASSWORD?.value).toBe(ENV_PASSWORD);
    expect(b.body.sources).toEqual({
      'pg:shared': { backend: 'pg', keys: ['DB_PASSWORD'] },
      'run-1/A': { backend: 'job-output', keys: ['TOKEN'] },
    });
    expect(b.text).not.toContain(MINTED);
    // The dispatch's one audit row names the outputs read; DB_PASSWORD, in `keys` too, was
    // shadowed by the environment's secret.
    expect(await lastAudit('secret.resolve')).toMatchObject({
      metadata: {
        runId: 'run-1',
        jobId: 'B',
        keys: ['DB_PASSWORD'],
        outputs: { keys: ['DB_PASSWORD', 'TOKEN'], from: { DB_PASSWORD: 'A', TOKEN: 'A' } },
      },
    });

    const c = await dispatchRunJob(server, 'run-1', 'C');
    expect(c.status).toBe(200);
    expect(Object.keys(c.secrets)).toEqual(['DB_PASSWORD']);
    expect(c.secrets.DB_PASSWORD?.value).toBe(ENV_PASSWORD);

    // D needs [B, A]: B is listed first, so B's TOKEN wins over A's.
    const fromB = { runId: 'run-1', jobId: 'B', key: 'TOKEN' };
    expect((await putOutput(server, b.body, fromB, FROM_B)).status).toBe(200);
    const d = await dispatchRunJob(server, 'run-1', 'D');
    expect(d.secrets.TOKEN).toEqual({ value: FROM_B, backend: 'job-output', scope: 'run-1/B' });
  });

  it('finishing every job completes the run: key and outputs deleted, credentials dead', async () => {
    const finishedA = await finishJob(server, 'run-1', 'A');
    expect(finishedA.body).toEqual({
      runId: 'run-1',
      jobId: 'A',
      state: 'succeeded',
      runState: 'running',
    });
    expect((await finishJob(server, 'run-1', 'A')).status).toBe(409);
    const redispatch = await dispatchRunJob(server, 'run-1', 'A');
    expect(redispatch.status).toBe(409);
    // Refused and recorded; its resolution wrote nothing (the dispatch is one statement).
    expect((await lastAudit('secret.resolve'))?.metadata).toMatchObject({ jobId: 'D' });
    expect(await lastAudit('run.dispatch')).toMatchObject({
      outcome: 'failure',
      metadata: {
        runId: 'run-1',
        jobId: 'A',
        reason: 'Job A of run run-1 has finished (succeeded)',
      },
    });
    await finishJob(server, 'run-1', 'B', 'failed');
    await finishJob(server, 'run-1', 'C', 'skipped');
    const last = await finishJob(server, 'run-1', 'D');
    expect(last.body).toEqual({
      runId: 'run-1',
      jobId: 'D',
      state: 'succeeded',
      runState: 'completed',
      deleted: { keys: 1, outputs: 3 },
    });
    // Operators still see what there was: keys and sizes, never a value.
    const shown = await runs('GET', '/run-1');
    expect(shown.body.state).toBe('completed');
    const outputsOfA = shown.body.jobs.find((job: { jobId: string }) => job.jobId === 'A').outputs;
    expect(outputsOfA.map((o: { key: string }) => o.key).sort()).toEqual(['DB_PASSWORD', 'TOKEN']);
    expect(shown.text).not.toContain(MINTED);
    const ended = await createRun(server, 'run-1', GRAPH);
    expect([ended.status, ended.body.error.message]).toEqual([409, 'Run run-1 has completed']);
  });

  it('complete ends a run at once: the jobs left are skipped, rows deleted, audited', async () => {
    await createRun(server, 'run-2', [{ id: 'A' }, { id: 'B' }]);
    const a = await dispatchRunJob(server, 'run-2', 'A');
    await putOutput(server, a.body, { runId: 'run-2', jobId: 'A', key: 'TOKEN' }, MINTED);
    const done = await internalPost(server, '/runs/run-2/complete', undefined);
    expect(await done.json()).toEqual({
      runId: 'run-2',
      state: 'completed',
      deleted: { keys: 1, outputs: 1 },
    });
    expect(await lastAudit('run.complete')).toMatchObject({ metadata: { runId: 'run-2' } });
    const shown = await runs('GET', '/run-2');
    expect(shown.body.jobs.map((job: { state: string }) => job.state)).toEqual([
      'skipped',
      'skipped',
    ]);
    expect((await internalPost(server, '/runs/run-2/complete', undefined)).status).toBe(409);
  });

  it('lists, shows and cancels runs for operators (run.read, run.cancel), never a value', async () => {
    await createRun(server, 'run-3', [{ id: 'X' }]);
    await createRun(server, 'run-live', [{ id: 'Y' }]);
    const x = await dispatchRunJob(server, 'run-3', 'X');
    await putOutput(server, x.body, { runId: 'run-3', jobId: 'X', key: 'TOKEN' }, MINTED);

    const running = (await runs('GET', '?state=running')).body;
    expect(running.runs.map((run: { runId: string }) => run.runId).sort()).toEqual([
      'run-3',
      'run-live',
    ]);
    expect(running.runs.find((run: { runId: string }) => run.runId === 'run-3')).toMatchObject({
      orgId: 'acme',
      jobs: 1,
      outputs: 1,
      outputBytes: 32,
      completedAt: null,
    });
    expect((await runs('GET', '?limit=1')).body.runs).toHaveLength(1);
    expect((await runs('GET', '?orgId=other')).body.runs).toEqual([]);
    expect((await runs('GET', '?limit=0')).body.error.field).toBe('limit');
    const shown = await runs('GET', '/run-3');
    expect(shown.body.jobs).toEqual([
      expect.objectContaining({
        jobId: 'X',
        state: 'dispatched',
        outputs: [{ key: 'TOKEN', bytes: 32, createdAt: expect.any(String) }],
      }),
    ]);
    expect(shown.text).not.toContain(MINTED);
    expect((await runs('GET', '/run-none')).status).toBe(404);

    const { token } = await owner.tokens.create({ label: 'compliance', role: 'auditor' });
    expect((await runs('GET', '/run-3', token)).body.state).toBe('running');
    const denied = await runs('POST', '/run-3/cancel', token);
    expect([denied.status, denied.body.error.message]).toEqual([
      403,
      "Permission denied: this token's role lacks run.cancel",
    ]);

    const cancelled = await runs('POST', '/run-3/cancel');
    expect(cancelled.body).toMatchObject({ state: 'cancelled', deleted: { keys: 1, outputs: 1 } });
    expect(await lastAudit('run.cancel')).toMatchObject({
      outcome: 'success',
      metadata: { runId: 'run-3' },
    });
    expect((await runs('POST', '/run-3/cancel')).status).toBe(409);
    const late = { runId: 'run-3', jobId: 'X', key: 'LATE' };
    expect((await putOutput(server, x.body, late, 'too-late')).status).toBe(401);
    expect((await dispatchRunJob(server, 'run-3', 'X')).status).toBe(409);
  });

  it('leaves no key or output of an ended run in the database', async () => {
    await server.stop(); // PGlite: one process at a time owns the data directory
    const rows = await runRows(server);
    for (const runId of ['run-1', 'run-2', 'run-3']) {
      expect({ runId, key: rows.keys[runId], outputs: rows.outputs[runId] }).toEqual({
        runId,
        key: undefined,
        outputs: undefined,
      });
    }
    expect(rows.keys['run-live']).toBe(1); // the query does see a live run's key
  }, 60_000);
});
