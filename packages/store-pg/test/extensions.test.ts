// The extension store's repository on every driver: PGlite always, PostgreSQL when
// KICI_TEST_DATABASE_URL is set.
import { describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import { useTestStore } from './use-test-store.js';

const EXT = 'com.example.mailchimp';
const ref = { orgId: 'acme', projectKey: 'OPS', extensionId: EXT };
const secret = (scope: string, key: string, orgId = 'acme') => ({
  orgId,
  scope,
  key,
  ciphertext: new Uint8Array([1, 2, 3]),
  keyVersion: 1,
  backendType: 'pg',
  actor: 'token:t1',
});

describe.each(testDrivers())('extension store on %s', (driver) => {
  const t = useTestStore(driver);

  it('keeps projects, the catalog and product installations, keyed as the seed says', async () => {
    const repo = t.store.extensions;
    expect(await repo.putProject('acme', 'OPS', undefined, 'token:t1')).toMatchObject({
      key: 'OPS',
      name: 'OPS',
    });
    expect(await repo.putProject('acme', 'OPS', 'Operations', 'token:t2')).toMatchObject({
      name: 'Operations',
      createdBy: 'token:t1',
    });
    expect((await repo.putProject('acme', 'OPS', undefined, 'token:t2')).name).toBe('Operations');
    await repo.putProject('other', 'OPS', 'Theirs', 'token:t1');
    expect((await repo.listProjects('acme')).map((p) => p.name)).toEqual(['Operations']);

    const manifest = {
      configuration: {
        API_KEY: {
          type: 'string',
          secret: true,
          required: true,
          scope: 'extension',
          label: 'API_KEY',
        },
      },
    };
    await repo.putCatalog(EXT, 'Mailchimp', manifest, 'token:t1');
    expect((await repo.findCatalog(EXT))?.manifest).toEqual(manifest);
    await repo.putProduct('acme', 'com.example.suite', 'token:t1');
    expect((await repo.listProducts('acme')).map((p) => p.productId)).toEqual([
      'com.example.suite',
    ]);
    expect(await t.store.orgs.listIds()).toEqual(['acme', 'other']);
  });

  it('refuses an installation without its project, extension or product (foreign keys)', async () => {
    const repo = t.store.extensions;
    await expect(
      repo.putInstallation({ ...ref, projectKey: 'NOPE' }, null, 'token:t1'),
    ).rejects.toThrow();
    await expect(
      repo.putInstallation({ ...ref, extensionId: 'com.example.none' }, null, 'token:t1'),
    ).rejects.toThrow();
    await expect(repo.putInstallation(ref, 'com.example.none', 'token:t1')).rejects.toThrow();
    const created = await repo.putInstallation(ref, 'com.example.suite', 'token:t1');
    expect(created).toMatchObject({
      enabled: false,
      enabledAt: null,
      productId: 'com.example.suite',
    });
    expect(await repo.findInstallation(ref)).toEqual(created);
    const enabled = await repo.setEnabled(ref, true);
    expect(enabled?.enabledAt).toBeInstanceOf(Date);
    expect((await repo.findInstallation(ref))?.enabled).toBe(true);
  });

  it('sets many secrets in one transaction, or none', async () => {
    const scope = 'pg:__ext__/project/OPS';
    await expect(
      t.store.transaction(async (tx) => {
        await tx.secrets.upsert(secret(scope, 'FIRST'));
        await tx.secrets.upsert(secret(scope, 'SECOND'));
        throw new Error('the third key failed');
      }),
    ).rejects.toThrow('the third key failed');
    expect(await t.store.extensions.countSecrets('acme', [scope])).toBe(0);
    await t.store.transaction(async (tx) => {
      await tx.secrets.upsert(secret(scope, 'FIRST'));
      await tx.secrets.upsert(secret(scope, 'SECOND'));
    });
    expect(await t.store.extensions.countSecrets('acme', [scope])).toBe(2);
  });

  it('deletes an owner with its secrets and installations in one transaction', async () => {
    const repo = t.store.extensions;
    const installationScope = `pg:__ext__/installation/OPS/${EXT}`;
    await t.store.secrets.upsert(secret(installationScope, 'TOKEN'));
    await t.store.secrets.upsert(secret('pg:__ext__/project/OPS', 'TOKEN', 'other'));
    const scopes = ['pg:__ext__/project/OPS', installationScope];
    expect(await repo.countSecrets('acme', scopes)).toBe(3);
    expect(await repo.countSecrets(null, scopes)).toBe(4);
    await expect(
      t.store.transaction(async (tx) => {
        await tx.extensions.removeSecrets('acme', scopes);
        await tx.extensions.removeInstallations({ orgId: 'acme', projectKey: 'OPS' });
        await tx.extensions.removeProject('acme', 'OPS');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await repo.countSecrets('acme', scopes)).toBe(3);
    const removed = await t.store.transaction(async (tx) => ({
      secrets: await tx.extensions.removeSecrets('acme', scopes),
      installations: await tx.extensions.removeInstallations({ orgId: 'acme', projectKey: 'OPS' }),
      project: await tx.extensions.removeProject('acme', 'OPS'),
    }));
    expect(removed).toEqual({ secrets: 3, installations: 1, project: true });
    expect(await repo.countSecrets(null, scopes)).toBe(1);
    expect(await repo.findProject('other', 'OPS')).toBeDefined();
  });

  it('detaches installations from a removed product installation', async () => {
    const repo = t.store.extensions;
    await repo.putProject('acme', 'OPS', undefined, 'token:t1');
    await repo.putInstallation(ref, 'com.example.suite', 'token:t1');
    expect(await repo.removeProduct('acme', 'com.example.suite')).toEqual({
      found: true,
      detached: 1,
    });
    expect((await repo.findInstallation(ref))?.productId).toBeNull();
    expect(await repo.removeProduct('acme', 'com.example.suite')).toEqual({
      found: false,
      detached: 0,
    });
  });
});
