// The postgres driver's two pools: the hot single statements pipelined over a few connections
// of their own, everything else on the main pool. PostgreSQL only (PGlite has one connection).
import type { AuditEntry } from '@kici/core';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { STATEMENT_APPLICATION_NAME } from '../src/drivers/postgres.js';
import { openStore, type PgStore } from '../src/index.js';
import { createTestDatabase, testDrivers } from '../src/testing.js';

const entry = (action: string): AuditEntry => ({
  actor: 'token:bootstrap',
  action,
  outcome: 'success',
  orgId: 'acme',
  contextName: 'pg:production',
  routingKey: null,
  metadata: {},
});

async function withStore(
  options: { connections?: number; statementConnections?: number },
  work: (store: PgStore) => Promise<void>,
) {
  const database = await createTestDatabase('postgres');
  const store = await openStore({ databaseUrl: database.databaseUrl, ...options });
  try {
    await work(store);
  } finally {
    await store.close();
    await database.drop();
  }
}

const statementConnections = async (store: PgStore) => {
  const [row] = (await store.db.execute(
    sql`select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = ${STATEMENT_APPLICATION_NAME}`,
  )) as unknown as { n: number }[];
  return row?.n;
};

describe.skipIf(!testDrivers().includes('postgres'))('postgres driver pools', () => {
  it('pipelines the hot statements over the statement connections, named in pg_stat_activity', async () => {
    await withStore({ statementConnections: 3 }, async (store) => {
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 2
            ? store.audit.append(entry('secret.reveal'))
            : store.secrets.listKeys('acme', 'pg:production', entry('secret.list')),
        ),
      );
      const rows = await store.audit.query({ limit: 100, offset: 0 });
      expect(rows.length).toBe(60);
      expect(await statementConnections(store)).toBe(3);
    });
  }, 60_000);

  it('refuses a main pool of one connection: a lock section could never run its work', async () => {
    await expect(
      openStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', connections: 1 }),
    ).rejects.toThrow('connections: expected an integer of at least 2 (locks and their work)');
  });

  it('runs more lock sections at once than there are connections, each with a transaction', async () => {
    await withStore({ connections: 4 }, async (store) => {
      // Each section holds a connection for its advisory lock and needs another for its
      // transaction: with every connection holding a lock, none could ever get one.
      const sections = Array.from({ length: 12 }, (_, i) =>
        store.exclusive(`section-${i}`, () =>
          store.transaction((tx) => tx.audit.append(entry('config.set'))),
        ),
      );
      const late = new Promise((resolve) => setTimeout(resolve, 10_000, 'still waiting'));
      expect(await Promise.race([Promise.all(sections).then(() => 'done'), late])).toBe('done');
      expect(
        (await store.audit.query({ action: 'config.set', limit: 100, offset: 0 })).length,
      ).toBe(12);
    });
  }, 60_000);

  it('keeps the hot statements flowing while transactions hold every other connection', async () => {
    await withStore({ connections: 2, statementConnections: 1 }, async (store) => {
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered = 0;
      const held = ['a', 'b'].map(() =>
        store.transaction(async () => {
          entered++;
          await gate;
        }),
      );
      while (entered < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      const hot = Promise.all([
        store.audit.append(entry('secret.reveal')),
        store.secrets.listKeys('acme', 'pg:production', entry('secret.list')),
      ]).then(() => 'answered');
      const late = new Promise((resolve) => setTimeout(resolve, 5_000, 'still waiting'));
      expect(await Promise.race([hot, late])).toBe('answered');
      release();
      await Promise.all(held);
    });
  }, 60_000);
});
