// GET /api/v1/admin/whoami on real kici-server processes: the caller's token and the org the
// server means when none is named — KICI_ORG_ID, else the only org there is, else null.
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { dashboardClient } from './helpers.js';

describe.each(testDrivers())('whoami (%s)', (driver) => {
  let server: TestServer;
  let configured: TestServer | undefined;

  beforeAll(async () => {
    server = await startTestServer({ driver });
  }, 120_000);
  afterAll(async () => {
    // The second server shares the first one's database: stop it, then drop both once.
    await configured?.stop();
    await server?.dispose();
  });

  it('answers any valid token with its identity; the only org is the default, several are none', async () => {
    const owner = createAdminClient({ baseUrl: server.url, token: server.token });
    expect(await owner.whoami()).toEqual({
      tokenId: 'bootstrap',
      label: 'bootstrap',
      role: 'owner',
      surface: 'cli',
      defaultOrg: null,
      orgs: [],
    });
    // An org exists once it holds a secret, a variable or an environment.
    await owner.environments.create('env-only', { name: 'staging' });
    expect(await owner.whoami()).toMatchObject({ defaultOrg: 'env-only', orgs: ['env-only'] });
    await owner.variables.set('var-only', 'production', 'A', 'v');
    await owner.secrets.set('acme', 'production', 'B', 'v');
    const { client: dashboard } = await dashboardClient(owner, server.url);
    const auditor = createAdminClient({
      baseUrl: server.url,
      token: (await owner.tokens.create({ label: 'aud', role: 'auditor' })).token,
    });
    expect(await dashboard.whoami()).toMatchObject({
      label: 'dashboard',
      surface: 'dashboard',
      defaultOrg: null,
      orgs: ['acme', 'env-only', 'var-only'],
    });
    expect(await auditor.whoami()).toMatchObject({ role: 'auditor', surface: 'cli' });
    const anonymous = await fetch(`${server.url}/api/v1/admin/whoami`);
    expect(anonymous.status).toBe(401);
  });

  it('KICI_ORG_ID on the server is the default org, however many orgs exist', async () => {
    await server.stop();
    configured = await startTestServer({
      driver,
      reuse: server,
      token: server.token,
      env: { KICI_ORG_ID: 'var-only' },
    });
    const owner = createAdminClient({ baseUrl: configured.url, token: configured.token });
    expect(await owner.whoami()).toMatchObject({
      defaultOrg: 'var-only',
      orgs: ['acme', 'env-only', 'var-only'],
    });
  });

  it('refuses a KICI_ORG_ID that is not an org id, naming the variable', async () => {
    const failure = await startTestServer({ driver, env: { KICI_ORG_ID: 'has space' } }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure?.message).toContain('KICI_ORG_ID: expected an org id');
  }, 120_000);
});
