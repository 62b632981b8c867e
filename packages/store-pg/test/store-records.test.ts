// The store contract suite (store.test.ts) for the tables beside the secrets, against every
// driver: PGlite always, PostgreSQL with KICI_TEST_DATABASE_URL (always in CI). The
// append-only audit_log and its queries, config_versions, admin_tokens and the orgs listing.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testDrivers } from '../src/testing.js';
import { audit, bytes } from './store-fixtures.js';
import { useTestStore } from './use-test-store.js';

describe.each(testDrivers())('store on %s', (driver) => {
  const t = useTestStore(driver);

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
});
