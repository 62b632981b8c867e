// Environments, protection rules and job-time resolution as the dispatcher and operators see
// them: a real kici-server process, the admin API through the typed client, the dispatcher's
// /internal/v1 endpoints with raw fetch and its own credential (resolution-fixture.ts). This
// file: environments and their bindings, the chain, the gates, the dispatcher credential and
// the operators' explanation. Test runs, write policies, pgCustomerSecrets and roles:
// resolution-policies.test.ts.
import { describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import { apiError } from './helpers.js';
import { job, useResolutionFixture } from './resolution-fixture.js';

describe.each(testDrivers())('environments and resolution (%s)', (driver) => {
  const f = useResolutionFixture(driver);

  it('creates environments with rules and ordered bindings, refusing unknown backends', async () => {
    const created = await f.owner.environments.create('acme', {
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
    const unknown = await apiError(f.owner.environments.bind('acme', 'production', 'vault-x:aws'));
    expect([unknown.status, unknown.message]).toEqual([
      400,
      expect.stringContaining('backend "vault-x" of scope vault-x:aws does not exist'),
    ]);
    const again = await apiError(f.owner.environments.create('acme', { name: 'production' }));
    expect(again.status).toBe(409);
    const bound = await f.owner.environments.bind('acme', 'production', 'pg:extra', 0);
    expect(bound.scopes).toEqual(['pg:extra', 'pg:production/db', 'pg:shared']);
    const unbound = await f.owner.environments.unbind('acme', 'production', 'pg:extra');
    expect(unbound.scopes).toEqual(['pg:production/db', 'pg:shared']);
    expect((await f.owner.environments.list('acme')).environments.map((e) => e.name)).toEqual([
      'production',
    ]);
    expect((await f.lastAudit('environment.unbind'))?.metadata).toMatchObject({
      scope: 'pg:extra',
    });
  });

  it('resolves a job through the chain: the earlier binding wins, with getMeta sources', async () => {
    const { status, body } = await f.resolveJob(job());
    expect(status).toBe(200);
    expect(body.secrets).toEqual({
      DB_PASSWORD: { value: 'db-from-production-db', backend: 'pg', scope: 'pg:production/db' },
      SLACK_WEBHOOK: { value: 'https://hooks.example/x', backend: 'pg', scope: 'pg:shared' },
    });
    expect(body.variables).toEqual({ REGION: { value: 'eu-west-1', scope: 'pg:shared' } });
    const entry = await f.lastAudit('secret.resolve');
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
      const { status, body } = await f.resolveJob(job(over));
      expect(status, JSON.stringify(over)).toBe(403);
      expect(body.error.message).toContain(reason);
      expect(JSON.stringify(body)).not.toContain('db-from');
      const entry = await f.lastAudit('secret.resolve');
      expect(entry).toMatchObject({ outcome: 'denied', metadata: { reason: body.error.message } });
    }
  });

  it('applies a rule or binding change to the very next resolution', async () => {
    await f.owner.environments.create('acme', { name: 'changing', scopes: ['shared'] });
    const first = await f.resolveJob(job({ environment: 'changing' }));
    expect(Object.keys(first.body.secrets).sort()).toEqual(['DB_PASSWORD', 'SLACK_WEBHOOK']);
    // The server has read this environment once; its copy must not outlive a change.
    await f.owner.environments.setPolicy('acme', 'changing', { branches: ['release/*'] });
    const denied = await f.resolveJob(job({ environment: 'changing' }));
    expect([denied.status, denied.body.error.message]).toEqual([
      403,
      expect.stringContaining('branch rule'),
    ]);
    await f.owner.environments.setPolicy('acme', 'changing', { branches: [] });
    await f.owner.environments.bind('acme', 'changing', 'production/db', 0);
    const rebound = await f.resolveJob(job({ environment: 'changing' }));
    expect(rebound.body.secrets.DB_PASSWORD?.scope).toBe('pg:production/db');
    await f.owner.environments.delete('acme', 'changing');
    const gone = await f.resolveJob(job({ environment: 'changing' }));
    expect(gone.body.error.message).toContain('environment changing does not exist');
  });

  it('accepts only the dispatcher credential on /internal/v1 (an admin token is not one)', async () => {
    for (const credential of [f.server.token, 'nope']) {
      const { status, body } = await f.resolveJob(job(), credential);
      expect([status, body.error.message]).toEqual([401, 'Invalid dispatcher credential']);
    }
    expect(await f.lastAudit('dispatcher.authenticate')).toMatchObject({ outcome: 'denied' });
    const sameRepoPr = await f.resolveJob(job({ trigger: 'pull_request', fork: false }));
    expect(sameRepoPr.status).toBe(200);
    const bad = await f.resolveJob(job({ repository: 'no-slash' }));
    expect([bad.status, bad.body.error.field]).toEqual([400, 'repository']);
  });

  it('explains a resolution to operators without values', async () => {
    const explained = await f.owner.explainResolution({
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
});
