// Environments, protection rules and job-time resolution as the dispatcher and operators see
// them: a real kici-server process, the admin API through the typed client, the dispatcher's
// /internal/v1 endpoints with raw fetch and its own credential.
import { createAdminClient } from '@kici/contracts';
import { encodeAad, sealForRun } from '@kici/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError, dashboardClient, dispatchWithBundle, resolveTestRun } from './helpers.js';

type Admin = ReturnType<typeof createAdminClient>;

/** Every field a test reads from an /internal/v1 answer. */
interface InternalAnswer {
  error: { message: string; field?: string };
  secrets: Record<string, { value: string; backend: string; scope: string }>;
  variables: Record<string, { value: string; scope: string }>;
  publicKey: string;
}

describe.each(testDrivers())('environments and resolution (%s)', (driver) => {
  let server: TestServer;
  let owner: Admin;
  let dashboard: Admin;

  const internal = async (path: string, body: unknown, credential = server.dispatcherToken) => {
    const response = await fetch(`${server.url}/internal/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as InternalAnswer };
  };
  /** The sealed dispatch, its bundle opened as the agent would. */
  const resolveJob = (body: Record<string, unknown>, credential?: string) =>
    dispatchWithBundle(server, body, credential);
  const job = (over: Record<string, unknown> = {}) => ({
    orgId: 'acme',
    environment: 'production',
    repository: 'acme/api',
    branch: 'main',
    trigger: 'push',
    runId: 'run-1',
    jobId: 'deploy',
    ...over,
  });
  const lastAudit = async (action: string) => (await owner.audit({ action, limit: 1 })).entries[0];

  beforeAll(async () => {
    server = await startTestServer({ driver });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
    dashboard = (await dashboardClient(owner, server.url)).client;
    // Three scopes, 50 secrets in total; DB_PASSWORD sits in two of them.
    await owner.secrets.set('acme', 'production/db', 'DB_PASSWORD', 'db-from-production-db');
    await owner.secrets.set('acme', 'shared', 'DB_PASSWORD', 'db-from-shared');
    await owner.secrets.set('acme', 'shared', 'SLACK_WEBHOOK', 'https://hooks.example/x');
    await owner.secrets.set('acme', 'test-only', 'DB_PASSWORD', 'throwaway');
    await owner.variables.set('acme', 'shared', 'REGION', 'eu-west-1');
  }, 120_000);
  afterAll(() => server?.dispose());

  it('creates environments with rules and ordered bindings, refusing unknown backends', async () => {
    const created = await owner.environments.create('acme', {
      name: 'production',
      branches: ['main', 'release/*'],
      triggers: ['push', 'manual', 'tag', 'pull_request'],
      repositories: ['acme/*'],
      scopes: ['production/db', 'shared'],
    });
    expect(created).toMatchObject({
      name: 'production',
      rules: { branches: ['main', 'release/*'], allowForks: false },
      allowLocalExecution: false,
      scopes: ['pg:production/db', 'pg:shared'],
    });
    const unknown = await apiError(owner.environments.bind('acme', 'production', 'vault-x:aws'));
    expect([unknown.status, unknown.message]).toEqual([
      400,
      expect.stringContaining('backend "vault-x" of scope vault-x:aws does not exist'),
    ]);
    const again = await apiError(owner.environments.create('acme', { name: 'production' }));
    expect(again.status).toBe(409);
    const bound = await owner.environments.bind('acme', 'production', 'pg:extra', 0);
    expect(bound.scopes).toEqual(['pg:extra', 'pg:production/db', 'pg:shared']);
    const unbound = await owner.environments.unbind('acme', 'production', 'pg:extra');
    expect(unbound.scopes).toEqual(['pg:production/db', 'pg:shared']);
    expect((await owner.environments.list('acme')).environments.map((e) => e.name)).toEqual([
      'production',
    ]);
    expect((await lastAudit('environment.unbind'))?.metadata).toMatchObject({ scope: 'pg:extra' });
  });

  it('resolves a job through the chain: the earlier binding wins, with getMeta sources', async () => {
    const { status, body } = await resolveJob(job());
    expect(status).toBe(200);
    expect(body.secrets).toEqual({
      DB_PASSWORD: { value: 'db-from-production-db', backend: 'pg', scope: 'pg:production/db' },
      SLACK_WEBHOOK: { value: 'https://hooks.example/x', backend: 'pg', scope: 'pg:shared' },
    });
    expect(body.variables).toEqual({ REGION: { value: 'eu-west-1', scope: 'pg:shared' } });
    const entry = await lastAudit('secret.resolve');
    expect(entry).toMatchObject({
      outcome: 'success',
      actor: 'dispatcher',
      contextName: 'production',
      metadata: { keys: ['DB_PASSWORD', 'SLACK_WEBHOOK'], variables: ['REGION'], runId: 'run-1' },
    });
    expect(JSON.stringify(entry)).not.toContain('db-from-production-db');
  });

  it('denies a job that fails a gate, naming the rule, auditing it, returning no value', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ branch: 'refs/tags/main' }, 'branch rule: refs/tags/main matches none'],
      [{ branch: 'main', trigger: 'tag' }, 'branch rule: refs/tags/main'],
      [{ trigger: 'schedule' }, 'trigger rule: trigger schedule is not one of'],
      [{ repository: 'evil/api' }, 'repository rule: evil/api matches none'],
      [{ trigger: 'pull_request', fork: true }, 'fork rule'],
      [{ trigger: 'pull_request' }, 'fork rule'], // unstated: counts as a fork
      [{ environment: 'staging' }, 'environment rule: environment staging does not exist'],
    ];
    for (const [over, reason] of cases) {
      const { status, body } = await resolveJob(job(over));
      expect(status, JSON.stringify(over)).toBe(403);
      expect(body.error.message).toContain(reason);
      expect(JSON.stringify(body)).not.toContain('db-from');
      const entry = await lastAudit('secret.resolve');
      expect(entry).toMatchObject({ outcome: 'denied', metadata: { reason: body.error.message } });
    }
  });

  it('applies a rule or binding change to the very next resolution', async () => {
    await owner.environments.create('acme', { name: 'changing', scopes: ['shared'] });
    const first = await resolveJob(job({ environment: 'changing' }));
    expect(Object.keys(first.body.secrets).sort()).toEqual(['DB_PASSWORD', 'SLACK_WEBHOOK']);
    // The server has read this environment once; its copy must not outlive a change.
    await owner.environments.setPolicy('acme', 'changing', { branches: ['release/*'] });
    const denied = await resolveJob(job({ environment: 'changing' }));
    expect([denied.status, denied.body.error.message]).toEqual([
      403,
      expect.stringContaining('branch rule'),
    ]);
    await owner.environments.setPolicy('acme', 'changing', { branches: [] });
    await owner.environments.bind('acme', 'changing', 'production/db', 0);
    const rebound = await resolveJob(job({ environment: 'changing' }));
    expect(rebound.body.secrets.DB_PASSWORD?.scope).toBe('pg:production/db');
    await owner.environments.delete('acme', 'changing');
    const gone = await resolveJob(job({ environment: 'changing' }));
    expect(gone.body.error.message).toContain('environment changing does not exist');
  });

  it('accepts only the dispatcher credential on /internal/v1 (an admin token is not one)', async () => {
    for (const credential of [server.token, 'nope']) {
      const { status, body } = await resolveJob(job(), credential);
      expect([status, body.error.message]).toEqual([401, 'Invalid dispatcher credential']);
    }
    expect(await lastAudit('dispatcher.authenticate')).toMatchObject({ outcome: 'denied' });
    const sameRepoPr = await resolveJob(job({ trigger: 'pull_request', fork: false }));
    expect(sameRepoPr.status).toBe(200);
    const bad = await resolveJob(job({ repository: 'no-slash' }));
    expect([bad.status, bad.body.error.field]).toEqual([400, 'repository']);
  });

  it('explains a resolution to operators without values', async () => {
    const explained = await owner.explainResolution({
      orgId: 'acme',
      environment: 'production',
      repository: 'acme/api',
      branch: 'refs/tags/main',
      trigger: 'push',
    });
    expect(explained.allowed).toBe(false);
    expect(explained.gates.find((g) => !g.passed)?.gate).toBe('branch');
    expect(explained.secrets).toContainEqual({
      key: 'DB_PASSWORD',
      backend: 'pg',
      scope: 'pg:production/db',
      shadowed: ['pg:shared'],
    });
    expect(JSON.stringify(explained)).not.toContain('db-from');
  });

  it('rejects test runs on environments without allowLocalExecution, fail-closed', async () => {
    await owner.environments.create('acme', {
      name: 'test-database',
      scopes: ['test-only', 'shared'],
    });
    const run = await internal('/runs/run-t1/key', { orgId: 'acme' });
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

    const closed = await resolveTestRun(server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'test-database' },
    });
    expect(closed.status).toBe(403);
    expect(closed.body.error.message).toContain(
      'does not allow test runs (allowLocalExecution is false)',
    );
    const production = await resolveTestRun(server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'production' },
    });
    expect(production.status).toBe(403);
    const missing = await resolveTestRun(server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'nowhere' },
    });
    expect(missing.body.error.message).toContain('environment nowhere does not exist');

    await owner.environments.setPolicy('acme', 'test-database', { allowLocalExecution: true });
    const open = await resolveTestRun(server, {
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
    const mixed = await resolveTestRun(server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'test-database', deploy: 'production' },
    });
    expect(mixed.status).toBe(403);
    const stray = await resolveTestRun(server, {
      orgId: 'acme',
      runId: 'run-t1',
      fixture: { database: 'test-database' },
      local: { other: local('other', { A: 'b' }) },
    });
    expect(stray.body.error.message).toContain('context other, which the fixture does not map');
    const entry = await lastAudit('secret.resolve.test_run');
    expect(JSON.stringify(entry)).not.toContain('my-laptop-db');
  });

  it('applies the dashboard-write policy per operation and surface, versioned in config', async () => {
    expect((await owner.policy.get()).policy['secrets.set']).toEqual(['dashboard', 'cli']);
    await owner.policy.set('secrets.set', ['cli']);
    const refused = await apiError(dashboard.secrets.set('acme', 'shared', 'NEW_KEY', 'v'));
    expect([refused.status, refused.message]).toEqual([
      403,
      'The dashboard-write policy refuses secrets.set from the dashboard: allowed from cli',
    ]);
    expect((await owner.secrets.keys('acme', 'shared')).keys.map((k) => k.key)).not.toContain(
      'NEW_KEY',
    );
    expect((await owner.secrets.set('acme', 'shared', 'NEW_KEY', 'v')).created).toBe(true);
    expect(await lastAudit('secret.set')).toMatchObject({ outcome: 'success' });

    await owner.policy.set('environments.test_access.set', ['cli']);
    const flag = await apiError(
      dashboard.environments.setPolicy('acme', 'production', { allowLocalExecution: true }),
    );
    expect(flag.message).toContain('refuses environments.test_access.set from the dashboard');
    expect((await owner.environments.show('acme', 'production')).allowLocalExecution).toBe(false);

    // Rolling the config key back restores the earlier policy.
    const history = await owner.config.history('writePolicy');
    const first = history.versions.at(-1)?.version as number;
    await owner.config.rollback('writePolicy', first);
    expect((await owner.policy.get()).policy['secrets.set']).toEqual(['dashboard', 'cli']);
    expect((await dashboard.secrets.set('acme', 'shared', 'NEW_KEY', 'w')).created).toBe(false);

    // No surface header needed: the admin token is the cli surface.
    const noSurface = await fetch(`${server.url}/api/v1/admin/secrets/acme/shared/X_KEY`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: '{"value":"x"}',
    });
    expect(noSurface.status).toBe(200);
  });

  it('with pgCustomerSecrets false: no new customer pg secrets, internal scopes and reads keep working', async () => {
    await owner.config.set('pgCustomerSecrets', false);
    const refused = await apiError(owner.secrets.set('acme', 'brand-new', 'API_KEY', 'v'));
    expect([refused.status, refused.message]).toEqual([
      409,
      expect.stringContaining('pgCustomerSecrets is false'),
    ]);
    expect((await owner.secrets.keys('acme', 'brand-new')).keys).toEqual([]);
    expect((await owner.secrets.set('acme', '__source__/github', 'TOKEN', 't')).created).toBe(true);
    expect((await owner.secrets.set('acme', '__webhook__/stripe', 'SIGNING', 's')).created).toBe(
      true,
    );
    // Existing customer secrets stay resolvable.
    const { status, body } = await resolveJob(job());
    expect([status, body.secrets.DB_PASSWORD?.value]).toEqual([200, 'db-from-production-db']);
    const badValue = await apiError(owner.config.set('pgCustomerSecrets', 'no'));
    expect(badValue.status).toBe(400);
    await owner.config.set('pgCustomerSecrets', true);
    expect((await owner.secrets.set('acme', 'brand-new', 'API_KEY', 'v')).created).toBe(true);
  });

  it('refuses environment changes to roles without the permission, audited', async () => {
    const { token } = await owner.tokens.create({ label: 'compliance', role: 'auditor' });
    const auditor = createAdminClient({ baseUrl: server.url, token });
    expect((await auditor.environments.list('acme')).environments.length).toBeGreaterThan(0);
    const denied = await apiError(auditor.environments.create('acme', { name: 'x' }));
    expect([denied.status, denied.message]).toEqual([
      403,
      "Permission denied: this token's role lacks context.create",
    ]);
    const deletion = await apiError(auditor.environments.delete('acme', 'production'));
    expect(deletion.status).toBe(403);
    expect(await lastAudit('environment.delete')).toMatchObject({ outcome: 'denied' });
    await owner.environments.delete('acme', 'test-database');
    const gone = await apiError(owner.environments.show('acme', 'test-database'));
    expect(gone.status).toBe(404);
  });
});
