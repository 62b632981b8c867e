// A rotation that fails leaves the instance as it was: the keyring writes the key version it
// had, writes and reads go on, the failure is audited; key versions past PostgreSQL's
// integer are refused with a clear error.
import { type Actor, createCore, KiciError } from '@kici/core';
import { createKeyring } from '@kici/crypto/node';
import type { PgStore } from '@kici/store-pg';
import { openTestStore, type TestDatabase, testDrivers } from '@kici/store-pg/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const KEY_1 = new Uint8Array(32).fill(1);
const KEY_2 = new Uint8Array(32).fill(2);
const owner: Actor = { tokenId: 'bootstrap', label: 'bootstrap', role: 'owner', surface: 'cli' };

describe.each(testDrivers())('rotation failures on %s', (driver) => {
  let store: PgStore;
  let database: TestDatabase;

  beforeEach(async () => {
    ({ store, database } = await openTestStore(driver));
  }, 120_000);
  afterEach(async () => {
    await store?.close();
    await database?.drop();
  });

  it('puts the keyring back when a rotation fails midway, and audits the failure', async () => {
    const seeded = await createCore({
      store,
      keyring: createKeyring({ current: KEY_1, version: 1 }),
    });
    for (let i = 0; i < 5; i++)
      await seeded.secrets.set(owner, 'acme', 'pg:prod', `K${i}`, `v${i}`);
    const core = await createCore({
      store,
      keyring: createKeyring({ current: KEY_2, previous: KEY_1, version: 1 }),
      rotationBatchSize: 2,
      onRotationBatch: () => {
        throw new Error('connection lost'); // after the first committed batch
      },
    });
    await expect(core.rotation.rotateKey(owner)).rejects.toThrow('connection lost');
    expect(core.keyring.current().version).toBe(1);
    const [entry] = await store.audit.query({ action: 'rotateKey', limit: 1, offset: 0 });
    expect(entry).toMatchObject({ outcome: 'failure', metadata: { reason: 'internal' } });
    // Writes and reads go on; every value still opens.
    await core.secrets.set(owner, 'acme', 'pg:prod', 'AFTER', 'after');
    for (let i = 0; i < 5; i++)
      expect((await core.secrets.reveal(owner, 'acme', 'pg:prod', `K${i}`)).value).toBe(`v${i}`);
    expect((await core.secrets.reveal(owner, 'acme', 'pg:prod', 'AFTER')).value).toBe('after');
    // A rerun finishes the job.
    const rerun = await createCore({
      store,
      keyring: createKeyring({ current: KEY_2, previous: KEY_1, version: 1 }),
    });
    const result = await rerun.rotation.rotateKey(owner);
    expect(result.reEncrypted).toBeGreaterThanOrEqual(4);
    expect(await store.secrets.maxKeyVersion()).toBe(result.keyVersion);
  }, 120_000);

  it('refuses a rotation past the integer range of key_version', async () => {
    const seeded = await createCore({
      store,
      keyring: createKeyring({ current: KEY_1, version: 1 }),
    });
    await seeded.secrets.set(owner, 'acme', 'pg:prod', 'K', 'v');
    await store.db.execute('update scoped_secrets set key_version = 2147483647');
    const core = await createCore({
      store,
      keyring: createKeyring({ current: KEY_1, version: 1 }),
    });
    const error = await core.rotation.rotateKey(owner).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KiciError);
    expect((error as KiciError).code).toBe('conflict');
    expect((error as KiciError).message).toContain('2147483648');
    expect(core.keyring.current().version).toBe(2147483647);
    await core.secrets.set(owner, 'acme', 'pg:prod', 'K2', 'v2');
    expect((await core.secrets.reveal(owner, 'acme', 'pg:prod', 'K2')).value).toBe('v2');
  }, 120_000);
});
