// The diagnostics page in a real headless Chromium against a real kici-server process and the
// Vault-compatible test server: one card per backend before and after a sync, a dead backend
// in red with its error, masked URLs; axe (WCAG A/AA) on the dashboard's pages; the keyboard.
import { createAdminClient } from '@kici/contracts';
import type { VaultTestServer } from '@kici/vault-test-server/start';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testDrivers } from '../src/testing.js';
import { expectAccessible } from './a11y.js';
import { chromiumPath, screenshotPath, signIn, textsOf } from './browser.js';
import { type DashboardFixture, startDashboard } from './ui-fixture.js';

const DEAD_SECRET_ID = 'dead-backend-secret-id-5c1f';

/** The focused element (a name for it) and its outline, evaluated in the page. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const key = el.tagName === 'SUMMARY'
    ? 'summary:' + el.closest('li')?.getAttribute('data-backend')
    : el.id ? '#' + el.id
    : el.getAttribute('data-copy') ? 'copy:' + el.getAttribute('data-copy')
    : el.tagName.toLowerCase();
  return { key, outline: style.outlineStyle + ' ' + style.outlineWidth };
})()`;

describe.skipIf(!chromiumPath).each(testDrivers())('the diagnostics page (%s)', (driver) => {
  let fixture: DashboardFixture;
  let vault: VaultTestServer;
  let server: TestServer;
  let page: Page;
  let dashboardToken: string;

  const card = (name: string) => `section.diag-card[data-backend="${name}"]`;
  const field = (name: string, f: string) => textsOf(page, `${card(name)} [data-field="${f}"]`);
  const healthOf = (name: string) => textsOf(page, `${card(name)} .diag-health-text`);

  beforeAll(async () => {
    fixture = await startDashboard(driver, { syncIntervalSeconds: 600 });
    ({ vault, server, page, dashboardToken } = fixture);
    await vault.seed('kici/secrets/aws/deploy', { TOKEN: 'deploy-from-vault' });
    const { owner } = fixture;
    // Nothing listens on port 9 of this machine: every call is refused.
    await owner.backends.add({
      name: 'vault-dead',
      backendType: 'vault',
      config: {
        url: 'http://127.0.0.1:9/v1',
        authMethod: 'approle',
        roleId: 'dead-role',
        secretId: DEAD_SECRET_ID,
      },
    });
    await owner.secrets.set('acme', 'pg:app/prod', 'DB_PASSWORD', 'stored-in-pg');
    await owner.secrets.set('acme', 'pg:app/staging', 'DB_PASSWORD', 'stored-in-pg-2');
  }, 120_000);
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('gzips pages and assets when the client accepts it', async () => {
    for (const path of ['/ui/sign-in', '/ui/assets/app.css', '/ui/assets/app.js']) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(response.headers.get('content-encoding'), path).toBe('gzip');
      expect(response.headers.get('vary'), path).toContain('Accept-Encoding');
      expect((await response.text()).length, path).toBeGreaterThan(500);
    }
  });

  it('the sign-in page passes axe', async () => {
    await page.goto(`${server.url}/ui/sign-in`);
    await expectAccessible(page);
  });

  it('shows one card per backend with every field, before any sync', async () => {
    await signIn(page, server.url, dashboardToken);
    await page.goto(`${server.url}/ui/diagnostics?org=acme`);
    expect(await textsOf(page, 'section.diag-card h2')).toEqual([
      'pg pg',
      'openbao-prod vault',
      'vault-dead vault',
    ]);
    expect(await healthOf('pg')).toEqual([expect.stringMatching(/^Healthy/)]);
    expect(await field('pg', 'scopes')).toEqual(['2']);
    expect(await healthOf('openbao-prod')).toEqual([expect.stringMatching(/^Warning/)]);
    expect(await field('openbao-prod', 'url')).toEqual([new URL(vault.url).origin]);
    expect(await field('openbao-prod', 'auth')).toEqual(['approle']);
    expect(await field('openbao-prod', 'interval')).toEqual(['every 10 min']);
    expect(await field('openbao-prod', 'scopes')).toEqual(['0']);
    expect(await field('openbao-prod', 'last-sync')).toEqual(['never']);
    expect(await field('vault-dead', 'interval')).toEqual(['every 5 min']);
    expect(await textsOf(page, `${card('openbao-prod')} .empty-log`)).toEqual([
      'No recent errors.',
    ]);
    await expectAccessible(page);
    await page.screenshot({
      path: await screenshotPath(`diagnostics-before-sync-${driver}`),
      fullPage: true,
    });
  });

  it('after "Sync now": last sync time and scope count change; a dead backend is red with its error', async () => {
    const started = Date.now();
    await Promise.all([page.waitForNavigation(), page.click('#diag-sync-now')]);
    expect(await textsOf(page, '[role="status"]')).toEqual(['Synced 2 backend(s).']);
    expect(await healthOf('openbao-prod')).toEqual([expect.stringMatching(/^Healthy/)]);
    expect(await field('openbao-prod', 'scopes')).toEqual(['2']);
    const [lastSync] = await field('openbao-prod', 'last-sync');
    expect(Date.parse(lastSync?.split(' ')[0] ?? '')).toBeGreaterThanOrEqual(started - 1000);
    expect(lastSync).toContain('Discovered 2 scopes');
    expect(await field('openbao-prod', 'latency')).toEqual([
      expect.stringMatching(/^p50 \d+(\.\d)? ms · p95 \d+(\.\d)? ms \(\d+ calls?\)$/),
    ]);
    expect(await healthOf('vault-dead')).toEqual([expect.stringMatching(/^Failing/)]);
    expect(await page.$eval(`${card('vault-dead')} .health`, (el) => el.className)).toContain(
      'health-red',
    );
    const errors = await textsOf(page, `${card('vault-dead')} .diag-errors li`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/vault-dead/);
    expect(await field('vault-dead', 'url')).toEqual(['http://127.0.0.1:9']);
    // What the admin API reports is what the page shows.
    const owner = createAdminClient({ baseUrl: server.url, token: server.token });
    const listed = (await owner.backends.list()).backends;
    const dead = listed.find((b) => b.name === 'vault-dead');
    expect(errors[0]).toContain(dead?.errors[0]?.message);
    const html = await page.content();
    for (const secret of [
      DEAD_SECRET_ID,
      vault.secretId,
      vault.roleId,
      'dead-role',
      'AKIA-from-vault',
    ])
      expect(html).not.toContain(secret);
    await expectAccessible(page);
    await page.screenshot({
      path: await screenshotPath(`diagnostics-after-sync-${driver}`),
      fullPage: true,
    });
  });

  it('the secrets page passes axe', async () => {
    await page.goto(`${server.url}/ui/secrets?org=acme`);
    await expectAccessible(page);
  });

  it('Tab reaches the tree summaries, copy buttons and Sync now, each with a visible focus', async () => {
    await page.goto(`${server.url}/ui/secrets?org=acme`);
    const reached: { key: string; outline: string }[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      // A string: the test's TypeScript has no DOM types.
      const focused = (await page.evaluate(FOCUSED)) as { key: string; outline: string } | null;
      if (focused) reached.push(focused);
    }
    const keys = reached.map((r) => r.key);
    for (const expected of [
      '#sync-now',
      'summary:pg',
      'summary:openbao-prod',
      'copy:pg:app/prod',
      'copy:openbao-prod:aws/credentials',
    ])
      expect(keys).toContain(expected);
    for (const { key, outline } of reached) {
      expect(outline, key).not.toMatch(/^none/);
      expect(outline, key).not.toMatch(/ 0px$/);
    }
    await page.focus('button[data-copy="pg:app/prod"]');
    await page.screenshot({ path: await screenshotPath(`diagnostics-keyboard-focus-${driver}`) });
  });
});
