// Environments and resolution (resolution.test.ts) under the operators' switches, against a
// real kici-server (resolution-fixture.ts) with the production environment bound to
// production/db then shared: test runs only where allowLocalExecution is set, the
// dashboard-write policy per operation and surface, pgCustomerSecrets false, and roles
// without the permission to change environments.
import { createAdminClient } from '@kici/contracts';
import { encodeAad, sealForRun } from '@kici/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import { apiError, resolveTestRun } from './helpers.js';
import { job, useResolutionFixture } from './resolution-fixture.js';

describe.each(testDrivers())('environments and resolution (%s)', (driver) => {
  const f = useResolutionFixture(driver);
  // The environment resolution.test.ts creates first, as it stands once that test is done.
  beforeAll(async () => {
    await f.owner.environments.create('acme', {
      name: 'production',
      branches: ['main', 'release/*'],
      triggers: ['push', 'manual', 'tag', 'pull_request'],
      repositories: ['acme/*'],
      scopes: ['production/db', 'shared'],
    });
  });

  it('rejects test runs on environments without allowLocalExecution, fail-closed', async () => {
    await f.owner.environments.create('acme', {
      name: 'test-database',
      scopes: ['test-only', 'shared'],
    });
    const run = await f.internal('/runs/run-t1/key', { orgId: 'acme' });
    expect(run.status).toBe(200);
    const publicKey = new Uint8Array(Buffer.from(run.body.publicKey, 'base64'));
    const local = (context: string, values: Record<string, string>) =>
      Buffer.from(
        sealForRun(
          publicKey,
          new TextEncoder().encode(JSON.stringify(values)),
          encodeAad('kici/test-run-local/v1', ['acme', 'run-t1', context]),
        ),
      ).toString('base64');

    const closed = await resolveTestRun(f.server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'test-database' },
    });
    expect(closed.status).toBe(403);
    expect(closed.body.error.message).toContain(
      'does not allow test runs (allowLocalExecution is false)',
    );
    const production = await resolveTestRun(f.server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'production' },
    });
    expect(production.status).toBe(403);
    const missing = await resolveTestRun(f.server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'nowhere' },
    });
    expect(missing.body.error.message).toContain('environment nowhere does not exist');

    await f.owner.environments.setPolicy('acme', 'test-database', { allowLocalExecution: true });
    const open = await resolveTestRun(f.server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'test-database' },
      local: { database: local('database', { DB_PASSWORD: 'my-laptop-db', LOCAL_ONLY: 'x' }) },
    });
    expect(open.status).toBe(200);
    // The developer's value wins the collision; stored keys the developer did not set remain.
    expect(open.contexts.database?.secrets).toEqual({
      DB_PASSWORD: { value: 'my-laptop-db', backend: 'local', scope: 'local' },
      LOCAL_ONLY: { value: 'x', backend: 'local', scope: 'local' },
      SLACK_WEBHOOK: { value: 'https://hooks.example/x', backend: 'pg', scope: 'pg:shared' },
    });
    // A fixture that also maps a context to a non-test environment rejects the whole run.
    const mixed = await resolveTestRun(f.server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'test-database', deploy: 'production' },
    });
    expect(mixed.status).toBe(403);
    const stray = await resolveTestRun(f.server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'test-database' },
      local: { other: local('other', { A: 'b' }) },
    });
    expect(stray.body.error.message).toContain('context other, which the fixture does not map');
    const entry = await f.lastAudit('secret.resolve.test_run');
    expect(JSON.stringify(entry)).not.toContain('my-laptop-db');
  });

  it('applies the dashboard-write policy per operation and surface, versioned in config', async () => {
    expect((await f.owner.policy.get()).policy['secrets.set']).toEqual(['dashboard', 'cli']);
    await f.owner.policy.set('secrets.set', ['cli']);
    const refused = await apiError(f.dashboard.secrets.set('acme', 'shared', 'NEW_KEY', 'v'));
    expect([refused.status, refused.message]).toEqual([
      403,
      'The dashboard-write policy refuses secrets.set from the dashboard: allowed from cli',
    ]);
    expect((await f.owner.secrets.keys('acme', 'shared')).keys.map((k) => k.key)).not.toContain(
      'NEW_KEY',
    );
    expect((await f.owner.secrets.set('acme', 'shared', 'NEW_KEY', 'v')).created).toBe(true);
    expect(await f.lastAudit('secret.set')).toMatchObject({ outcome: 'success' });

    await f.owner.policy.set('environments.test_access.set', ['cli']);
    const flag = await apiError(
      f.dashboard.environments.setPolicy('acme', 'production', { allowLocalExecution: true }),
    );
    expect(flag.message).toContain('refuses environments.test_access.set from the dashboard');
    expect((await f.owner.environments.show('acme', 'production')).allowLocalExecution).toBe(false);

    // Rolling the config key back restores the earlier policy.
    const history = await f.owner.config.history('writePolicy');
    const first = history.versions.at(-1)?.version as number;
    await f.owner.config.rollback('writePolicy', first);
    expect((await f.owner.policy.get()).policy['secrets.set']).toEqual(['dashboard', 'cli']);
    expect((await f.dashboard.secrets.set('acme', 'shared', 'NEW_KEY', 'w')).created).toBe(false);

    // No surface header needed: the admin token is the cli surface.
    const noSurface = await fetch(`${f.server.url}/api/v1/admin/secrets/acme/shared/X_KEY`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${f.server.token}`, 'content-type': 'application/json' },
      body: '{"value":"x"}',
    });
    expect(noSurface.status).toBe(200);
  });

  it('with pgCustomerSecrets false: no new customer pg secrets, internal scopes and reads keep working', async () => {
    await f.owner.config.set('pgCustomerSecrets', false);
    const refused = await apiError(f.owner.secrets.set('acme', 'brand-new', 'API_KEY', 'v'));
    expect([refused.status, refused.message]).toEqual([
      409,
      expect.stringContaining('pgCustomerSecrets is false'),
    ]);
    expect((await f.owner.secrets.keys('acme', 'brand-new')).keys).toEqual([]);
    expect((await f.owner.secrets.set('acme', '__source__/github', 'TOKEN', 't')).created).toBe(
      true,
    );
    expect((await f.owner.secrets.set('acme', '__webhook__/stripe', 'SIGNING', 's')).created).toBe(
      true,
    );
    // Existing customer secrets stay resolvable.
    const { status, body } = await f.resolveJob(job());
    expect([status, body.secrets.DB_PASSWORD?.value]).toEqual([200, 'db-from-production-db']);
    const badValue = await apiError(f.owner.config.set('pgCustomerSecrets', 'no'));
    expect(badValue.status).toBe(400);
    await f.owner.config.set('pgCustomerSecrets', true);
    expect((await f.owner.secrets.set('acme', 'brand-new', 'API_KEY', 'v')).created).toBe(true);
  });

  it('refuses environment changes to roles without the permission, audited', async () => {
    const { token } = await f.owner.tokens.create({ label: 'compliance', role: 'auditor' });
    const auditor = createAdminClient({ baseUrl: f.server.url, token });
    expect((await auditor.environments.list('acme')).environments.length).toBeGreaterThan(0);
    const denied = await apiError(auditor.environments.create('acme', { name: 'x' }));
    expect([denied.status, denied.message]).toEqual([
      403,
      "Permission denied: this token's role lacks context.create",
    ]);
    const deletion = await apiError(auditor.environments.delete('acme', 'production'));
    expect(deletion.status).toBe(403);
    expect(await f.lastAudit('environment.delete')).toMatchObject({ outcome: 'denied' });
    await f.owner.environments.delete('acme', 'test-database');
    const gone = await apiError(f.owner.environments.show('acme', 'test-database'));
    expect(gone.status).toBe(404);
  });
});
