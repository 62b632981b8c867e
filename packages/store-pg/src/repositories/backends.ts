import type { BackendRecord, BackendRepository, BackendWrite } from '@kici/core';
import { and, asc, count, eq, isNotNull, lt, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { drizzleQuery } from '../rows.js';
import { backends, discoveredScopes } from '../schema.js';
import { pageConditions, resealRows } from './reseal.js';

const record = (row: typeof backends.$inferSelect) => row as BackendRecord;
const columns = (write: BackendWrite) => ({
  ...write,
  summary: { ...write.summary },
  scopePatterns: [...write.scopePatterns],
});

export function backendRepository(db: Db): BackendRepository {
  const sealed = isNotNull(backends.configCiphertext);
  return {
    async insert(write) {
      const [row] = await db
        .insert(backends)
        .values(columns(write))
        .onConflictDoNothing()
        .returning();
      return row && record(row);
    },

    async upsertFromEnv(write) {
      const [row] = await db
        .insert(backends)
        .values(columns(write))
        .onConflictDoUpdate({
          target: backends.name,
          set: {
            type: write.type,
            source: 'env',
            configCiphertext: null,
            summary: { ...write.summary },
            updatedAt: sql`now()`,
          },
          // A backend registered through the API keeps its name and its sealed config.
          setWhere: eq(backends.source, 'env'),
        })
        .returning();
      return row && record(row);
    },

    list: async () => (await db.select().from(backends).orderBy(asc(backends.name))).map(record),

    async find(name) {
      const [row] = await db.select().from(backends).where(eq(backends.name, name));
      return row && record(row);
    },

    async remove(name) {
      const rows = await db
        .delete(backends)
        .where(eq(backends.name, name))
        .returning({ name: backends.name });
      return rows.length > 0;
    },

    async claimDueSync() {
      // SKIP LOCKED: two instances ticking at once never claim the same backend.
      const [row] = await db
        .update(backends)
        .set({ nextSyncAt: sql`now() + make_interval(secs => ${backends.syncIntervalSeconds})` })
        .where(
          eq(
            backends.name,
            sql`(select name from backends where next_sync_at <= now()
              order by next_sync_at limit 1 for update skip locked)`,
          ),
        )
        .returning();
      return row && record(row);
    },

    async recordSync(name, outcome, keepErrors) {
      const error = outcome.error
        ? sql`(jsonb_build_array(jsonb_build_object('at', now(), 'message', ${outcome.error}::text)) || ${backends.errors})`
        : sql`${backends.errors}`;
      await db
        .update(backends)
        .set({
          lastSyncAt: sql`now()`,
          lastSyncStatus: outcome.status,
          lastSyncMessage: outcome.message,
          // Newest first, the oldest beyond keepErrors dropped.
          errors: sql`(select coalesce(jsonb_agg(e order by n), '[]'::jsonb)
            from jsonb_array_elements(${error}) with ordinality as x(e, n) where n <= ${keepErrors})`,
        })
        .where(eq(backends.name, name));
    },

    async replaceDiscovered(name, paths) {
      return db.transaction(async (tx) => {
        const query = drizzleQuery(tx);
        const list = JSON.stringify(paths);
        const inserted = await query<{
          added: boolean;
        }>(sql`insert into discovered_scopes (backend, path)
          select ${name}, p from jsonb_array_elements_text(${list}::jsonb) as p
          on conflict (backend, path) do update set last_seen_at = now()
          returning (xmax = 0) as added`);
        const removed = await query(sql`delete from discovered_scopes
          where backend = ${name} and path not in (select jsonb_array_elements_text(${list}::jsonb))
          returning path`);
        return {
          added: inserted.filter((row) => row.added).length,
          removed: removed.length,
          total: paths.length,
        };
      });
    },

    async listDiscovered(name) {
      const rows = await db
        .select({ path: discoveredScopes.path })
        .from(discoveredScopes)
        .where(eq(discoveredScopes.backend, name))
        .orderBy(asc(discoveredScopes.path));
      return rows.map((row) => row.path);
    },

    async countDiscovered() {
      const rows = await db
        .select({ backend: discoveredScopes.backend, value: count() })
        .from(discoveredScopes)
        .groupBy(discoveredScopes.backend);
      return new Map(rows.map((row) => [row.backend, row.value]));
    },

    // Rotation: only backends whose config is stored (registered through the API) are sealed.
    async maxKeyVersion() {
      const [row] = await db
        .select({ value: max(backends.keyVersion) })
        .from(backends)
        .where(sealed);
      return row?.value ?? 0;
    },
    async count() {
      const [row] = await db.select({ value: count() }).from(backends).where(sealed);
      return row?.value ?? 0;
    },
    lockBatchBelowVersion: async (target, limit, writtenBefore, page) =>
      (
        await db
          .select({
            id: backends.id,
            ciphertext: backends.configCiphertext,
            name: backends.name,
          })
          .from(backends)
          .where(
            and(
              ...pageConditions(backends.id, page),
              sealed,
              lt(backends.keyVersion, target),
              lte(backends.updatedAt, writtenBefore),
            ),
          )
          .orderBy(asc(backends.id))
          .limit(limit)
          .for('update', { skipLocked: true })
      ).map((row) => ({
        id: row.id,
        ciphertext: row.ciphertext as Uint8Array,
        orgId: '',
        scope: '',
        key: row.name,
        version: 0,
      })),
    async reseal(rows, keyVersion) {
      await resealRows(db, backends, rows, keyVersion, 'config_ciphertext');
    },
  };
}
