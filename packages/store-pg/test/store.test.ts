// One contract suite, run against every driver (drizzle's habit): PGlite always, a real
// PostgreSQL server when KICI_TEST_DATABASE_URL is set (always in CI).
import type { SecretWrite } from '@kici/core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/index.js';
import { testDrivers } from '../src/testing.js';
import { useTestStore } from './use-test-store.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const write = (overrides: Partial<SecretWrite> = {}): SecretWrite => ({
  orgId: 'acme',
  scope: 'pg:production',
  key: 'DATABASE_URL',
  ciphertext: bytes(1, 2, 3),
  keyVersion: 1,
  backendType: 'pg',
  actor: 'token:bootstrap',
  ...overrides,
});
const audit = (action: string, contextName: string | null = 'pg:production') => ({
  actor: 'token:bootstrap',
  action,
  outcome: 'success' as const,
  orgId: 'acme',
  contextName,
  routingKey: null,
  metadata: { key: 'DATABASE_URL' },
});

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

  describe('audit_log', () => {
    it('is append-only: UPDATE, DELETE and TRUNCATE are rejected by the database', async () => {
      await t.store.audit.append(audit('secret.reveal'));
      for (const statement of [
        'update audit_log set actor = $$x$$',
        'delete from audit_log',
        'truncate audit_log',
      ]) {
        // drizzle wraps the server's error; the trigger's message is its cause.
        const error = await t.store.db.execute(sql.raw(statement)).catch((e: Error) => e);
        expect((error as Error).cause).toBeInstanceOf(Error);
        expect(((error as Error).cause as Error).message).toMatch(/audit_log is append-only/);
      }
      const [entry] = await t.store.audit.query({ action: 'secret.reveal', limit: 1, offset: 0 });
      expect(entry?.actor).toBe('token:bootstrap');
    });

    it('answers queries newest first, filtered and paginated', async () => {
      for (const action of ['a.one', 'a.two', 'a.three']) {
        await t.store.audit.append(audit(action, 'pg:audit-test'));
        await new Promise((resolve) => setTimeout(resolve, 3)); // distinct milliseconds
      }
      await t.store.audit.append(audit('a.four', 'pg:elsewhere'));
      const page = await t.store.audit.query({ contextName: 'pg:audit-test', limit: 2, offset: 0 });
      expect(page.map((e) => e.action)).toEqual(['a.three', 'a.two']);
      const next = await t.store.audit.query({ contextName: 'pg:audit-test', limit: 2, offset: 2 });
      expect(next.map((e) => e.action)).toEqual(['a.one']);
      const [first] = page;
      const window = await t.store.audit.query({
        contextName: 'pg:audit-test',
        from: first?.at,
        to: first?.at,
        limit: 10,
        offset: 0,
      });
      expect(window.map((e) => e.action)).toEqual(['a.three']);
      expect(first?.metadata).toEqual({ key: 'DATABASE_URL' });
    });
  });

  describe('config_versions', () => {
    it('appends versions per key and reads current, a version, history and the list', async () => {
      const v1 = await t.store.config.append({
        key: 'pgCustomerSecrets',
        ciphertext: bytes(1),
        keyVersion: 1,
        actor: 'a',
      });
      const v2 = await t.store.config.append({
        key: 'pgCustomerSecrets',
        ciphertext: bytes(2),
        keyVersion: 1,
        actor: 'b',
      });
      await t.store.config.append({
        key: 'other',
        ciphertext: bytes(3),
        keyVersion: 1,
        actor: 'a',
      });
      expect([v1.version, v2.version]).toEqual([1, 2]);
      expect((await t.store.config.current('pgCustomerSecrets'))?.ciphertext).toEqual(bytes(2));
      expect((await t.store.config.version('pgCustomerSecrets', 1))?.ciphertext).toEqual(bytes(1));
      expect((await t.store.config.history('pgCustomerSecrets')).map((h) => h.version)).toEqual([
        2, 1,
      ]);
      expect(
        (await t.store.config.listCurrent()).map(({ key, version }) => ({ key, version })),
      ).toEqual([
        { key: 'other', version: 1 },
        { key: 'pgCustomerSecrets', version: 2 },
      ]);
      expect(await t.store.config.current('missing')).toBeUndefined();
    });
  });

  describe('admin_tokens', () => {
    it('stores hashes, finds by hash, revokes once, counts active owners', async () => {
      const now = new Date();
      const base = { createdBy: 'bootstrap', expiresAt: null, surface: 'cli' };
      await t.store.tokens.insert({
        id: 't1',
        label: 'bootstrap',
        role: 'owner',
        hash: 'sha256:aa',
        ...base,
      });
      await t.store.tokens.insert({
        id: 't2',
        label: 'ops',
        role: 'owner',
        hash: 'sha256:bb',
        ...base,
      });
      await t.store.tokens.insert({
        id: 't3',
        label: 'old',
        role: 'owner',
        hash: 'sha256:cc',
        surface: 'dashboard',
        createdBy: 'x',
        expiresAt: new Date(now.getTime() - 1000),
      });
      await t.store.tokens.insert({
        id: 't4',
        label: 'ci',
        role: 'admin',
        hash: 'sha256:dd',
        ...base,
      });
      expect((await t.store.tokens.findByHash('sha256:bb'))?.id).toBe('t2');
      expect(await t.store.tokens.countActiveOwners(now)).toBe(2);
      expect((await t.store.tokens.revoke('t2', now))?.revokedAt).toBeInstanceOf(Date);
      expect(await t.store.tokens.revoke('t2', now)).toBeUndefined();
      expect(await t.store.tokens.countActiveOwners(now)).toBe(1);
      await t.store.tokens.touch('t1', now);
      expect((await t.store.tokens.find('t1'))?.lastUsedAt?.getTime()).toBe(now.getTime());
      expect((await t.store.tokens.list()).map((t) => t.id)).toEqual(['t1', 't2', 't3', 't4']);
      expect((await t.store.tokens.find('t3'))?.surface).toBe('dashboard');
    });
  });

  describe('orgs', () => {
    it('lists each org holding a secret, a variable or an environment once, sorted', async () => {
      const orgs = await t.store.orgs.listIds();
      expect(orgs).toEqual([...new Set(orgs)].sort());
      const rules = { branches: [], triggers: [], repositories: [], allowForks: false };
      const write = { rules, allowLocalExecution: false, scopes: [] };
      await t.store.environments.create('zz-env-only', 'staging', write, 'token:t');
      const after = await t.store.orgs.listIds();
      expect(after).toContain('zz-env-only');
      expect(after.filter((org) => org === 'zz-env-only')).toHaveLength(1);
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
