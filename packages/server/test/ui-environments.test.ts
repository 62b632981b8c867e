// The dashboard's environments pages in a real headless Chromium against a real kici-server
// process and the Vault-compatible test server: create, bindings pasted from copyable ids,
// reorder, protection rules, the Test runs switch and the write policy that takes it away.
import type { AdminClient } from '@kici/contracts';
import type { Browser, HTTPResponse, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, testDrivers } from '../src/testing.js';
import { expectAccessible } from './a11y.js';
import { allowClipboard, chromiumPath, screenshotPath, signIn, textsOf } from './browser.js';
import { type DashboardFixture, startDashboard } from './ui-fixture.js';

const VAULT_SCOPE = 'openbao-prod:aws/credentials';

describe.skipIf(!chromiumPath).each(testDrivers())('the environments pages (%s)', (driver) => {
  let fixture: DashboardFixture;
  let server: TestServer;
  let owner: AdminClient;
  let browser: Browser;
  let page: Page;

  const texts = (selector: string) => textsOf(page, selector);
  const envPage = () => `${server.url}/ui/environments/production?org=acme`;
  const show = () => owner.environments.show('acme', 'production');
  /** Every state worth a screenshot is also checked with axe (WCAG 2 A/AA). */
  const shot = async (what: string) => {
    await page.screenshot({
      path: await screenshotPath(`environments-${what}-${driver}`),
      fullPage: true,
    });
    await expectAccessible(page);
  };
  /** Clicks and waits for the page the form posts to (or the error page). */
  const submit = async (selector: string): Promise<HTTPResponse | null> => {
    const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    return response;
  };
  const bindTyped = async (scope: string) => {
    await page.type('#bind-scope', scope);
    return submit('#bind-form button[type="submit"]');
  };
  /** A DOM property of the first element a selector matches (value, checked, disabled). */
  const prop = (selector: string, name: string) =>
    page.$eval(selector, (el, key) => Reflect.get(el, key) as unknown, name);
  const binding = (scope: string) => `li.binding[data-scope-id="${scope}"]`;

  beforeAll(async () => {
    fixture = await startDashboard(driver, { scopePatterns: ['aws/**'] });
    ({ server, owner, browser, page } = fixture);
    await owner.backends.sync('openbao-prod');
    await owner.secrets.set('acme', 'pg:app/prod', 'DB_PASSWORD', 'stored-in-pg');
    await owner.secrets.set('acme', 'pg:app/staging', 'DB_PASSWORD', 'staging-in-pg');
    await allowClipboard(browser, server.url);
    await signIn(page, server.url, fixture.dashboardToken);
  }, 120_000);
  afterAll(async () => {
    await fixture?.dispose();
  });

  it('creates an environment from the list page; a bad name gets a 400 naming the field', async () => {
    await page.goto(`${server.url}/ui/environments?org=acme`);
    expect(await texts('.empty')).toEqual(['No environments in acme yet.']);
    await page.type('#new-environment', 'bad name!');
    const refused = await submit('#create-environment button');
    expect(refused?.status()).toBe(400);
    expect(await texts('[role="alert"]')).toEqual([expect.stringMatching(/^name: expected/)]);

    await page.goto(`${server.url}/ui/environments?org=acme`);
    await page.type('#new-environment', 'production');
    await submit('#create-environment button');
    expect(page.url()).toBe(`${envPage()}&done=created`);
    expect(await texts('[role="status"]')).toEqual(['Environment created.']);
    expect(await show()).toMatchObject({ scopes: [], allowLocalExecution: false });

    await page.goto(`${server.url}/ui/environments?org=acme`);
    const row = 'tr[data-environment="production"]';
    expect(await texts(`${row} th, ${row} td`)).toEqual(['production', '0', 'none', 'off']);
    await shot('list');
  });

  it('binds scopes pasted from the copyable ids of the secrets page, in order', async () => {
    for (const scope of ['pg:app/prod', VAULT_SCOPE]) {
      await page.goto(`${server.url}/ui/secrets?org=acme`);
      await page.bringToFront(); // the clipboard API wants a focused page
      await page.click(`button[data-copy="${scope}"]`);
      await page.waitForSelector(`button[data-copy="${scope}"][data-copied="true"]`);
      await page.goto(envPage());
      await page.focus('#bind-scope');
      await page.keyboard.down('Control');
      await page.keyboard.press('KeyV');
      await page.keyboard.up('Control');
      expect(await prop('#bind-scope', 'value')).toBe(scope);
      await submit('#bind-form button[type="submit"]');
      expect(await texts('[role="status"]')).toEqual(['Scope bound.']);
    }
    expect(await texts('li.binding .scope-id')).toEqual(['pg:app/prod', VAULT_SCOPE]);
    expect((await show()).scopes).toEqual(['pg:app/prod', VAULT_SCOPE]);
    await shot('bindings');
  });

  it('refuses a malformed id or an unknown backend with a 400 naming the scope', async () => {
    await page.goto(envPage());
    expect((await bindTyped('openbao-prod:'))?.status()).toBe(400);
    expect(await texts('[role="alert"]')).toEqual([expect.stringMatching(/^scope: expected/)]);
    await page.goto(envPage());
    expect((await bindTyped('nowhere:aws/credentials'))?.status()).toBe(400);
    expect(await texts('[role="alert"]')).toEqual([
      expect.stringContaining('backend "nowhere" of scope nowhere:aws/credentials'),
    ]);
    expect((await show()).scopes).toEqual(['pg:app/prod', VAULT_SCOPE]);
  });

  it('reorders bindings with move up / move down and removes one', async () => {
    await page.goto(envPage());
    expect(
      await page.$eval(`${binding('pg:app/prod')} [data-move="up"]`, (b) =>
        b.hasAttribute('disabled'),
      ),
    ).toBe(true);
    await submit(`${binding(VAULT_SCOPE)} [data-move="up"]`);
    expect(await texts('[role="status"]')).toEqual(['Bindings reordered.']);
    expect(await texts('li.binding .scope-id')).toEqual([VAULT_SCOPE, 'pg:app/prod']);
    expect((await show()).scopes).toEqual([VAULT_SCOPE, 'pg:app/prod']);

    await bindTyped('app/staging'); // a bare path is a pg scope
    await submit(`${binding('pg:app/prod')} [data-move="down"]`);
    expect((await show()).scopes).toEqual([VAULT_SCOPE, 'pg:app/staging', 'pg:app/prod']);
    await submit(`${binding('pg:app/staging')} [data-remove]`);
    expect(await texts('[role="status"]')).toEqual(['Binding removed.']);
    expect((await show()).scopes).toEqual([VAULT_SCOPE, 'pg:app/prod']);
    expect(await texts('li.binding .scope-id')).toEqual([VAULT_SCOPE, 'pg:app/prod']);
  });

  it('edits the protection rules; a bad trigger gets a 400 naming the field', async () => {
    await page.goto(envPage());
    await page.type('#rules-branches', 'main, release/*');
    await page.type('#rules-triggers', 'push manual');
    await page.type('#rules-repositories', 'acme/*');
    await page.click('#rules-allowForks');
    await submit('#rules-form button[type="submit"]');
    expect(await texts('[role="status"]')).toEqual(['Protection rules saved.']);
    expect((await show()).rules).toEqual({
      branches: ['main', 'release/*'],
      triggers: ['push', 'manual'],
      repositories: ['acme/*'],
      allowForks: true,
    });
    expect(await prop('#rules-branches', 'value')).toBe('main, release/*');
    await shot('rules');

    await page.type('#rules-triggers', ', Push!');
    expect((await submit('#rules-form button[type="submit"]'))?.status()).toBe(400);
    expect(await texts('[role="alert"]')).toEqual([expect.stringMatching(/^triggers: expected/)]);
    expect((await show()).rules.triggers).toEqual(['push', 'manual']);

    await page.goto(`${server.url}/ui/environments?org=acme`);
    expect(await texts('tr[data-environment="production"] .protection')).toEqual([
      'branches: main, release/*; triggers: push, manual; repositories: acme/*; forks allowed',
    ]);
  });

  it('flips the Test runs switch by click and by Space', async () => {
    await page.goto(envPage());
    expect(await texts('label[for="test-runs"]')).toEqual(['Test runs']);
    expect(await page.$eval('#test-runs', (el) => el.getAttribute('role'))).toBe('switch');
    // With the script the switch saves on its own; its button is for script-less browsers.
    expect(await page.$('#test-runs-form button:not([hidden])')).toBeNull();
    await submit('#test-runs');
    expect(await texts('[role="status"]')).toEqual(['Test runs turned on.']);
    expect((await show()).allowLocalExecution).toBe(true);
    expect(await prop('#test-runs', 'checked')).toBe(true);
    expect(await page.$eval('#test-runs', (el) => el.getAttribute('aria-checked'))).toBe('true');
    await shot('test-runs-on');

    await page.focus('#test-runs');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Space')]);
    expect(await texts('[role="status"]')).toEqual(['Test runs turned off.']);
    expect((await show()).allowLocalExecution).toBe(false);
  });

  it('saves the switch without the script through its own button', async () => {
    await page.setJavaScriptEnabled(false);
    try {
      for (const on of [true, false]) {
        await page.goto(envPage());
        await page.click('#test-runs'); // without the script, flipping does not post
        expect(page.url()).toBe(envPage());
        await submit('#test-runs-form button[type="submit"]');
        expect(await texts('[role="status"]')).toEqual([`Test runs turned ${on ? 'on' : 'off'}.`]);
        expect((await show()).allowLocalExecution).toBe(on);
      }
    } finally {
      await page.setJavaScriptEnabled(true);
    }
  });

  it('disables the switch when the policy makes it CLI-only; a forced POST gets 403 and changes nothing', async () => {
    await owner.policy.set('environments.test_access.set', ['cli']);
    await page.goto(envPage());
    expect(await prop('#test-runs', 'disabled')).toBe(true);
    const [reason] = await texts('#test-runs-reason');
    expect(reason).toContain('allows environments.test_access.set only from cli');
    expect(reason).toContain(
      'kici-admin environment set-policy --env production --allow-local-execution true',
    );
    expect(await page.$eval('#test-runs', (el) => el.getAttribute('aria-describedby'))).toContain(
      'test-runs-reason',
    );
    await shot('test-runs-cli-only');

    // Forced from the page itself: enabled by hand and submitted.
    await page.$eval('#test-runs', (input) => {
      Reflect.set(input, 'disabled', false);
      Reflect.set(input, 'checked', true);
    });
    const [forced] = await Promise.all([
      page.waitForNavigation(),
      page.$eval('#test-runs-form', (form) => Reflect.apply(Reflect.get(form, 'submit'), form, [])),
    ]);
    expect(forced?.status()).toBe(403);
    expect(await texts('[role="alert"]')).toEqual([
      expect.stringContaining(
        'The dashboard-write policy refuses environments.test_access.set from the dashboard',
      ),
    ]);
    expect((await show()).allowLocalExecution).toBe(false);

    // Bindings and rules stay editable from the dashboard.
    await page.goto(envPage());
    await bindTyped('pg:app/staging');
    expect(await texts('[role="status"]')).toEqual(['Scope bound.']);
    expect((await show()).scopes).toEqual([VAULT_SCOPE, 'pg:app/prod', 'pg:app/staging']);
    await page.click('#rules-allowForks');
    await submit('#rules-form button[type="submit"]');
    expect((await show()).rules.allowForks).toBe(false);
    await owner.policy.set('environments.test_access.set', ['cli', 'dashboard']);
  });

  it('deletes an environment only after the confirmation step', async () => {
    await page.goto(envPage());
    await submit('#delete-environment');
    expect(await texts('h1')).toEqual(['Delete environment production?']);
    await page.type('#confirm-name', 'prod');
    expect((await submit('#delete-form button'))?.status()).toBe(400);
    expect(await texts('[role="alert"]')).toEqual(['confirm: type production to delete it']);
    expect((await show()).name).toBe('production');

    await page.goto(`${server.url}/ui/environments/production/delete?org=acme`);
    await page.type('#confirm-name', 'production');
    await submit('#delete-form button');
    expect(page.url()).toBe(`${server.url}/ui/environments?org=acme&done=deleted`);
    expect(await texts('[role="status"]')).toEqual(['Environment deleted.']);
    await expect(show()).rejects.toMatchObject({ status: 404 });
    expect((await page.goto(envPage()))?.status()).toBe(404);
    expect(await texts('[role="alert"]')).toEqual(['Environment production not found']);
  });
});
