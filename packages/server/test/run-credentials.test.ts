// A job credential's lifetime (KICI_JOB_CREDENTIAL_TTL_MS) and the agent key a dispatch is
// sealed to: a server started with a short lifetime, over real HTTP.
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { internalPost } from './helpers.js';
import { createRun, dispatchRunJob, jobOf, putOutput } from './run-helpers.js';

const TTL_MS = 1500;

describe.each(testDrivers())('job credentials and agent keys (%s)', (driver) => {
  let server: TestServer;
  let owner: ReturnType<typeof createAdminClient>;

  beforeAll(async () => {
    server = await startTestServer({
      driver,
      env: { KICI_JOB_CREDENTIAL_TTL_MS: String(TTL_MS) },
    });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    await owner.environments.create('acme', { name: 'production' });
    await createRun(server, 'run-1', [{ id: 'A' }]);
  }, 120_000);
  afterAll(() => server?.dispose());

  it('a credential expires after KICI_JOB_CREDENTIAL_TTL_MS; a new dispatch replaces it', async () => {
    const before = Date.now();
    const first = (await dispatchRunJob(server, 'run-1', 'A')).body;
    const expiresAt = Date.parse(first.credentialExpiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + TTL_MS - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + TTL_MS + 1000);
    const path = { runId: 'run-1', jobId: 'A', key: 'TOKEN' };
    // The agent was lost: the job is dispatched again, and only the new credential works.
    const second = (await dispatchRunJob(server, 'run-1', 'A')).body;
    expect(second.credential).not.toBe(first.credential);
    expect((await putOutput(server, first, path, 'from-the-lost-agent')).status).toBe(401);
    expect((await putOutput(server, second, path, 'from-the-new-agent')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 600));
    const late = await putOutput(server, second, path, 'too-late');
    expect([late.status, late.body.error.message]).toEqual([
      401,
      'Invalid or expired job credential',
    ]);
  });

  it('refuses an agent key that is not a usable X25519 public key, naming agentPublicKey', async () => {
    await createRun(server, 'run-lo', [{ id: 'A' }]);
    for (const agentPublicKey of [
      'short',
      Buffer.alloc(31).toString('base64'),
      Buffer.alloc(32).toString('base64'), // all zeros: a low-order point
    ]) {
      const response = await internalPost(server, '/resolve', {
        ...jobOf('run-lo', 'A'),
        agentPublicKey,
      });
      const body = (await response.json()) as { error: { field: string } };
      expect([agentPublicKey, response.status, body.error.field]).toEqual([
        agentPublicKey,
        400,
        'agentPublicKey',
      ]);
    }
    // Refused before anything was written: the job was not dispatched, nothing was read.
    expect((await owner.runs.show('run-lo')).jobs).toMatchObject([
      { jobId: 'A', state: 'pending' },
    ]);
    const reads = (await owner.audit({ action: 'secret.resolve', limit: 50 })).entries;
    expect(reads.filter((row) => row.metadata.runId === 'run-lo')).toEqual([]);
    const testRun = await internalPost(server, '/test-runs/resolve', {
      orgId: 'acme',
      runId: 'run-t',
      fixture: {},
    });
    const body = (await testRun.json()) as { error: { field: string } };
    expect([testRun.status, body.error.field]).toEqual([400, 'agentPublicKey']);
    expect(server.output()).not.toMatch(/internal error/);
  });
});
