// Dispatch never serves a stale environment or backend: a change to an environment (rules or
// bindings) or a backend (removed, re-added), made through any instance, takes effect on the
// very next POST /internal/v1/resolve of every instance sharing the database. Real processes:
// two kici-server instances on one PostgreSQL (skipped without one) and one on PGlite, beside
// a Vault-compatible test server that is made to refuse connections for the outage.
import type { TestServer } from '@kici/server/testing';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  hasPostgres,
  POSTGRES_URL_VARIABLE,
  resolveJob,
} from './orchestrator.js';

const variants = [
  { title: 'one kici-server instance on PGlite', driver: 'pglite' as const, instances: 1 },
  {
    title: hasPostgres()
      ? 'two kici-server instances on one PostgreSQL database'
      : `two kici-server instances on one PostgreSQL database — skipped: ${POSTGRES_URL_VARIABLE} is not set`,
    driver: 'postgres' as const,
    instances: 2,
    skip: !hasPostgres(),
  },
];

const pg = (scope: string, value: string) => ({ value, backend: 'pg', scope: `pg:${scope}` });

for (const variant of variants) {
  describe.skipIf(variant.skip ?? false)(`fresh dispatch: ${variant.title}`, () => {
    const recorder = createRecorder();
    let vault: VaultTestServer;
    let cluster: Cluster;
    /** Instance A (where changes are made) and B (where they must apply at once). */
    let a: TestServer;
    let b: TestServer;
    const admin = (server: TestServer) => clientOf(server, recorder);
    const both = () => (a === b ? [a] : [a, b]);
    const addVault = (name: string) =>
      admin(a).backends.add({
        name,
        backendType: 'vault',
        config: { url: vault.url, authMethod: 'token', token: vault.rootToken },
      });

    beforeAll(async () => {
      vault = await startVaultTestServer();
      await vault.seed('kici/secrets/aws/prod', { AWS_ACCESS_KEY_ID: 'AKIA-from-vault' });
      cluster = createCluster(variant.driver);
      a = await cluster.start();
      b = variant.instances === 2 ? await cluster.start() : a;
      await admin(a).secrets.set('acme', 'production', 'API_TOKEN', 'pg-api');
      await admin(a).secrets.set('acme', 'staging', 'STAGING_TOKEN', 'pg-staging');
    }, 180_000);

    afterAll(async () => {
      await cluster?.dispose();
      await vault?.stop();
    }, 60_000);

    it('an unbound Vault scope stops failing the next dispatch even while Vault is down', async () => {
      await addVault('vault-outage');
      const scopes = ['vault-outage:aws/prod', 'production'];
      await admin(a).environments.create('acme', { name: 'outage', scopes });
      for (const server of both()) {
        const ok = await resolveJob(server, recorder, { environment: 'outage' });
        expect(ok.status).toBe(200);
        expect(ok.body.secrets?.AWS_ACCESS_KEY_ID?.value).toBe('AKIA-from-vault');
      }
      await vault.control({ op: 'refuse' });
      try {
        for (const server of both()) {
          const down = await resolveJob(server, recorder, { environment: 'outage' });
          expect(down.status).toBe(503);
          expect(down.body.error?.message).toContain('vault-outage');
        }
        await admin(a).environments.unbind('acme', 'outage', 'vault-outage:aws/prod');
        const explained = await admin(b).explainResolution({
          orgId: 'acme',
          environment: 'outage',
          repository: 'acme/api',
          branch: 'main',
          trigger: 'push',
        });
        expect(explained.allowed).toBe(true);
        for (const server of both()) {
          const after = await resolveJob(server, recorder, { environment: 'outage' });
          expect(after.status).toBe(200);
          expect(after.body.secrets).toEqual({ API_TOKEN: pg('production', 'pg-api') });
        }
      } finally {
        await vault.control({ op: 'listen' });
      }
    }, 60_000);

    it('a removed backend supplies nothing on the next dispatch, and serves again once re-added', async () => {
      await addVault('vault-gone');
      await admin(a).environments.create('acme', {
        name: 'bound',
        scopes: ['vault-gone:aws/prod', 'production'],
      });
      await admin(a).environments.create('acme', { name: 'never-bound', scopes: ['production'] });
      for (const server of both()) {
        const ok = await resolveJob(server, recorder, { environment: 'bound' });
        expect(ok.status).toBe(200);
        expect(ok.body.secrets?.AWS_ACCESS_KEY_ID?.backend).toBe('vault-gone');
      }
      await admin(a).backends.remove('vault-gone');
      for (const server of both()) {
        const never = await resolveJob(server, recorder, { environment: 'never-bound' });
        const bound = await resolveJob(server, recorder, { environment: 'bound' });
        expect(never.status).toBe(200);
        expect(bound.status).toBe(200);
        expect(bound.body.secrets).toEqual(never.body.secrets);
        expect(bound.body.secrets).toEqual({ API_TOKEN: pg('production', 'pg-api') });
      }
      // Re-added under the same name: the binding serves again, on every instance.
      await addVault('vault-gone');
      for (const server of both()) {
        const back = await resolveJob(server, recorder, { environment: 'bound' });
        expect(back.status).toBe(200);
        expect(back.body.secrets?.AWS_ACCESS_KEY_ID).toEqual({
          value: 'AKIA-from-vault',
          backend: 'vault-gone',
          scope: 'vault-gone:aws/prod',
        });
      }
      // And a binding made afresh (on the other instance) works at once too.
      await admin(b).environments.unbind('acme', 'bound', 'vault-gone:aws/prod');
      await admin(b).environments.bind('acme', 'bound', 'vault-gone:aws/prod', 0);
      for (const server of both()) {
        const rebound = await resolveJob(server, recorder, { environment: 'bound' });
        expect(rebound.status).toBe(200);
        expect(rebound.body.secrets?.AWS_ACCESS_KEY_ID?.value).toBe('AKIA-from-vault');
      }
    }, 60_000);

    it("a rule or binding changed on A applies to B's very next dispatch", async () => {
      await admin(a).environments.create('acme', {
        name: 'ruled',
        scopes: ['production'],
        branches: ['main'],
      });
      const onB = () => resolveJob(b, recorder, { environment: 'ruled', branch: 'main' });
      expect((await onB()).status).toBe(200); // B now holds this revision
      await admin(a).environments.setPolicy('acme', 'ruled', { branches: ['release/*'] });
      const denied = await onB();
      expect(denied.status).toBe(403);
      expect(JSON.stringify(denied.body)).toContain('branch');
      await admin(a).environments.setPolicy('acme', 'ruled', { branches: ['main'] });
      expect((await onB()).status).toBe(200);
      await admin(a).environments.bind('acme', 'ruled', 'staging', 0);
      const bound = await onB();
      expect(bound.body.secrets).toEqual({
        STAGING_TOKEN: pg('staging', 'pg-staging'),
        API_TOKEN: pg('production', 'pg-api'),
      });
      await admin(a).environments.unbind('acme', 'ruled', 'production');
      expect((await onB()).body.secrets).toEqual({ STAGING_TOKEN: pg('staging', 'pg-staging') });
      await admin(a).environments.delete('acme', 'ruled');
      expect((await onB()).status).toBe(403);
    }, 60_000);
  });
}
