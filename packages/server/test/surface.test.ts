// The surface belongs to the credential: a token issued for the dashboard is the dashboard,
// whatever X-Kici-Surface it sends; an admin token is the CLI and needs no header. Real
// kici-server processes, both databases, raw HTTP where the headers matter.
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError, dashboardClient } from './helpers.js';

type Client = ReturnType<typeof createAdminClient>;

// Every way a client could try to state a surface, including none.
const HEADERS: Record<string, string>[] = [
  {},
  { 'x-kici-surface': 'cli' },
  { 'X-Kici-Surface': 'CLI' },
  { 'x-kici-surface': 'dashboard' },
  { 'x-kici-surface': 'bogus' },
];

describe.each(testDrivers())('the surface is the credential (%s)', (driver) => {
  let server: TestServer;
  let owner: Client;
  let dashboardToken: string;

  const send = (method: string, path: string, token: string, headers = {}, body?: unknown) =>
    fetch(`${server.url}/api/v1/admin${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    server = await startTestServer({ driver });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    dashboardToken = (await dashboardClient(owner, server.url)).token;
  }, 120_000);
  afterAll(() => server?.dispose());

  it('issues dashboard tokens (token.manage), lists their surface; admin tokens default to cli', async () => {
    const admin = await owner.tokens.create({ label: 'ops', role: 'admin' });
    expect(admin.surface).toBe('cli');
    const listed = (await owner.tokens.list()).tokens;
    expect(listed.find((t) => t.label === 'dashboard')?.surface).toBe('dashboard');
    expect(listed.find((t) => t.id === 'bootstrap')?.surface).toBe('cli');
    const auditor = createAdminClient({
      baseUrl: server.url,
      token: (await owner.tokens.create({ label: 'aud', role: 'auditor' })).token,
    });
    const refused = await apiError(
      auditor.tokens.create({ label: 'dash2', role: 'owner', surface: 'dashboard' }),
    );
    expect([refused.status, refused.message]).toEqual([
      403,
      expect.stringContaining('token.manage'),
    ]);
    const bad = await send(
      'POST',
      '/tokens',
      server.token,
      {},
      { label: 'x', role: 'admin', surface: 'web' },
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('surface');
  });

  it('with secrets.set cli-only: the dashboard token is refused whatever it sends, an admin token writes', async () => {
    await owner.policy.set('secrets.set', ['cli']);
    try {
      for (const headers of HEADERS) {
        const response = await send(
          'PUT',
          '/secrets/pol/production/API_KEY',
          dashboardToken,
          headers,
          {
            value: 'from-dashboard',
          },
        );
        expect({ headers, status: response.status }).toEqual({ headers, status: 403 });
        const { error } = (await response.json()) as { error: { message: string } };
        expect(error.message).toBe(
          'The dashboard-write policy refuses secrets.set from the dashboard: allowed from cli',
        );
      }
      expect((await owner.secrets.keys('pol', 'production')).keys).toEqual([]);
      for (const headers of HEADERS) {
        const response = await send(
          'PUT',
          '/secrets/pol/production/API_KEY',
          server.token,
          headers,
          {
            value: 'from-cli',
          },
        );
        expect({ headers, status: response.status }).toEqual({ headers, status: 200 });
      }
      expect((await owner.secrets.reveal('pol', 'production', 'API_KEY')).value).toBe('from-cli');
    } finally {
      await owner.policy.set('secrets.set', ['dashboard', 'cli']);
    }
  });

  it('a locked variable: the dashboard token cannot change, unlock or delete it, whatever it sends', async () => {
    await owner.variables.set('lk', 'production', 'API_BASE', 'https://a', { locked: true });
    for (const headers of HEADERS) {
      const attempts = [
        await send('PUT', '/variables/lk/production/API_BASE', dashboardToken, headers, {
          value: 'x',
        }),
        await send('PUT', '/variables/lk/production/API_BASE', dashboardToken, headers, {
          value: 'https://a',
          locked: false,
        }),
        await send('DELETE', '/variables/lk/production/API_BASE', dashboardToken, headers),
      ];
      expect({ headers, statuses: attempts.map((r) => r.status) }).toEqual({
        headers,
        statuses: [403, 403, 403],
      });
    }
    const [variable] = (await owner.variables.list('lk', { values: true })).variables;
    expect([variable?.value, variable?.locked]).toEqual(['https://a', true]);
  });

  it('takes mutating requests exactly as the seed writes them: no surface header, no body where none is needed', async () => {
    const put = await send(
      'PUT',
      '/secrets/seed/production/KICI_DATABASE_URL',
      server.token,
      {},
      {
        value: 'postgresql://user:pass@host:5432/db',
      },
    );
    expect(put.status).toBe(200);
    const del = await send('DELETE', '/secrets/seed/production/KICI_DATABASE_URL', server.token);
    expect(del.status).toBe(200);
    const created = await send(
      'POST',
      '/tokens',
      server.token,
      {},
      { label: 'ci-operator', role: 'admin' },
    );
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    expect((await send('DELETE', `/tokens/${id}`, server.token)).status).toBe(200);

    // curl -X POST …/backends/sync -H "Authorization: …": no Content-Type, no body.
    const sync = await fetch(`${server.url}/api/v1/admin/backends/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(sync.status).toBe(200);
    expect(await sync.json()).toHaveProperty('results');
    const rotate = await fetch(`${server.url}/api/v1/admin/rotate-key`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(rotate.status).toBe(200);
    expect(((await rotate.json()) as { message: string }).message).toMatch(/^Re-encrypted \d+/);
    // A body that is required still is: an empty one gets the 400 it always got.
    const noBody = await fetch(`${server.url}/api/v1/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(noBody.status).toBe(400);
    expect(((await noBody.json()) as { error: { field: string } }).error.field).toBe('body');
  });
});
