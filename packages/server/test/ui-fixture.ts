// What every dashboard test starts from: a Vault-compatible test server registered as the
// `openbao-prod` backend of a real kici-server, its owner's client, and a headless Chromium.
import { type AdminClient, createAdminClient } from '@kici/contracts';
import { startVaultTestServer, type VaultTestServer } from '@kici/vault-test-server/start';
import type { Browser, Page } from 'puppeteer-core';
import { startTestServer, type TestDriver, type TestServer } from '../src/testing.js';
import { launchBrowser } from './browser.js';
import { dashboardClient } from './helpers.js';

/** The registration body of an AppRole Vault backend on the Vault test server. */
export const approleBackend = (
  vault: VaultTestServer,
  name: string,
  extra: { scopePatterns?: string[]; syncIntervalSeconds?: number } = {},
) => ({
  name,
  backendType: 'vault' as const,
  config: {
    url: vault.url,
    authMethod: 'approle' as const,
    roleId: vault.roleId,
    secretId: vault.secretId,
  },
  ...extra,
});

export interface DashboardFixture {
  readonly vault: VaultTestServer;
  readonly server: TestServer;
  readonly owner: AdminClient;
  readonly browser: Browser;
  readonly page: Page;
  /** An owner token for the dashboard surface, not signed in yet. */
  readonly dashboardToken: string;
  dispose(): Promise<void>;
}

/**
 * Vault holds `aws/credentials`; kici-server runs with no periodic sync, so a page shows a
 * backend before and after "Sync now". `backend` adds to `openbao-prod`'s registration.
 */
export async function startDashboard(
  driver: TestDriver,
  backend: { scopePatterns?: string[]; syncIntervalSeconds?: number } = {},
): Promise<DashboardFixture> {
  const vault = await startVaultTestServer();
  await vault.seed('kici/secrets/aws/credentials', { AWS_ACCESS_KEY_ID: 'AKIA-from-vault' });
  const server = await startTestServer({ driver, env: { KICI_BACKEND_SYNC_TICK_MS: '3600000' } });
  const owner = createAdminClient({ baseUrl: server.url, token: server.token });
  await owner.backends.add(approleBackend(vault, 'openbao-prod', backend));
  const { token } = await dashboardClient(owner, server.url);
  const browser = await launchBrowser();
  const page = await browser.newPage();
  return {
    vault,
    server,
    owner,
    browser,
    page,
    dashboardToken: token,
    async dispose() {
      await browser.close();
      await server.dispose();
      await vault.stop();
    },
  };
}
