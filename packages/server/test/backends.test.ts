// External backends through the admin API and the dispatcher's endpoint: a real kici-server
// process and the Vault-compatible test server of tests-e2e, both over real HTTP.
import { createAdminClient } from '@kici/contracts';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDrivers } from '../src/testing.js';
import { apiError, dispatch, dispatchJob } from './helpers.js';
import { createRun, jobOf, putOutput } from './run-helpers.js';

describe.each(testDrivers())('external backends (%s)', (driver) => {
  let vault: VaultTestServer;
  let server: TestServer;
  let owner: ReturnType<typeof createAdminClient>;

  const resolve = async (environment: string) => {
    const dispatched = await dispatch(server, environment);
    return {
      status: dispatched.status,
      body: { ...dispatched.body, secrets: dispatched.secrets } as {
        secrets: Record<string, { value: string; backend: string; scope: string }>;
        error: { code: string; message: string };
      },
    };
  };
  /** The `secret.resolve` audit rows of one environment, newest first. */
  const resolutionRows = async (environment: string) =>
    (await owner.audit({ action: 'secret.resolve', limit: 20 })).entries.filter(
      (row) => row.contextName === environment,
    );
  /** Resolves `environment` once with the Vault test server sealed: the job fails (503). */
  const resolveWhileSealed = async (environment: string) => {
    await vault.control({ op: 'seal' });
    try {
      expect((await resolve(environment)).status).toBe(503);
    } finally {
      await vault.control({ op: 'unseal' });
    }
  };

  beforeAll(async () => {
    vault = await startVaultTestServer();
    await vault.seed('kici/secrets/aws/credentials', { AWS_ACCESS_KEY_ID: 'AKIA-from-vault' });
    await vault.seed('kici/secrets/db/prod', { DB_PASSWORD: 'vault-db' });
    await vault.seed('kici/secrets/other/x', { X: '1' });
    // No periodic sync during the tests: they show a backend before and after a manual sync.
    server = await startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } });
    owner = createAdminClient({ baseUrl: server.url, token: server.token });
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await vault?.stop();
  });

  it('registers a backend with its credentials sealed and never shown', async () => {
    const added = await owner.backends.add({
      name: 'openbao-prod',
      backendType: 'vault',
      config: {
        url: vault.url,
        authMethod: 'approle',
        roleId: vault.roleId,
        secretId: vault.secretId,
      },
      scopePatterns: ['aws/**', 'db/*'],
    });
    expect(added).toMatchObject({
      name: 'openbao-prod',
      type: 'vault',
      summary: {
        url: vault.url,
        authMethod: 'approle',
        mountPath: 'secret',
        basePath: 'kici/secrets',
      },
      health: 'yellow',
    });
    const listed = JSON.stringify(await owner.backends.list());
    for (const credential of [vault.roleId, vault.secretId, vault.rootToken]) {
      expect(listed).not.toContain(credential);
      expect(server.output()).not.toContain(credential);
    }
    const bad = await apiError(
      owner.backends.add({
        name: 'broken',
        backendType: 'vault',
        config: { url: 'ftp://x', authMethod: 'token' },
      }),
    );
    expect([bad.status, bad.field ?? bad.message]).toEqual([400, expect.stringContaining('url')]);
    const taken = await apiError(
      owner.backends.add({
        name: 'openbao-prod',
        backendType: 'vault',
        config: { url: vault.url, authMethod: 'token', token: vault.rootToken },
      }),
    );
    expect(taken.status).toBe(409);
  });

  it('tests, syncs (filtered by its globs) and reports health', async () => {
    const tested = await owner.backends.test({ name: 'openbao-prod' });
    expect(tested.ok).toBe(true);
    const unregistered = await owner.backends.test({
      name: 'candidate',
      backendType: 'vault',
      config: { url: vault.url, authMethod: 'token', token: vault.rootToken },
    });
    expect(unregistered.ok).toBe(true);
    // An auditor may test registered backends, not make the orchestrator dial a URL of its own.
    const { token } = await owner.tokens.create({ label: 'backend-auditor', role: 'auditor' });
    const auditor = createAdminClient({ baseUrl: server.url, token });
    expect((await auditor.backends.test({ name: 'openbao-prod' })).ok).toBe(true);
    const dial = await apiError(
      auditor.backends.test({
        name: 'x',
        backendType: 'vault',
        config: { url: 'http://127.0.0.1:1', authMethod: 'token', token: 't' },
      }),
    );
    expect([dial.status, dial.message]).toEqual([
      403,
      "Permission denied: this token's role lacks context.create",
    ]);
    const [result] = (await owner.backends.sync('openbao-prod')).results;
    expect(result).toMatchObject({ name: 'openbao-prod', status: 'ok', discovered: 2 });
    expect((await owner.backends.scopes('openbao-prod')).scopes).toEqual([
      'openbao-prod:aws/credentials',
      'openbao-prod:db/prod',
    ]);
    const [listed] = (await owner.backends.list()).backends;
    expect(listed).toMatchObject({ health: 'green', scopeCount: 2, lastSyncStatus: 'ok' });
    expect(listed?.latency.samples).toBeGreaterThan(0);
  });

  it('resolves a Vault scope live beside a pg scope, and a pg secret linked to Vault', async () => {
    await owner.secrets.set('acme', 'production', 'DB_PASSWORD', 'pg-db');
    await owner.secrets.link('acme', 'production', 'AWS_KEY', {
      backend: 'openbao-prod',
      path: 'aws/credentials',
      key: 'AWS_ACCESS_KEY_ID',
    });
    await owner.environments.create('acme', {
      name: 'production',
      scopes: ['openbao-prod:db/prod', 'production'],
    });
    const { status, body } = await resolve('production');
    expect(status).toBe(200);
    expect(body.secrets).toEqual({
      DB_PASSWORD: { value: 'vault-db', backend: 'openbao-prod', scope: 'openbao-prod:db/prod' },
      AWS_KEY: { value: 'AKIA-from-vault', backend: 'openbao-prod', scope: 'pg:production' },
    });
    // Reveal reads a linked value on its backend too.
    expect((await owner.secrets.reveal('acme', 'production', 'AWS_KEY')).value).toBe(
      'AKIA-from-vault',
    );
    const keys = (await owner.secrets.keys('acme', 'production')).keys;
    expect(keys.find((k) => k.key === 'AWS_KEY')?.backendType).toBe('openbao-prod');
    const written = await apiError(owner.secrets.set('acme', 'openbao-prod:db/prod', 'X', 'y'));
    expect(written.message).toContain('read-only');
  });

  it('fails only the jobs whose scopes live on an unreachable backend, naming it', async () => {
    await owner.secrets.set('acme', 'shared', 'SLACK_WEBHOOK', 'https://hooks.example/x');
    await owner.environments.create('acme', { name: 'pg-only', scopes: ['shared'] });
    await vault.control({ op: 'seal' });
    try {
      const failed = await resolve('production');
      expect(failed.status).toBe(503);
      expect(failed.body.error.message).toContain('openbao-prod');
      const fine = await resolve('pg-only');
      expect(fine.status).toBe(200);
      const [result] = (await owner.backends.sync('openbao-prod')).results;
      expect(result?.status).toBe('error');
      // The orchestrator's log names the failed sync, as the troubleshooting guide expects.
      expect(server.output()).toContain(
        'Warning: backend openbao-prod sync failed: Vault backend "openbao-prod": Vault is sealed',
      );
      const [listed] = (await owner.backends.list()).backends;
      expect(listed).toMatchObject({ health: 'red' });
      expect(listed?.errors[0]?.message).toContain('openbao-prod');
    } finally {
      await vault.control({ op: 'unseal' });
    }
    expect((await resolve('production')).status).toBe(200);
  });

  it('writes one audit row per resolution of a Vault scope beside a pg scope, naming the keys of both', async () => {
    await owner.secrets.set('acme', 'ci', 'CI_TOKEN', 'ci-1');
    await owner.environments.create('acme', {
      name: 'vault-and-pg',
      scopes: ['openbao-prod:db/prod', 'ci'],
    });
    const resolved = await resolve('vault-and-pg');
    expect(Object.keys(resolved.body.secrets).sort()).toEqual(['CI_TOKEN', 'DB_PASSWORD']);
    const [success, ...none] = await resolutionRows('vault-and-pg');
    expect(none).toEqual([]);
    expect(success).toMatchObject({
      outcome: 'success',
      metadata: { keys: ['CI_TOKEN', 'DB_PASSWORD'] },
    });
    await resolveWhileSealed('vault-and-pg');
    const after = await resolutionRows('vault-and-pg');
    expect(after.map((row) => row.outcome)).toEqual(['failure', 'success']);
    expect(JSON.stringify(after)).not.toContain('vault-db');
  });

  it('writes exactly one audit row per resolution of a linked secret, success or failure', async () => {
    await owner.environments.create('acme', { name: 'linked-only', scopes: ['production'] });
    const resolved = await resolve('linked-only');
    expect(resolved.body.secrets.AWS_KEY?.value).toBe('AKIA-from-vault');
    const [success, ...none] = await resolutionRows('linked-only');
    expect(none).toEqual([]);
    expect(success).toMatchObject({
      outcome: 'success',
      metadata: { keys: expect.arrayContaining(['AWS_KEY']) },
    });
    await resolveWhileSealed('linked-only');
    const after = await resolutionRows('linked-only');
    expect(after.map((row) => row.outcome)).toEqual(['failure', 'success']);
    expect(after[0]?.metadata).toMatchObject({ backend: 'openbao-prod' });
  });

  it("names a job's upstream outputs in the row written after a link is followed", async () => {
    // linked-only holds a linked secret: its audit row is written by core, not the statement.
    const job = (jobId: string) => jobOf('run-linked', jobId, { environment: 'linked-only' });
    await createRun(server, 'run-linked', [{ id: 'A' }, { id: 'B', needs: ['A'] }]);
    const a = await dispatchJob(server, job('A'));
    expect(a.status).toBe(200);
    const path = { runId: 'run-linked', jobId: 'A', key: 'MINTED' };
    expect((await putOutput(server, a.body, path, 'minted-value')).status).toBe(200);
    const b = await dispatchJob(server, job('B'));
    expect(b.secrets.MINTED?.value).toBe('minted-value');
    expect(b.secrets.AWS_KEY?.value).toBe('AKIA-from-vault');
    const [row, ...older] = await resolutionRows('linked-only');
    expect(row?.metadata).toMatchObject({
      runId: 'run-linked',
      jobId: 'B',
      keys: ['AWS_KEY', 'DB_PASSWORD'],
      outputs: { keys: ['MINTED'], from: { MINTED: 'A' } },
    });
    expect(older[0]?.metadata).toMatchObject({ jobId: 'A' });
    expect(older[0]?.metadata).not.toHaveProperty('outputs');
    expect(JSON.stringify([row, ...older])).not.toContain('minted-value');
  });

  it('re-seals backend credentials on rotate-key and removes backends', async () => {
    const rotated = await owner.rotateKey();
    const [entry] = (await owner.audit({ action: 'rotateKey', limit: 1 })).entries;
    expect(entry?.metadata).toMatchObject({ reEncryptedBackends: 1 });
    expect(rotated.message).toMatch(/^Re-encrypted \d+ secrets, \d+ config versions$/);
    expect((await owner.backends.test({ name: 'openbao-prod' })).ok).toBe(true);
    await owner.backends.remove('openbao-prod');
    expect((await owner.backends.list()).backends).toEqual([]);
    expect((await apiError(owner.backends.remove('openbao-prod'))).status).toBe(404);
  });
});
