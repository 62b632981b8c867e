// rotate-key across a live run: its key pair and its outputs are re-sealed with the new
// master key and counted; after a restart with the new key only, the run's agent can still
// post outputs and the job that needs one still gets it.
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { createRun, dispatchRunJob, finishJob, putOutput } from './run-helpers.js';

const OLD_KEY = 'ab'.repeat(32);
const NEW_KEY = 'cd'.repeat(32);

describe.each(testDrivers())('rotate-key and run outputs (%s)', (driver) => {
  let first: TestServer;
  let rotating: TestServer;
  let rotated: TestServer;

  beforeAll(async () => {
    first = await startTestServer({ driver, env: { KICI_SECRET_KEY: OLD_KEY } });
    const owner = createAdminClient({ baseUrl: first.url, token: first.token });
    await owner.secrets.set('acme', 'shared', 'API_KEY', 'api-key-value');
    await owner.environments.create('acme', { name: 'production', scopes: ['shared'] });
    await createRun(first, 'run-1', [{ id: 'A' }, { id: 'B', needs: ['A'] }]);
    const a = (await dispatchRunJob(first, 'run-1', 'A')).body;
    const path = { runId: 'run-1', jobId: 'A' };
    await putOutput(first, a, { ...path, key: 'TOKEN' }, 'token-before-rotation');
    await putOutput(first, a, { ...path, key: 'SECOND' }, 'second-before-rotation');
    await first.stop();
  }, 120_000);
  afterAll(async () => {
    await rotated?.stop();
    await rotating?.stop();
    await first?.dispose();
  });

  it('re-seals and counts run keys and outputs; the run goes on under the new key alone', async () => {
    rotating = await startTestServer({
      driver,
      reuse: first,
      token: first.token,
      env: { KICI_SECRET_KEY: NEW_KEY, KICI_SECRET_KEY_OLD: OLD_KEY },
    });
    const owner = createAdminClient({ baseUrl: rotating.url, token: rotating.token });
    const result = await owner.rotateKey();
    expect(result).toMatchObject({ reEncryptedRunKeys: 1, reEncryptedRunOutputs: 2 });
    const [audited] = (await owner.audit({ action: 'rotateKey', limit: 1 })).entries;
    expect(audited?.metadata).toMatchObject({ reEncryptedRunKeys: 1, reEncryptedRunOutputs: 2 });
    await rotating.stop();

    // Only the new key: every run row must open with it.
    rotated = await startTestServer({
      driver,
      reuse: first,
      token: first.token,
      env: { KICI_SECRET_KEY: NEW_KEY },
    });
    const a = (await dispatchRunJob(rotated, 'run-1', 'A')).body;
    const after = { runId: 'run-1', jobId: 'A', key: 'AFTER' };
    // The run's private key opens: a new output goes in.
    expect((await putOutput(rotated, a, after, 'token-after-rotation')).status).toBe(200);
    await finishJob(rotated, 'run-1', 'A');
    const b = await dispatchRunJob(rotated, 'run-1', 'B');
    expect(b.status).toBe(200);
    expect(b.secrets.TOKEN).toEqual({
      value: 'token-before-rotation',
      backend: 'job-output',
      scope: 'run-1/A',
    });
    expect(b.secrets.SECOND?.value).toBe('second-before-rotation');
    expect(b.secrets.AFTER?.value).toBe('token-after-rotation');
    expect(b.secrets.API_KEY?.value).toBe('api-key-value');
    expect(rotated.output()).not.toMatch(/internal error/);
  }, 120_000);
});
