// An installation's secrets resolved through one chain (core's resolveInstallation) on the real
// store, both drivers: every level shadows the wider ones, installs are isolated, the product
// level counts only when the installation names a product.
import type { ExtensionScope } from '@kici/contracts';
import { type Actor, type Core, createCore } from '@kici/core';
import { createKeyring } from '@kici/crypto/node';
import type { PgStore } from '@kici/store-pg';
import { openTestStore, type TestDatabase, testDrivers } from '@kici/store-pg/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const owner: Actor = { tokenId: 'bootstrap', label: 'bootstrap', role: 'owner', surface: 'cli' };
const EXT = 'com.example.mailchimp';
const PRODUCT = 'com.example.suite';
const ORG = 'acme';

describe.each(testDrivers())('extension resolution on %s', (driver) => {
  let store: PgStore;
  let database: TestDatabase;
  let core: Core;
  const set = (scope: ExtensionScope, id: string, values: Record<string, string>) =>
    core.extensions.secrets.set(owner, { orgId: ORG, scope, id }, values);

  beforeAll(async () => {
    ({ store, database } = await openTestStore(driver));
    core = await createCore({
      store,
      keyring: createKeyring({ current: new Uint8Array(32).fill(7), version: 1 }),
    });
    const { model } = core.extensions;
    await model.putCatalog(owner, EXT, 'extension:\n  configuration:\n    K0: {required: true}\n');
    await model.putProject(owner, ORG, 'OPS', 'Operations');
    await model.putProject(owner, ORG, 'DEV', undefined);
    await model.putProduct(owner, ORG, PRODUCT);
    await model.putInstallation(
      owner,
      { orgId: ORG, projectKey: 'OPS', extensionId: EXT },
      PRODUCT,
    );
    await model.putInstallation(owner, { orgId: ORG, projectKey: 'DEV', extensionId: EXT }, null);
    // Level n (0 = installation … 4 = organization) holds K0..K4 from Kn on: Kn's narrowest holder is level n.
    const levels: [ExtensionScope, string][] = [
      ['installation', `OPS/${EXT}`],
      ['product_installation', PRODUCT],
      ['extension', EXT],
      ['project', 'OPS'],
      ['organization', ORG],
    ];
    for (const [n, [scope, id]] of [...levels.entries()].reverse()) {
      const values: Record<string, string> = {};
      for (let k = 0; k <= n; k += 1) values[`K${k}`] = `${scope}-value-${k}`;
      await set(scope, id, values);
    }
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('lets each of the five levels shadow the wider ones, naming the scope of each key', async () => {
    const secrets = await core.extensions.resolveInstallation({
      orgId: ORG,
      projectKey: 'OPS',
      extensionId: EXT,
    });
    expect(secrets).toEqual({
      K0: {
        value: 'installation-value-0',
        backend: 'pg',
        scope: { scope: 'installation', id: `OPS/${EXT}` },
      },
      K1: {
        value: 'product_installation-value-1',
        backend: 'pg',
        scope: { scope: 'product_installation', id: PRODUCT },
      },
      K2: { value: 'extension-value-2', backend: 'pg', scope: { scope: 'extension', id: EXT } },
      K3: { value: 'project-value-3', backend: 'pg', scope: { scope: 'project', id: 'OPS' } },
      K4: {
        value: 'organization-value-4',
        backend: 'pg',
        scope: { scope: 'organization', id: ORG },
      },
    });
  });

  it('keeps two installs of one extension apart, and skips the product level without a product', async () => {
    const dev = await core.extensions.resolveInstallation({
      orgId: ORG,
      projectKey: 'DEV',
      extensionId: EXT,
    });
    // Nothing of OPS's installation or project, and no product level: the extension supplies K0-K2,
    // the organization the rest.
    expect(Object.fromEntries(Object.entries(dev).map(([key, s]) => [key, s.scope.scope]))).toEqual(
      {
        K0: 'extension',
        K1: 'extension',
        K2: 'extension',
        K3: 'organization',
        K4: 'organization',
      },
    );
    await set('installation', `DEV/${EXT}`, { K0: 'dev-only' });
    const ops = await core.extensions.resolveInstallation({
      orgId: ORG,
      projectKey: 'OPS',
      extensionId: EXT,
    });
    expect(ops.K0?.value).toBe('installation-value-0');
    const again = await core.extensions.resolveInstallation({
      orgId: ORG,
      projectKey: 'DEV',
      extensionId: EXT,
    });
    expect(again.K0?.value).toBe('dev-only');
  });

  it('audits a resolution by key names, never values', async () => {
    await core.extensions.resolveInstallation(
      { orgId: ORG, projectKey: 'OPS', extensionId: EXT },
      { auditAs: 'dispatcher' },
    );
    const rows = await core.audit.query(owner, { action: 'ext.resolve', limit: 5, offset: 0 });
    expect(rows[0]).toMatchObject({
      actor: 'dispatcher',
      outcome: 'success',
      metadata: { keys: ['K0', 'K1', 'K2', 'K3', 'K4'] },
    });
    const everything = JSON.stringify(await core.audit.query(owner, { limit: 1000, offset: 0 }));
    expect(everything).not.toContain('-value-');
    expect(everything).not.toContain('dev-only');
  });

  it("keeps the store's scopes out of the orchestrator's secret writes, listings and bindings", async () => {
    const scope = 'pg:__ext__/organization';
    const refused = {
      code: 'invalid_input',
      message: `scope: ${scope} belongs to the extension secret store: manage it with kiket extensions secrets (/api/v1/extensions/secrets)`,
    };
    await expect(core.secrets.set(owner, ORG, scope, 'K4', 'sneaky')).rejects.toMatchObject(
      refused,
    );
    await expect(
      core.environments.create(owner, ORG, 'leaky', { scopes: ['pg:shared', scope] }),
    ).rejects.toMatchObject(refused);
    const listed = await core.secrets.listScopes(owner, ORG);
    expect(listed.some((summary) => summary.scope.includes('__ext__'))).toBe(false);
    // The store's own value is untouched.
    const secrets = await core.extensions.resolveInstallation({
      orgId: ORG,
      projectKey: 'OPS',
      extensionId: EXT,
    });
    expect(secrets.K4?.value).toBe('organization-value-4');
  });
});
