// An agent's output route under attack and at its limits: tampered or moved envelopes, a job
// credential used beyond its job, and the per-job limits (a server started with small
// KICI_RUN_MAX_* values). Every refusal is a clear 4xx, audited, and the server stays up.
import { createAdminClient } from '@kici/contracts';
import { generateRunKeyPair } from '@kici/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { internalPost } from './helpers.js';
import {
  admin,
  createRun,
  dispatchRunJob,
  putEnvelope,
  putOutput,
  sealOutput,
} from './run-helpers.js';

const LIMITS = {
  KICI_RUN_MAX_OUTPUTS_PER_JOB: '2',
  KICI_RUN_MAX_OUTPUT_BYTES: '64',
  KICI_RUN_MAX_OUTPUT_TOTAL_BYTES: '100',
};
const VALUE = 'a-value-that-must-never-show-up';
const ENVELOPE_REFUSED = 'envelope: could not be opened for this run, job and key';

describe.each(testDrivers())('job outputs: tamper, scope, limits (%s)', (driver) => {
  let server: TestServer;
  let owner: ReturnType<typeof createAdminClient>;
  /** Dispatches of run-1's A and B and run-2's A. */
  let a: { runPublicKey: string; credential: string };
  let b: { runPublicKey: string; credential: string };
  let other: { runPublicKey: string; credential: string };
  const A = { runId: 'run-1', jobId: 'A', key: 'TOKEN' };
  const audits = async (action: string, limit = 20) =>
    (await owner.audit({ action, limit })).entries;

  beforeAll(async () => {
    server = await startTestServer({ driver, env: LIMITS });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    await owner.environments.create('acme', { name: 'production' });
    await createRun(server, 'run-1', [{ id: 'A' }, { id: 'B' }, { id: 'C' }]);
    await createRun(server, 'run-2', [{ id: 'A' }]);
    a = (await dispatchRunJob(server, 'run-1', 'A')).body;
    b = (await dispatchRunJob(server, 'run-1', 'B')).body;
    other = (await dispatchRunJob(server, 'run-2', 'A')).body;
  }, 120_000);
  afterAll(() => server?.dispose());

  it('refuses an envelope with a flipped byte or made for another key, job or run; audits; stores nothing', async () => {
    const good = Buffer.from(sealOutput(a.runPublicKey, A, VALUE), 'base64');
    const flipped = Buffer.from(good);
    for (const at of [0, 40, flipped.length - 1]) {
      flipped[at] = (flipped[at] as number) ^ 1;
      const sent = await putEnvelope(server, a.credential, A, flipped.toString('base64'));
      expect([sent.status, sent.body.error]).toEqual([
        400,
        { code: 'invalid_input', message: ENVELOPE_REFUSED, field: 'envelope' },
      ]);
      flipped[at] = (flipped[at] as number) ^ 1;
    }
    const moved = [
      sealOutput(a.runPublicKey, { ...A, key: 'OTHER' }, VALUE), // another key
      sealOutput(a.runPublicKey, { ...A, jobId: 'B' }, VALUE), // another job
      sealOutput(other.runPublicKey, { ...A, runId: 'run-2' }, VALUE), // another run's key
      sealOutput(other.runPublicKey, A, VALUE), // this AAD, another run's key
      Buffer.from('not an envelope').toString('base64'),
    ];
    for (const envelope of moved) {
      const sent = await putEnvelope(server, a.credential, A, envelope);
      expect([sent.status, sent.body.error?.message]).toEqual([400, ENVELOPE_REFUSED]);
    }
    const failures = (await audits('run.output.set')).filter((row) => row.outcome === 'failure');
    expect(failures).toHaveLength(8);
    expect(failures[0]).toMatchObject({
      actor: 'job:run-1/A',
      metadata: { runId: 'run-1', jobId: 'A', key: 'TOKEN', reason: 'envelope' },
    });
    expect(JSON.stringify(failures)).not.toContain(VALUE);
    // The server is up and the untouched envelope still goes in; nothing else was stored.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await putEnvelope(server, a.credential, A, good.toString('base64'))).status).toBe(200);
    const shown = await admin(server, server.token, 'GET', '/runs/run-1');
    expect(shown.body.jobs[0].outputs.map((o: { key: string }) => o.key)).toEqual(['TOKEN']);
    expect(server.output()).not.toContain(VALUE);
    expect(server.output()).not.toMatch(/internal error/);
  });

  it("a job's credential sets its own job's outputs only: 403 elsewhere, 401 on the other APIs", async () => {
    const onB = await putOutput(server, a, { ...A, jobId: 'B' }, VALUE);
    expect(onB.status).toBe(403);
    expect(onB.body.error.message).toContain('only set outputs of job A of run run-1');
    expect((await putOutput(server, a, { ...A, runId: 'run-2' }, VALUE)).status).toBe(403);
    const [denied] = await audits('run.output.set', 1);
    expect(denied).toMatchObject({
      outcome: 'denied',
      metadata: { reason: 'scope', target: 'run-2/A' },
    });
    // B's own credential works on B's path.
    expect((await putOutput(server, b, { ...A, jobId: 'B' }, VALUE)).status).toBe(200);

    // The admin and dispatcher APIs do not know a job credential.
    const whoami = await admin(server, a.credential, 'GET', '/whoami');
    expect(whoami.status).toBe(401);
    const agentPublicKey = Buffer.from(generateRunKeyPair().publicKey).toString('base64');
    const dispatch = await internalPost(
      server,
      '/runs',
      { orgId: 'acme', runId: 'x', jobs: [{ id: 'A' }] },
      a.credential,
    );
    expect([
      dispatch.status,
      ((await dispatch.json()) as { error: { message: string } }).error.message,
    ]).toEqual([401, 'Invalid dispatcher credential']);
    const resolve = await internalPost(server, '/resolve', { agentPublicKey }, a.credential);
    expect(resolve.status).toBe(401);

    // A missing, malformed or unknown credential.
    for (const bearer of ['', 'kici_job_unknown', server.token, server.dispatcherToken]) {
      const sent = await putOutput(server, { ...a, credential: bearer }, A, VALUE);
      expect([bearer, sent.status]).toEqual([bearer, 401]);
    }
    const [refused] = await audits('job.authenticate', 1);
    expect(refused).toMatchObject({ outcome: 'denied' });
    expect(JSON.stringify(refused)).not.toContain(server.dispatcherToken);

    // After its job finishes, the credential is dead.
    const c = (await dispatchRunJob(server, 'run-1', 'C')).body;
    await internalPost(server, '/runs/run-1/jobs/C/finish', { status: 'succeeded' });
    expect((await putOutput(server, c, { ...A, jobId: 'C' }, VALUE)).status).toBe(401);
  });

  it('refuses an output beyond a limit with 413 naming the limit and its variable, audited', async () => {
    const path = (key: string) => ({ runId: 'run-2', jobId: 'A', key });
    const big = await putOutput(server, other, path('BIG'), 'x'.repeat(65));
    expect([big.status, big.body.error.code, big.body.error.message]).toEqual([
      413,
      'payload_too_large',
      'key BIG: a secret output may hold at most 64 bytes (KICI_RUN_MAX_OUTPUT_BYTES)',
    ]);
    // UTF-8 bytes, not characters: 22 × 3 bytes = 66.
    expect((await putOutput(server, other, path('WIDE'), '€'.repeat(22))).status).toBe(413);
    expect((await putOutput(server, other, path('K1'), 'x'.repeat(60))).status).toBe(200);
    const total = await putOutput(server, other, path('K2'), 'x'.repeat(60));
    expect([total.status, total.body.error.message]).toEqual([
      413,
      "a job's secret outputs may hold at most 100 bytes together (KICI_RUN_MAX_OUTPUT_TOTAL_BYTES)",
    ]);
    expect((await putOutput(server, other, path('K2'), 'x'.repeat(30))).status).toBe(200);
    const count = await putOutput(server, other, path('K3'), 'x');
    expect([count.status, count.body.error.message]).toEqual([
      413,
      'a job may set at most 2 secret outputs (KICI_RUN_MAX_OUTPUTS_PER_JOB)',
    ]);
    // Replacing a key is not one more output, and its old size no longer counts.
    const replaced = await putOutput(server, other, path('K1'), 'y'.repeat(70 - 10));
    expect([replaced.status, replaced.body.bytes]).toEqual([200, 60]);
    const [audited] = await audits('run.output.set', 1);
    expect(audited).toMatchObject({ outcome: 'success', metadata: { key: 'K1', bytes: 60 } });
    const limits = (await audits('run.output.set', 30)).filter(
      (row) => row.metadata?.reason === 'limit',
    );
    expect(limits.map((row) => row.metadata?.key)).toEqual(['K3', 'K2', 'WIDE', 'BIG']);
    expect(limits[0]).toMatchObject({ outcome: 'denied' });

    // A body far beyond any envelope is refused before it is read.
    const huge = await putEnvelope(server, other.credential, path('HUGE'), 'A'.repeat(400_000));
    expect([huge.status, huge.body.error.code]).toEqual([413, 'payload_too_large']);
    expect(server.output()).not.toMatch(/internal error/);
  });
});
