import type { BatchPage } from '@kici/core';
import { type AnyColumn, count, gt, max, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import type {
  backends,
  configVersions,
  runEphemeralKeys,
  runSecretOutputs,
  scopedSecrets,
} from '../schema.js';

/** `UPDATE … FROM (VALUES …)`: one round trip for a whole batch of new envelopes. */
export function resealRows(
  db: Db,
  table:
    | typeof scopedSecrets
    | typeof configVersions
    | typeof backends
    | typeof runEphemeralKeys
    | typeof runSecretOutputs,
  rows: readonly { id: number; ciphertext: Uint8Array }[],
  keyVersion: number,
  column: 'ciphertext' | 'config_ciphertext' | 'private_key_ciphertext' = 'ciphertext',
) {
  if (rows.length === 0) return Promise.resolve();
  const values = sql.join(
    rows.map((row) => sql`(${row.id}::bigint, ${row.ciphertext}::bytea)`),
    sql`, `,
  );
  return db.execute(sql`
    update ${table} set ${sql.raw(column)} = v.ciphertext, key_version = ${keyVersion}
    from (values ${values}) as v(id, ciphertext)
    where ${table.id} = v.id`);
}

/** The conditions a rotation's `BatchPage` adds to a batch query on `id`. */
export function pageConditions(id: AnyColumn, page: BatchPage = {}): SQL[] {
  const conditions: SQL[] = [];
  if (page.afterId !== undefined) conditions.push(gt(id, page.afterId));
  if (page.excludeIds && page.excludeIds.length > 0)
    conditions.push(notInArray(id, [...page.excludeIds]));
  return conditions;
}

/** A run table's rotation figures: its newest key version and its row count. */
export function keyVersionStats(db: Db, table: typeof runEphemeralKeys | typeof runSecretOutputs) {
  return {
    async maxKeyVersion() {
      const [row] = await db.select({ value: max(table.keyVersion) }).from(table);
      return row?.value ?? 0;
    },
    async count() {
      const [row] = await db.select({ value: count() }).from(table);
      return row?.value ?? 0;
    },
  };
}
