// What the backend command tests share: a real kici-server and two Vault-compatible test
// servers (plain http, and https with a throw-away CA), a runner whose every output is
// checked for every Vault credential, and the backend listing.
import { startTestServer, type TestDriver, type TestServer } from '@kici/server/testing';
import { makeTestCertificates, type TestCertificates } from '@kici/vault-test-server/certificates';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Runner } from './cases.js';
import { cli, json, type Result, type RunOptions } from './helpers.js';

export const ARGV_WARNING = (flags: string, instead: string) =>
  `Warning: ${flags} visible in shell history and the process list — prefer ${instead}\n`;

export interface Backend {
  name: string;
  type: string;
  source: string;
  summary: Record<string, unknown>;
  scopePatterns: string[];
  syncIntervalSeconds: number;
  health: 'green' | 'yellow' | 'red';
  lastSyncAt: string | null;
  lastSyncStatus: string | null;
  errors: { at: string; message: string }[];
  scopeCount: number;
  latency: { p50Ms: number | null; p95Ms: number | null; samples: number };
}

/** `backend add --name <name> --type vault --url <url>` and more flags. */
export const addVault = (name: string, url: string, ...flags: string[]) => [
  ...['backend', 'add', '--name', name, '--type', 'vault', '--url', url],
  ...flags,
];

export interface BackendFixture {
  vault: VaultTestServer;
  tlsVault: VaultTestServer;
  certificates: TestCertificates;
  server: TestServer;
  /** `kici-admin …` against the server; its output is checked for every credential. */
  run: Runner;
  listed(): Promise<Backend[]>;
  backend(name: string): Promise<Backend | undefined>;
}

/** Starts the servers before the describe's tests, stops them after; fields set in beforeAll. */
export function useBackendFixture(driver: TestDriver): BackendFixture {
  const f = {} as BackendFixture;
  /** Every credential the Vault servers accept: none may ever be printed. */
  let credentials: string[] = [];
  const noCredential = (result: Result) => {
    for (const credential of credentials) {
      expect(result.stdout).not.toContain(credential);
      expect(result.stderr).not.toContain(credential);
    }
    return result;
  };
  f.listed = async () => {
    const result = await f.run(['backend', 'list', '--json']);
    expect(result.code, result.stderr).toBe(0);
    return json<{ backends: Backend[] }>(result).backends;
  };
  f.backend = async (name) => (await f.listed()).find((b) => b.name === name);

  beforeAll(async () => {
    f.certificates = await makeTestCertificates();
    [f.vault, f.tlsVault, f.server] = await Promise.all([
      startVaultTestServer(),
      startVaultTestServer({
        tls: { certFile: f.certificates.certFile, keyFile: f.certificates.keyFile },
      }),
      // No periodic sync during the tests: they show a backend before and after a manual sync.
      startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } }),
    ]);
    credentials = [f.vault, f.tlsVault].flatMap((v) => [v.roleId, v.secretId, v.rootToken]);
    await Promise.all([
      f.vault.seed('kici/secrets/aws/credentials', { AWS_ACCESS_KEY_ID: 'AKIA-from-vault' }),
      f.vault.seed('kici/secrets/db/prod', { DB_PASSWORD: 'vault-db' }),
      f.tlsVault.seed('team/kv/app', { TOKEN: 'x' }, { mount: 'secret' }),
    ]);
    const runRaw = cli(f.server);
    f.run = async (args: readonly string[], options?: RunOptions) =>
      noCredential(await runRaw(args, options));
  }, 120_000);
  afterAll(async () => {
    await f.server?.dispose();
    await Promise.all([f.vault?.stop(), f.tlsVault?.stop()]);
    await f.certificates?.dispose();
    for (const credential of credentials) {
      expect(f.server?.output() ?? '').not.toContain(credential);
    }
  });
  return f;
}
