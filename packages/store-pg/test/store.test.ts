// One contract suite, run against every driver (drizzle's habit): PGlite always, a real
// PostgreSQL server when KICI_TEST_DATABASE_URL is set (always in CI). This file: migration
// and health, scoped_secrets, transactions, audited statements, re-encryption and exclusive
// sections. The audit log, config versions, admin tokens and orgs: store-records.test.ts.
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index.js';
import { testDrivers } from '../src/testing.js';
import { audit, bytes, write } from './store-fixtures.js';
import { useTestStore } from './use-test-store.js';

describe.each(testDrivers())('store on %s', (driver) => {
  const t = useTestStore(driver);

  it('is migrated and healthy; migrating again changes nothing', async () => {
    expect(t.store.driver).toBe(driver);
    expect(await t.store.health()).toEqual({ database: true, migrations: true });
    if (driver === 'postgres') {
      // Two instances starting at once on one database: the advisory lock serialises them.
      const opened = await Promise.all(
        [1, 2, 3].map(() => openStore({ databaseUrl: t.database.databaseUrl })),
      );
      for (const other of opened) {
        expect(await other.health()).toEqual({ database: true, migrations: true });
        await other.close();
      }
    }
  });

  describe('scoped_secrets', () => {
    it('creates, then replaces a value, counting rotations', async () => {
      const first = await t.store.secrets.upsert(write());
      expect(first.created).toBe(true);
      expect(first.record).toMatchObject({
        orgId: 'acme',
        scope: 'pg:production',
        key: 'DATABASE_URL',
        rotationCount: 0,
      });
      expect(first.record.lastRotatedAt).toBeNull();
      expect('ciphertext' in first.record).toBe(false);

      const second = await t.store.secrets.upsert(
        write({ ciphertext: bytes(9, 9), keyVersion: 2, actor: 'token:ops' }),
      );
      expect(second.created).toBe(false);
      expect(second.record).toMatchObject({
        rotationCount: 1,
        keyVersion: 2,
        updatedBy: 'token:ops',
        createdBy: 'token:bootstrap',
      });
      expect(second.record.lastRotatedAt).toBeInstanceOf(Date);
      expect(second.record.id).toBe(first.record.id);

      const found = await t.store.secrets.find('acme', 'pg:production', 'DATABASE_URL');
      expect(found?.ciphertext).toEqual(bytes(9, 9));
      expect(found?.ciphertext).toBeInstanceOf(Uint8Array);
    });

    it('lists scopes with counts and keys with metadata only', async () => {
      await t.store.secrets.upsert(write({ key: 'API_TOKEN' }));
      await t.store.secrets.upsert(write({ scope: 'pg:staging', key: 'API_TOKEN' }));
      await t.store.secrets.upsert(write({ orgId: 'other', key: 'API_TOKEN' }));
      const scopes = await t.store.secrets.listScopes('acme');
      expect(scopes.map(({ scope, secretCount }) => ({ scope, secretCount }))).toEqual([
        { scope: 'pg:production', secretCount: 2 },
        { scope: 'pg:staging', secretCount: 1 },
      ]);
      const keys = await t.store.secrets.listKeys('acme', 'pg:production');
      expect(keys.map((k) => k.key)).toEqual(['API_TOKEN', 'DATABASE_URL']);
      for (const key of keys) expect(key).not.toHaveProperty('ciphertext');
    });

    it('removes a secret once', async () => {
      await t.store.secrets.upsert(write({ key: 'TO_DELETE' }));
      expect(await t.store.secrets.remove('acme', 'pg:production', 'TO_DELETE')).toBe(true);
      expect(await t.store.secrets.remove('acme', 'pg:production', 'TO_DELETE')).toBe(false);
      expect(await t.store.secrets.find('acme', 'pg:production', 'TO_DELETE')).toBeUndefined();
    });
  });

  describe('transactions', () => {
    it('commit a change and its audit row together', async () => {
      await t.store.transaction(async (tx) => {
        await tx.secrets.upsert(write({ key: 'TX_OK' }));
        await tx.audit.append(audit('secret.set'));
      });
      expect(await t.store.secrets.find('acme', 'pg:production', 'TX_OK')).toBeDefined();
    });

    it('drop the change when its audit row cannot be written', async () => {
      const broken = { ...audit('secret.set'), actor: null as unknown as string }; // NOT NULL
      await expect(
        t.store.transaction(async (tx) => {
          await tx.secrets.upsert(write({ key: 'TX_LOST' }));
          await tx.audit.append(broken);
        }),
      ).rejects.toThrow();
      expect(await t.store.secrets.find('acme', 'pg:production', 'TX_LOST')).toBeUndefined();
    });
  });

  describe('audited statements', () => {
    it('write a secret and its audit row in one statement, or neither', async () => {
      const { created } = await t.store.secrets.upsert(
        write({ key: 'AUDITED' }),
        audit('secret.set', 'pg:audited'),
      );
      expect(created).toBe(true);
      const [entry] = await t.store.audit.query({ contextName: 'pg:audited', limit: 1, offset: 0 });
      expect(entry?.metadata).toEqual({ key: 'DATABASE_URL', created: true });

      const broken = { ...audit('secret.set'), actor: null as unknown as string }; // NOT NULL
      await expect(t.store.secrets.upsert(write({ key: 'AUDIT_FAILS' }), broken)).rejects.toThrow();
      expect(await t.store.secrets.find('acme', 'pg:production', 'AUDIT_FAILS')).toBeUndefined();
    });

    it('list keys and record the listing with its count', async () => {
      const keys = await t.store.secrets.listKeys(
        'acme',
        'pg:production',
        audit('secret.list', 'pg:listed'),
      );
      const [entry] = await t.store.audit.query({ contextName: 'pg:listed', limit: 1, offset: 0 });
      expect(entry?.metadata).toEqual({ key: 'DATABASE_URL', count: keys.length });
      expect(keys[0]?.createdAt).toBeInstanceOf(Date);
    });
  });

  describe('re-encryption support', () => {
    it('batches rows below a key version and reseals them', async () => {
      const before = await t.store.secrets.count();
      const max = await t.store.secrets.maxKeyVersion();
      const target = max + 1;
      const startedAt = await t.store.now(); // outside the transactions: PGlite has one connection
      let resealed = 0;
      for (;;) {
        const done = await t.store.transaction(async (tx) => {
          const batch = await tx.secrets.lockBatchBelowVersion(target, 2, startedAt);
          await tx.secrets.reseal(
            batch.map((row) => ({ id: row.id, ciphertext: bytes(7, row.id % 256) })),
            target,
          );
          resealed += batch.length;
          return batch.length === 0;
        });
        if (done) break;
      }
      expect(resealed).toBe(before);
      const one = (await t.store.secrets.listKeys('acme', 'pg:production'))[0];
      const found = await t.store.secrets.find('acme', 'pg:production', one?.key ?? '');
      expect(found?.ciphertext).toEqual(bytes(7, (found?.id ?? 0) % 256));
      expect(await t.store.secrets.maxKeyVersion()).toBe(target);
      expect(await t.store.secrets.lockBatchBelowVersion(target, 10, await t.store.now())).toEqual(
        [],
      );
      // Rows written after a rotation started are left alone (sealed with the new key already).
      await t.store.secrets.upsert(write({ key: 'WRITTEN_LATER', keyVersion: 1 }));
      expect(await t.store.secrets.lockBatchBelowVersion(target, 10, startedAt)).toEqual([]);
      expect(
        (await t.store.secrets.lockBatchBelowVersion(target, 10, await t.store.now())).map(
          (r) => r.key,
        ),
      ).toEqual(['WRITTEN_LATER']);
    });

    it.runIf(driver === 'postgres')(
      'hands concurrent transactions disjoint batches (SKIP LOCKED)',
      async () => {
        const target = (await t.store.secrets.maxKeyVersion()) + 1;
        let release: () => void = () => {};
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let firstIds: number[] = [];
        const first = t.store.transaction(async (tx) => {
          firstIds = (await tx.secrets.lockBatchBelowVersion(target, 2, new Date())).map(
            (r) => r.id,
          );
          await held;
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        const secondIds = await t.store.transaction(async (tx) =>
          (await tx.secrets.lockBatchBelowVersion(target, 100, new Date())).map((r) => r.id),
        );
        release();
        await first;
        expect(firstIds.length).toBe(2);
        expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
      },
    );
  });

  it('runs exclusive sections one at a time', async () => {
    const events: string[] = [];
    const section = (name: string) =>
      t.store.exclusive('test-lock', async () => {
        events.push(`${name}:in`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        events.push(`${name}:out`);
      });
    await Promise.all([section('a'), section('b')]);
    // Either may go first; neither may enter while the other is inside.
    expect([events[0]?.[0], events[1]?.[0], events[2]?.[0], events[3]?.[0]].join('')).toMatch(
      /^(aabb|bbaa)$/,
    );
    expect(events.filter((_, i) => i % 2 === 0).every((e) => e.endsWith(':in'))).toBe(true);
  });
});
