// One kici-server process configured with KICI_VAULT_* beside the Vault-compatible test server:
// the environment-configured backend, start-up beside unreachable registered backends, and
// start-up refused for an incomplete Vault configuration. On PostgreSQL when
// KICI_TEST_DATABASE_URL is set, else on the embedded PGlite database.
import { createServer, type Server, type Socket } from 'node:net';
import type { TestServer } from '@kici/server/testing';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Cluster,
  clientOf,
  createCluster,
  createRecorder,
  leaks,
  resolveJob,
  singleDriver,
  waitFor,
} from './orchestrator.js';

/** Accepts connections and never answers: a backend that hangs until the client's deadline. */
async function blackHole(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (it was free a moment ago): connections are refused. */
async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

const HANG_TIMEOUT_MS = 8000;
// Credentials given to the unreachable backends: never sent anywhere that answers, never shown.
const GONE_TOKEN = 'hvs.e2e-unreachable-backend-token';
const HANGING_TOKEN = 'hvs.e2e-hanging-backend-token';

describe(`the KICI_VAULT_* backend and start-up checks (${singleDriver()})`, () => {
  const recorder = createRecorder();
  let vault: VaultTestServer;
  let hole: Awaited<ReturnType<typeof blackHole>>;
  let cluster: Cluster;
  let server: TestServer;
  let vaultEnv: Record<string, string>;
  const failedOutputs: string[] = [];

  beforeAll(async () => {
    vault = await startVaultTestServer();
    hole = await blackHole();
    await vault.seed('kici/secrets/app/config', { API_KEY: 'api-from-env-vault' });
    vaultEnv = {
      KICI_VAULT_URL: vault.url,
      KICI_VAULT_AUTH_METHOD: 'token',
      KICI_VAULT_TOKEN: vault.rootToken,
    };
    cluster = createCluster(singleDriver());
    server = await cluster.start(vaultEnv);
  }, 180_000);

  afterAll(async () => {
    await cluster?.dispose();
    await Promise.all([vault?.stop(), hole?.close()]);
  }, 60_000);

  it('lists the KICI_VAULT_* backend as vault, source env, without its token', async () => {
    const { backends } = await clientOf(server, recorder).backends.list();
    expect(backends).toEqual([
      expect.objectContaining({
        name: 'vault',
        type: 'vault',
        source: 'env',
        summary: expect.objectContaining({ url: vault.url, authMethod: 'token' }),
      }),
    ]);
    expect((await clientOf(server, recorder).backends.test({ name: 'vault' })).ok).toBe(true);
  });

  it('resolves vault:<path> scopes from it', async () => {
    const owner = clientOf(server, recorder);
    await owner.secrets.set('acme', 'production', 'API_KEY', 'api-from-pg');
    await owner.secrets.set('acme', 'production', 'REGION_TOKEN', 'pg-region');
    await owner.environments.create('acme', {
      name: 'app',
      scopes: ['vault:app/config', 'production'],
    });
    const { status, body } = await resolveJob(server, recorder, { environment: 'app' });
    expect(status).toBe(200);
    expect(body.secrets).toEqual({
      API_KEY: { value: 'api-from-env-vault', backend: 'vault', scope: 'vault:app/config' },
      REGION_TOKEN: { value: 'pg-region', backend: 'pg', scope: 'pg:production' },
    });
    const [synced] = (await owner.backends.sync('vault')).results;
    expect(synced).toMatchObject({ name: 'vault', status: 'ok', discovered: 1 });
    expect((await owner.backends.scopes('vault')).scopes).toEqual(['vault:app/config']);
  });

  it('starts beside unreachable registered backends and warns, naming each', async () => {
    const owner = clientOf(server, recorder);
    await owner.backends.add({
      name: 'vault-gone',
      backendType: 'vault',
      config: { url: await refusedUrl(), authMethod: 'token', token: GONE_TOKEN },
    });
    await owner.backends.add({
      name: 'vault-hanging',
      backendType: 'vault',
      config: {
        url: hole.url,
        authMethod: 'token',
        token: HANGING_TOKEN,
        timeoutMs: HANG_TIMEOUT_MS,
      },
    });
    await server.stop();
    const started = Date.now();
    server = await cluster.start(vaultEnv, { restartOf: server });
    const startMs = Date.now() - started;
    expect((await clientOf(server, recorder).readyz()).status).toBe('ready');
    const output = await waitFor(
      'both start-up warnings',
      () => {
        const text = server.output();
        return text.includes('Warning: backend vault-gone is unreachable') &&
          text.includes('Warning: backend vault-hanging is unreachable')
          ? text
          : undefined;
      },
      { timeoutMs: HANG_TIMEOUT_MS + 30_000, intervalMs: 200 },
    );
    console.log(`restart beside two unreachable backends: listening after ${startMs} ms`);
    // The checks run after the server listens: vault-hanging takes HANG_TIMEOUT_MS to fail, and
    // "Listening on" came first, so start-up did not wait for it.
    expect(output.indexOf('Listening on')).toBeLessThan(output.indexOf('Warning: backend'));
    expect(output).not.toContain('Warning: backend vault is unreachable');
    const { backends } = await clientOf(server, recorder).backends.list();
    expect(backends.map((backend) => backend.name).sort()).toEqual([
      'vault',
      'vault-gone',
      'vault-hanging',
    ]);
  }, 90_000);

  it('exits non-zero naming a missing conditional KICI_VAULT_* variable', async () => {
    await server.stop();
    const cases = [
      {
        env: { KICI_VAULT_AUTH_METHOD: 'approle', KICI_VAULT_SECRET_ID: 'e2e-secret-id-value' },
        variable: 'KICI_VAULT_ROLE_ID',
      },
      { env: { KICI_VAULT_AUTH_METHOD: 'token' }, variable: 'KICI_VAULT_TOKEN' },
    ];
    for (const { env, variable } of cases) {
      const error = await cluster
        .start({ KICI_VAULT_URL: vault.url, ...env }, { restartOf: server })
        .then(
          () => undefined,
          (e: unknown) => e as Error,
        );
      expect(error?.message).toMatch(/^kici-server exited with [1-9]\d*:/);
      expect(error?.message).toContain(variable);
      expect(error?.message).not.toContain('e2e-secret-id-value');
      failedOutputs.push(error?.message ?? '');
    }
    // The same database still starts with the complete configuration.
    server = await cluster.start(vaultEnv, { restartOf: server });
    expect((await clientOf(server, recorder).backends.test({ name: 'vault' })).ok).toBe(true);
  }, 90_000);

  it('never shows a Vault credential in a log line or an admin answer', async () => {
    await clientOf(server, recorder).audit({ limit: 1000 });
    const credentials = [
      vault.rootToken,
      vault.roleId,
      vault.secretId,
      GONE_TOKEN,
      HANGING_TOKEN,
      'e2e-secret-id-value',
    ];
    const texts: Record<string, string> = {};
    cluster.servers.forEach((s, i) => {
      texts[`the output of start ${i}`] = s.output();
    });
    failedOutputs.forEach((text, i) => {
      texts[`the output of failed start ${i}`] = text;
    });
    recorder.texts.forEach((text, i) => {
      texts[`answer ${i}`] = text;
    });
    expect(leaks(credentials, texts)).toEqual([]);
  });
});
