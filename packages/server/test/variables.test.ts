// Variables through the admin API of a real kici-server process, on both databases: values
// only when listed with values=true, RBAC, validation, locked variables and the write policy
// (the surface is the token's: a token issued for the dashboard is the dashboard).
import { createAdminClient } from '@kici/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError, dashboardClient } from './helpers.js';

type Client = ReturnType<typeof createAdminClient>;

describe.each(testDrivers())('variables over HTTP (%s)', (driver) => {
  let server: TestServer;
  let owner: Client;
  let dashboard: Client;
  const rows = async (action: string) => (await owner.audit({ action, limit: 1000 })).entries;

  beforeAll(async () => {
    server = await startTestServer({ driver });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    dashboard = (await dashboardClient(owner, server.url)).client;
  }, 120_000);
  afterAll(() => server?.dispose());

  it('sets, lists (values only when asked) and deletes, auditing names, never values', async () => {
    const set = await owner.variables.set('acme', 'production', 'DEPLOY_REGION', 'eu-west-1');
    expect(set).toMatchObject({
      orgId: 'acme',
      scope: 'pg:production',
      key: 'DEPLOY_REGION',
      valueLength: 9,
      locked: false,
      created: true,
    });
    expect(Date.parse(set.updatedAt)).not.toBeNaN();
    const again = await owner.variables.set('acme', 'pg:production', 'DEPLOY_REGION', 'eu-west-2');
    expect(again.created).toBe(false);
    await owner.variables.set('acme', 'staging', 'DEPLOY_REGION', 'us-east-1');

    const keysOnly = await owner.variables.list('acme', { scope: 'production' });
    expect(keysOnly).toEqual({
      orgId: 'acme',
      scope: 'pg:production',
      variables: [
        {
          key: 'DEPLOY_REGION',
          scope: 'pg:production',
          locked: false,
          createdAt: expect.any(String),
          createdBy: 'token:bootstrap',
          updatedAt: expect.any(String),
          updatedBy: 'token:bootstrap',
        },
      ],
    });
    const raw = await fetch(`${server.url}/api/v1/admin/variables?orgId=acme&values=false`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    expect(raw.status).toBe(200);
    expect(await raw.text()).not.toContain('eu-west');

    const all = await owner.variables.list('acme', { values: true });
    expect(all).not.toHaveProperty('scope');
    expect(all.variables.map((v) => [v.scope, v.key, v.value])).toEqual([
      ['pg:production', 'DEPLOY_REGION', 'eu-west-2'],
      ['pg:staging', 'DEPLOY_REGION', 'us-east-1'],
    ]);

    expect(await owner.variables.delete('acme', 'staging', 'DEPLOY_REGION')).toEqual({
      orgId: 'acme',
      scope: 'pg:staging',
      key: 'DEPLOY_REGION',
      deleted: true,
    });
    const missing = await apiError(owner.variables.delete('acme', 'staging', 'DEPLOY_REGION'));
    expect([missing.status, missing.message]).toEqual([
      404,
      'Variable DEPLOY_REGION in scope pg:staging not found',
    ]);

    const audit = await owner.audit({ limit: 1000 });
    const variableRows = audit.entries.filter((e) => e.action.startsWith('variable.'));
    expect(variableRows.map((e) => [e.action, e.outcome]).reverse()).toEqual([
      ['variable.set', 'success'],
      ['variable.set', 'success'],
      ['variable.set', 'success'],
      ['variable.list', 'success'],
      ['variable.list', 'success'],
      ['variable.list', 'success'],
      ['variable.delete', 'success'],
      ['variable.delete', 'failure'],
    ]);
    expect(variableRows.at(-1)?.metadata).toMatchObject({ key: 'DEPLOY_REGION', created: true });
    expect(JSON.stringify(audit)).not.toMatch(/eu-west|us-east/);
  });

  it('answers many concurrent sets (each serialised by its own lock) without hanging', async () => {
    // More than the 10 database connections: each set holds one for its lock, needs another.
    const keys = Array.from({ length: 24 }, (_, i) => `PARALLEL_${i}`);
    const sets = await Promise.all(
      keys.map((key) => owner.variables.set('acme', 'pg:parallel', key, key.toLowerCase())),
    );
    expect(sets.every((set) => set.created)).toBe(true);
    const listed = await owner.variables.list('acme', { scope: 'pg:parallel', values: true });
    expect(listed.variables.map((variable) => variable.value).sort()).toEqual(
      keys.map((key) => key.toLowerCase()).sort(),
    );
  }, 60_000);

  it('rejects bad input with 400 naming the field, and writes nothing', async () => {
    const request = (method: string, path: string, body?: string) =>
      fetch(`${server.url}/api/v1/admin/variables${path}`, {
        method,
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/json',
        },
        ...(body === undefined ? {} : { body }),
      });
    const cases: [string, string, string | undefined, string][] = [
      ['PUT', '/bad/production/lower_case', '{"value":"x"}', 'key'],
      ['PUT', '/bad/pg%3A..%2Fetc/KEY', '{"value":"x"}', 'scope'],
      ['PUT', '/bad/production/KEY', '{"value":""}', 'value'],
      ['PUT', '/bad/production/KEY', '{"value":1}', 'value'],
      ['PUT', '/bad/production/KEY', '{"value":"x","locked":"yes"}', 'locked'],
      ['PUT', '/bad/production/KEY', '{"value":"x","extra":1}', 'extra'],
      ['PUT', '/bad/production/KEY', 'not json', 'body'],
      ['GET', '?orgId=bad&values=yes', undefined, 'values'],
      ['GET', '?orgId=bad&scope=..', undefined, 'scope'],
      ['GET', '?scope=production', undefined, 'orgId'],
      ['DELETE', '/bad/production/lower', undefined, 'key'],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await request(method, path, body);
      expect({ method, path, status: response.status }).toEqual({ method, path, status: 400 });
      const { error } = (await response.json()) as { error: { field?: string; message: string } };
      expect(`${error.field} ${error.message}`).toContain(field);
    }
    const tooBig = await request(
      'PUT',
      '/bad/production/KEY',
      JSON.stringify({ value: 'x'.repeat(65_537) }),
    );
    expect([400, 413]).toContain(tooBig.status);
    expect(await tooBig.text()).not.toContain('xxxxxxxx');
    expect((await owner.variables.list('bad')).variables).toEqual([]);
  });

  it("writes without X-Kici-Surface: the surface is the token's, not the request's", async () => {
    const response = await fetch(`${server.url}/api/v1/admin/variables/nosurface/production/A`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{"value":"x"}',
    });
    expect(response.status).toBe(200);
    expect((await owner.variables.list('nosurface')).variables).toHaveLength(1);
  });

  it('answers 403 naming the permission to an auditor, and audits the denial', async () => {
    const { token } = await owner.tokens.create({ label: 'variables-auditor', role: 'auditor' });
    const auditor = createAdminClient({ baseUrl: server.url, token });
    // Thunks, called one at a time: a rejection is awaited as soon as it exists.
    const cases: [() => Promise<unknown>, string][] = [
      [() => auditor.variables.set('rbac', 'production', 'A', 'v'), 'secret.write'],
      [() => auditor.variables.list('rbac'), 'secret.read'],
      [() => auditor.variables.delete('rbac', 'production', 'A'), 'secret.delete'],
    ];
    for (const [call, permission] of cases) {
      const error = await apiError(call());
      expect([error.status, error.message]).toEqual([
        403,
        `Permission denied: this token's role lacks ${permission}`,
      ]);
    }
    for (const [action, permission] of [
      ['variable.set', 'secret.write'],
      ['variable.list', 'secret.read'],
      ['variable.delete', 'secret.delete'],
    ] as const) {
      expect(
        (await rows(action)).some(
          (e) =>
            e.outcome === 'denied' && e.orgId === 'rbac' && e.metadata.permission === permission,
        ),
      ).toBe(true);
    }
    expect((await owner.variables.list('rbac')).variables).toEqual([]);
  });

  it('keeps a locked variable from dashboard writes; the CLI changes it and its flag', async () => {
    const locked = await owner.variables.set('lock', 'production', 'API_BASE', 'https://a', {
      locked: true,
    });
    expect(locked.locked).toBe(true);
    // Leaving `locked` out keeps the flag.
    expect((await owner.variables.set('lock', 'production', 'API_BASE', 'https://b')).locked).toBe(
      true,
    );

    const set = await apiError(
      dashboard.variables.set('lock', 'production', 'API_BASE', 'https://c'),
    );
    expect([set.status, set.message]).toEqual([
      403,
      'Variable API_BASE in scope pg:production is locked: change it with kici-admin (variable set)',
    ]);
    const unlock = await apiError(
      dashboard.variables.set('lock', 'production', 'API_BASE', 'https://b', { locked: false }),
    );
    expect(unlock.status).toBe(403);
    const del = await apiError(dashboard.variables.delete('lock', 'production', 'API_BASE'));
    expect([del.status, del.message]).toEqual([
      403,
      'Variable API_BASE in scope pg:production is locked: delete it with kici-admin (variable delete)',
    ]);
    const lockFromDashboard = await apiError(
      dashboard.variables.set('lock', 'production', 'OTHER', 'x', { locked: true }),
    );
    expect(lockFromDashboard.message).toContain('only with kici-admin');
    expect(
      (await owner.variables.list('lock', { values: true })).variables.map((v) => [
        v.key,
        v.value,
        v.locked,
      ]),
    ).toEqual([['API_BASE', 'https://b', true]]);
    const denials = (await rows('variable.set'))
      .concat(await rows('variable.delete'))
      .filter((e) => e.orgId === 'lock' && e.outcome === 'denied');
    expect(denials).toHaveLength(4);
    for (const denial of denials) {
      expect(denial.metadata).toMatchObject({ surface: 'dashboard', reason: 'locked' });
    }

    // Unlocked from the CLI, the dashboard may write and delete it again.
    await owner.variables.set('lock', 'production', 'API_BASE', 'https://b', { locked: false });
    expect(
      (await dashboard.variables.set('lock', 'production', 'API_BASE', 'https://d')).locked,
    ).toBe(false);
    await dashboard.variables.delete('lock', 'production', 'API_BASE');
    expect((await owner.variables.list('lock')).variables).toEqual([]);
  });

  it('asks the dashboard-write policy: variables.set from the CLI only refuses the dashboard', async () => {
    await owner.config.set('writePolicy', { 'variables.set': ['cli'] });
    try {
      const refused = await apiError(dashboard.variables.set('policy', 'production', 'A', 'v'));
      expect([refused.status, refused.message]).toEqual([
        403,
        'The dashboard-write policy refuses variables.set from the dashboard: allowed from cli',
      ]);
      expect((await owner.variables.list('policy')).variables).toEqual([]);
      const [denial] = (await rows('variable.set')).filter((e) => e.orgId === 'policy');
      expect(denial).toMatchObject({ outcome: 'denied', contextName: 'pg:production' });
      expect(denial?.metadata).toMatchObject({
        operation: 'variables.set',
        surface: 'dashboard',
        reason: 'write_policy',
      });
      // The CLI still writes; the dashboard still reads and deletes (not value entry).
      await owner.variables.set('policy', 'production', 'A', 'v');
      expect((await dashboard.variables.list('policy')).variables).toHaveLength(1);
      await dashboard.variables.delete('policy', 'production', 'A');
    } finally {
      await owner.config.set('writePolicy', { 'variables.set': ['dashboard', 'cli'] });
    }
  });
});
