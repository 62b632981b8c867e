// The scope page in a real headless Chromium against a real kici-server process: from the tree
// into a scope, its keys' metadata, set a write-only value, the write policy and the pg toggle,
// delete with confirmation, a key's audit trail, and an external backend's read-only scope.
import type { AdminClient } from '@kici/contracts';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testDrivers } from '../src/testing.js';
import { expectAccessible } from './a11y.js';
import { chromiumPath, screenshotPath, signIn, textsOf } from './browser.js';
import { type DashboardFixture, startDashboard } from './ui-fixture.js';

const SCOPE = 'pg:app/prod';
const VALUES = ['first-db-value', 'api-token-value', 'typed-in-the-page', 'AKIA-from-vault'];

describe.skipIf(!chromiumPath).each(testDrivers())('the scope page (%s)', (driver) => {
  let fixture: DashboardFixture;
  let server: TestServer;
  let owner: AdminClient;
  let page: Page;

  const texts = (selector: string) => textsOf(page, selector);
  const scopeUrl = (id: string) =>
    `${server.url}/ui/scope?${new URLSearchParams({ org: 'acme', id })}`;
  const keysOf = async () => (await owner.secrets.keys('acme', SCOPE)).keys;
  /** Every state worth a screenshot is also checked with axe (WCAG 2 A/AA). */
  const shot = async (what: string) => {
    await page.screenshot({
      path: await screenshotPath(`scope-${what}-${driver}`),
      fullPage: true,
    });
    await expectAccessible(page);
  };
  /** A request with the page's session cookie, as a hand-made form post would be. */
  const withSession = async (path: string, form?: Record<string, string>) => {
    const [cookie] = await page.cookies();
    return fetch(`${server.url}${path}`, {
      method: form ? 'POST' : 'GET',
      headers: { cookie: `kici_session=${cookie?.value}` },
      ...(form ? { body: new URLSearchParams(form) } : {}),
      redirect: 'manual',
    });
  };
  const submit = async (selector: string) => {
    const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    return response;
  };
  const expectNoValues = async () => {
    const html = await page.content();
    for (const value of VALUES) expect(html).not.toContain(value);
  };

  beforeAll(async () => {
    fixture = await startDashboard(driver, { scopePatterns: ['aws/**'] });
    ({ server, owner, page } = fixture);
    await owner.backends.sync();
    await owner.secrets.set('acme', SCOPE, 'DB_PASSWORD', 'first-db-value');
    await owner.secrets.set('acme', SCOPE, 'API_TOKEN', 'api-token-value');
    await signIn(page, server.url, fixture.dashboardToken);
  }, 120_000);
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('opens a scope from the tree and lists its keys with metadata, never values', async () => {
    await page.goto(`${server.url}/ui/secrets?org=acme`);
    await submit(`li.scope[data-scope-id="${SCOPE}"] a.scope-path`);
    expect(page.url()).toBe(scopeUrl(SCOPE));
    expect(await texts('h1')).toEqual([`Scope ${SCOPE}`]);
    expect(await texts('table.keys tbody th')).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    const [api] = await keysOf();
    const cells = await texts('tr[data-key="API_TOKEN"] td');
    expect(cells.slice(0, 5)).toEqual(['pg', '0', api?.updatedAt, api?.updatedBy, api?.createdAt]);
    expect(await page.$eval('#value', (el) => [el.type, el.autocomplete])).toEqual([
      'password',
      'off',
    ]);
    await expectNoValues();
    await shot('keys');
  });

  it('answers a bad scope id or key name with a 4xx naming the field', async () => {
    const badId = await withSession('/ui/scope?org=acme&id=pg:../etc');
    expect(badId.status).toBe(400);
    expect(await badId.text()).toContain('id: expected path segments');
    const badKey = await withSession(`/ui/scope/key?org=acme&id=${SCOPE}&key=lower`);
    expect(badKey.status).toBe(400);
    expect(await badKey.text()).toContain('key: expected upper snake case');
    const unknown = await withSession('/ui/scope?org=acme&id=nowhere:app');
    expect(unknown.status).toBe(404);
  });

  it('sets a value through the form; the API reads it back, replaced once more', async () => {
    const [before] = (await keysOf()).filter((k) => k.key === 'DB_PASSWORD');
    await page.type('#key', 'DB_PASSWORD');
    await page.type('#value', 'typed-in-the-page');
    await submit('#set-value');
    expect(await texts('[role="status"]')).toEqual(['Replaced the value of DB_PASSWORD.']);
    expect(page.url()).not.toContain('typed-in-the-page');
    await expectNoValues();
    const [after] = (await keysOf()).filter((k) => k.key === 'DB_PASSWORD');
    expect(after?.rotationCount).toBe((before?.rotationCount ?? 0) + 1);
    expect(after?.updatedBy).not.toBe(before?.updatedBy); // the dashboard token's actor
    expect(Date.parse(after?.updatedAt ?? '')).toBeGreaterThan(Date.parse(before?.updatedAt ?? ''));
    expect((await owner.secrets.reveal('acme', SCOPE, 'DB_PASSWORD')).value).toBe(
      'typed-in-the-page',
    );
    expect(await texts('tr[data-key="DB_PASSWORD"] td')).toContain('1');

    await page.type('#key', 'NEW_KEY');
    await page.type('#value', 'typed-in-the-page');
    await submit('#set-value');
    expect(await texts('[role="status"]')).toEqual(['Stored a new value for NEW_KEY.']);
    expect(await texts('table.keys tbody th')).toEqual(['API_TOKEN', 'DB_PASSWORD', 'NEW_KEY']);
  });

  it('disables the value field under `policy set secrets.set cli`, says why, refuses a forced post', async () => {
    await owner.policy.set('secrets.set', ['cli']);
    try {
      await page.goto(scopeUrl(SCOPE));
      expect(await page.$eval('#value', (el) => el.disabled)).toBe(true);
      expect(await page.$eval('#set-value', (el) => el.disabled)).toBe(true);
      const [why] = await texts('#value-policy p');
      expect(why).toContain('Value entry is CLI-only by policy');
      expect(why).toContain('allows secrets.set from the cli only, not from the dashboard');
      expect(await texts('#cli-command')).toEqual([
        `kici-admin secret set acme ${SCOPE} <KEY> --prompt`,
      ]);
      // Names, delete and the audit trail stay usable.
      expect(await page.$eval('#key', (el) => el.disabled)).toBe(false);
      expect(await page.$$('form[action^="/ui/scope/delete"] button:not([disabled])')).toHaveLength(
        3,
      );
      expect(await texts('a[href^="/ui/scope/key"]')).toHaveLength(3);
      await shot('policy-disabled');

      // Forced in the browser: enable the controls and post anyway.
      await page.$eval('#value', (el) => {
        el.disabled = false;
      });
      await page.$eval('#set-value', (el) => {
        el.disabled = false;
      });
      await page.type('#key', 'DB_PASSWORD');
      await page.type('#value', 'forced-past-policy');
      const refused = await submit('#set-value');
      expect(refused?.status()).toBe(403);
      expect(await texts('[role="alert"]')).toEqual([
        'The dashboard-write policy refuses secrets.set from the dashboard: allowed from cli',
      ]);
      expect(await page.content()).not.toContain('forced-past-policy');
      const forced = await withSession(`/ui/scope/set?org=acme&id=${SCOPE}`, {
        key: 'FORCED_KEY',
        value: 'forced-past-policy',
      });
      expect(forced.status).toBe(403);
      expect((await owner.secrets.reveal('acme', SCOPE, 'DB_PASSWORD')).value).toBe(
        'typed-in-the-page',
      );
      expect((await keysOf()).map((k) => k.key)).toEqual(['API_TOKEN', 'DB_PASSWORD', 'NEW_KEY']);
    } finally {
      await owner.policy.set('secrets.set', ['dashboard', 'cli']);
    }
  });

  it('shows that pgCustomerSecrets false takes new pg keys away (replacing still works)', async () => {
    await owner.config.set('pgCustomerSecrets', false);
    try {
      await page.goto(scopeUrl(SCOPE));
      expect((await texts('#new-keys-note'))[0]).toContain('pgCustomerSecrets is false');
      await page.type('#key', 'BRAND_NEW');
      await page.type('#value', 'typed-in-the-page');
      const refused = await submit('#set-value');
      expect(refused?.status()).toBe(409);
      expect((await texts('[role="alert"]'))[0]).toContain('pgCustomerSecrets is false');
      await page.goto(scopeUrl(SCOPE));
      await page.type('#key', 'API_TOKEN');
      await page.type('#value', 'typed-in-the-page');
      await submit('#set-value');
      expect(await texts('[role="status"]')).toEqual(['Replaced the value of API_TOKEN.']);
      expect((await keysOf()).map((k) => k.key)).toEqual(['API_TOKEN', 'DB_PASSWORD', 'NEW_KEY']);
    } finally {
      await owner.config.set('pgCustomerSecrets', true);
    }
  });

  it('deletes a key only when confirmed, then shows a notice', async () => {
    const unconfirmed = await withSession(`/ui/scope/delete?org=acme&id=${SCOPE}`, {
      key: 'NEW_KEY',
    });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('confirm: tick');
    expect((await keysOf()).map((k) => k.key)).toContain('NEW_KEY');

    await page.goto(scopeUrl(SCOPE));
    await page.click('#confirm-NEW_KEY');
    await submit('tr[data-key="NEW_KEY"] button.danger');
    expect(page.url()).toBe(`${scopeUrl(SCOPE)}&done=deleted&key=NEW_KEY`);
    expect(await texts('[role="status"]')).toEqual(['Deleted NEW_KEY.']);
    expect(await texts('table.keys tbody th')).toEqual(['API_TOKEN', 'DB_PASSWORD']);
    expect((await keysOf()).map((k) => k.key)).toEqual(['API_TOKEN', 'DB_PASSWORD']);
  });

  it("shows a key's audit trail: the set and the delete, never a value", async () => {
    await page.goto(scopeUrl(SCOPE));
    await submit('tr[data-key="DB_PASSWORD"] a');
    expect(await texts('h1')).toEqual(['Audit trail of DB_PASSWORD']);
    // Newest first: the owner's reveal, the page's set the policy refused, the owner's reveal,
    // the page's set, the owner's set.
    expect(await texts('table.audit tbody td:nth-child(2)')).toEqual([
      'secret.reveal',
      'secret.set',
      'secret.reveal',
      'secret.set',
      'secret.set',
    ]);
    expect(await texts('table.audit tbody td:nth-child(4)')).toEqual([
      'success',
      'denied',
      'success',
      'success',
      'success',
    ]);
    const actors = await texts('table.audit tbody td:nth-child(3)');
    expect(actors[3]).toMatch(/^token:/);
    expect(actors[1]).toBe(actors[3]);
    expect(actors[3]).not.toBe(actors[4]);

    await page.goto(`${server.url}/ui/scope/key?org=acme&id=${SCOPE}&key=NEW_KEY`);
    expect(await texts('table.audit tbody tr td:nth-child(2)')).toEqual([
      'secret.delete',
      'secret.set',
    ]);
    expect(await texts('table.audit tbody td:nth-child(4)')).toEqual(['success', 'success']);
    await expectNoValues();
    await shot('audit-trail');
  });

  it("shows an external backend's scope read-only: values live in the backend, no forms", async () => {
    await page.goto(`${server.url}/ui/secrets?org=acme`);
    await submit('li.scope[data-scope-id="openbao-prod:aws/credentials"] a.scope-path');
    expect(page.url()).toBe(scopeUrl('openbao-prod:aws/credentials'));
    expect((await texts('#readonly-note'))[0]).toContain(
      'its values are managed in openbao-prod itself',
    );
    expect(await page.$$('form[action^="/ui/scope/set"]')).toHaveLength(0);
    expect(await page.$$('form[action^="/ui/scope/delete"]')).toHaveLength(0);
    await expectNoValues();
    await shot('readonly');
    const forced = await withSession('/ui/scope/set?org=acme&id=openbao-prod:aws/credentials', {
      key: 'AWS_ACCESS_KEY_ID',
      value: 'forced-into-vault',
    });
    expect(forced.status).toBe(400);
    expect(await forced.text()).toContain('read-only from KiCI');
  });
});
