// The web dashboard in a real headless Chromium against a real kici-server process and the
// Vault-compatible test server: sign-in, the secrets tree, copyable ids, "Sync now", and posts
// that are not forms.
import { request } from 'node:http';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testDrivers } from '../src/testing.js';
import { allowClipboard, chromiumPath, screenshotPath, signIn, textsOf } from './browser.js';
import { type DashboardFixture, startDashboard } from './ui-fixture.js';

/**
 * A form post of `size` bytes over node:http, streamed in 64 KiB chunks (chunked, so the
 * server cannot judge it by its Content-Length): the server answers 413 before the body is in
 * and closes the connection, which fetch reports as a failure; here the answer is still read.
 */
function postLarge(url: string, size: number, cookie: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    let answered = false;
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    });
    req.on('response', (response) => {
      answered = true;
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk;
      });
      response.on('end', () => {
        req.destroy();
        resolve({ status: response.statusCode ?? 0, text });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered) reject(error);
    });
    const chunk = `value=${'a'.repeat(65_530)}`;
    let sent = 0;
    const pump = () => {
      while (!answered && sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe.skipIf(!chromiumPath).each(testDrivers())('the web dashboard (%s)', (driver) => {
  let fixture: DashboardFixture;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let dashboardToken: string;

  const texts = (selector: string) => textsOf(page, selector);
  const node = (backend: string) => `li.backend[data-backend="${backend}"]`;

  beforeAll(async () => {
    fixture = await startDashboard(driver, { scopePatterns: ['aws/**'] });
    ({ server, browser, page, dashboardToken } = fixture);
    await fixture.owner.secrets.set('acme', 'pg:app/prod', 'DB_PASSWORD', 'stored-in-pg');
  }, 120_000);
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('is announced at start-up with its address and how to sign in', () => {
    expect(server.output()).toContain(
      `Web dashboard: ${server.url}/ui (sign in with a token made by ` +
        '`kici-admin token create <label> --role admin --surface dashboard`)',
    );
  });

  it('sends every /ui response with CSP and the security headers', async () => {
    const response = await page.goto(`${server.url}/ui`);
    expect(page.url()).toBe(`${server.url}/ui/sign-in`);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    const asset = await fetch(`${server.url}/ui/assets/app.js`);
    expect(asset.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it('refuses a CLI token at sign-in and says why', async () => {
    await page.goto(`${server.url}/ui/sign-in`);
    await page.type('#token', server.token);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    expect(await texts('[role="alert"]')).toEqual([
      expect.stringContaining('issue one with surface "dashboard"'),
    ]);
    expect(await page.cookies()).toEqual([]);
  });

  it('signs in with a dashboard token into an HttpOnly, SameSite=Strict session', async () => {
    await signIn(page, server.url, dashboardToken);
    expect(page.url()).toBe(`${server.url}/ui/secrets`);
    const [cookie] = await page.cookies();
    expect(cookie).toMatchObject({ name: 'kici_session', httpOnly: true, sameSite: 'Strict' });
    expect(cookie?.secure).toBe(false); // plain HTTP here; tls.test covers HTTPS servers
    await page.screenshot({ path: await screenshotPath(`signed-in-${driver}`) });
  });

  it('shows scopes grouped under backend root nodes with health, type, count and readonly badges', async () => {
    await page.goto(`${server.url}/ui/secrets?org=acme`);
    expect(await texts('li.backend .backend-name')).toEqual(['pg', 'openbao-prod']);
    expect(await texts(`${node('pg')} .badge`)).toEqual(['pg']);
    expect(await texts(`${node('pg')} summary .count`)).toEqual(['1 scope']);
    expect(await texts(`${node('pg')} .scope-id`)).toEqual(['pg:app/prod']);
    expect(await texts(`${node('openbao-prod')} .badge`)).toEqual(['vault', 'readonly']);
    // Registered, not synced yet: yellow and no scopes.
    expect(await page.$eval(`${node('openbao-prod')} .health`, (el) => el.className)).toContain(
      'health-yellow',
    );
    expect(await texts(`${node('openbao-prod')} summary .count`)).toEqual(['0 scopes']);
    const html = await page.content();
    expect(html).not.toContain('stored-in-pg');
    expect(html).not.toContain('AKIA-from-vault');
    await page.screenshot({
      path: await screenshotPath(`tree-before-sync-${driver}`),
      fullPage: true,
    });
  });

  it('"Sync now" syncs every backend and refreshes the tree; each scope id copies', async () => {
    await Promise.all([page.waitForNavigation(), page.click('#sync-now')]);
    expect(await texts('[role="status"]')).toEqual(['Synced 1 backend(s).']);
    expect(await texts(`${node('openbao-prod')} .scope-id`)).toEqual([
      'openbao-prod:aws/credentials',
    ]);
    expect(await texts(`${node('openbao-prod')} summary .count`)).toEqual(['1 scope']);
    expect(await page.$eval(`${node('openbao-prod')} .health`, (el) => el.className)).toContain(
      'health-green',
    );
    const copy = `button[data-copy="openbao-prod:aws/credentials"]`;
    await allowClipboard(browser, server.url);
    await page.bringToFront(); // the clipboard API wants a focused page
    await page.click(copy);
    await page.waitForSelector(`${copy}[data-copied="true"]`, { timeout: 5000 });
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(
      'openbao-prod:aws/credentials',
    );
    await page.screenshot({
      path: await screenshotPath(`tree-after-sync-${driver}`),
      fullPage: true,
    });
  });

  it('answers a post that is not a well-formed form, or too large, with a 4xx naming the body', async () => {
    const [cookie] = await page.cookies();
    const post = (path: string, contentType: string, body: string) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': contentType, cookie: `kici_session=${cookie?.value}` },
        body,
        redirect: 'manual',
      });
    const alertOf = async (response: Response) =>
      /role="alert"[^>]*>\s*([^<]*)/.exec(await response.text())?.[1]?.trim();
    for (const path of ['/ui/sign-in', '/ui/scope/set?org=acme&id=pg:app/prod']) {
      const garbled = await post(path, 'multipart/form-data; boundary=xyz', 'garbage');
      expect(garbled.status).toBe(400);
      expect(await alertOf(garbled)).toBe(
        'body: expected a form (application/x-www-form-urlencoded)',
      );
      const json = await post(path, 'application/json', '{"token":"x"}');
      expect(json.status).toBe(400);
      const huge = await postLarge(
        `${server.url}${path}`,
        2 ** 21,
        `kici_session=${cookie?.value}`,
      );
      expect(huge.status).toBe(413);
      expect(huge.text).toContain('body: larger than the 1 MiB a form may post');
    }
    expect(server.output()).not.toContain('internal error');
  });

  it('refuses a cross-site sync and ends the session on sign-out', async () => {
    const [cookie] = await page.cookies();
    const forged = await fetch(`${server.url}/ui/secrets/sync`, {
      method: 'POST',
      headers: { cookie: `kici_session=${cookie?.value}`, origin: 'https://evil.example' },
      redirect: 'manual',
    });
    expect(forged.status).toBe(403);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/ui/sign-out"] button')]);
    expect(page.url()).toBe(`${server.url}/ui/sign-in`);
    expect(await page.cookies()).toEqual([]);
    await page.goto(`${server.url}/ui/secrets`);
    expect(page.url()).toBe(`${server.url}/ui/sign-in`);
  });
});
