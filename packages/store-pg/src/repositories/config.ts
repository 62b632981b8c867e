import type { ConfigRepository, ConfigVersionRecord } from '@kici/core';
import { and, asc, count, desc, eq, lt, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { configVersions } from '../schema.js';
import { pageConditions, resealRows } from './reseal.js';

const metadata = {
  key: configVersions.key,
  version: configVersions.version,
  createdAt: configVersions.createdAt,
  createdBy: configVersions.createdBy,
};

export function configRepository(db: Db): ConfigRepository {
  return {
    listCurrent: () =>
      db
        .selectDistinctOn([configVersions.key], metadata)
        .from(configVersions)
        .orderBy(asc(configVersions.key), desc(configVersions.version)),

    async current(key) {
      const [row] = await db
        .select()
        .from(configVersions)
        .where(eq(configVersions.key, key))
        .orderBy(desc(configVersions.version))
        .limit(1);
      return row as ConfigVersionRecord | undefined;
    },

    async version(key, version) {
      const [row] = await db
        .select()
        .from(configVersions)
        .where(and(eq(configVersions.key, key), eq(configVersions.version, version)));
      return row as ConfigVersionRecord | undefined;
    },

    history: (key) =>
      db
        .select(metadata)
        .from(configVersions)
        .where(eq(configVersions.key, key))
        .orderBy(desc(configVersions.version)),

    async append({ key, ciphertext, keyVersion, actor }) {
      // The unique (key, version) index turns a concurrent append of the same version into
      // an error instead of two "latest" rows.
      const next = sql<number>`coalesce((select max(${configVersions.version}) from ${configVersions} where ${configVersions.key} = ${key}), 0) + 1`;
      const [row] = await db
        .insert(configVersions)
        .values({ key, version: next, ciphertext, keyVersion, createdBy: actor })
        .returning();
      if (!row) throw new Error('append returned no row');
      return row as ConfigVersionRecord;
    },

    async maxKeyVersion() {
      const [row] = await db.select({ value: max(configVersions.keyVersion) }).from(configVersions);
      return row?.value ?? 0;
    },

    async count() {
      const [row] = await db.select({ value: count() }).from(configVersions);
      return row?.value ?? 0;
    },

    lockBatchBelowVersion: (target, limit, writtenBefore, page) =>
      db
        .select({
          id: configVersions.id,
          ciphertext: configVersions.ciphertext,
          orgId: sql<string>`''`,
          scope: sql<string>`''`,
          key: configVersions.key,
          version: configVersions.version,
        })
        .from(configVersions)
        .where(
          and(
            ...pageConditions(configVersions.id, page),
            lt(configVersions.keyVersion, target),
            lte(configVersions.createdAt, writtenBefore),
          ),
        )
        .orderBy(asc(configVersions.id))
        .limit(limit)
        .for('update', { skipLocked: true }),

    async reseal(rows, keyVersion) {
      await resealRows(db, configVersions, rows, keyVersion);
    },
  };
}
