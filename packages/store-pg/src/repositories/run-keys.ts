import type { RunKeyRecord, RunKeyRepository } from '@kici/core';
import { and, asc, eq, lt, lte, sql } from 'drizzle-orm';
import type { Db } from '../database.js';
import { runEphemeralKeys } from '../schema.js';
import { keyVersionStats, pageConditions, resealRows } from './reseal.js';

// Read on every dispatch: built once per handle, as a drizzle prepared query.
const prepareFindKey = (db: Db) =>
  db
    .select()
    .from(runEphemeralKeys)
    .where(eq(runEphemeralKeys.runId, sql.placeholder('runId')))
    .prepare('kici_run_key_find');

export function runKeyRepository(db: Db): RunKeyRepository {
  let findKey: ReturnType<typeof prepareFindKey> | undefined;
  return {
    async insert(record) {
      const rows = await db
        .insert(runEphemeralKeys)
        .values(record)
        .onConflictDoNothing()
        .returning({ runId: runEphemeralKeys.runId });
      return rows.length > 0;
    },
    async find(runId) {
      findKey ??= prepareFindKey(db);
      const [row] = await findKey.execute({ runId });
      if (!row) return undefined;
      const { id: _rowNumber, ...record } = row;
      return record as RunKeyRecord;
    },

    ...keyVersionStats(db, runEphemeralKeys),

    // A run key is written once, so its creation time is its last write.
    lockBatchBelowVersion: async (target, limit, writtenBefore, page) =>
      (
        await db
          .select({
            id: runEphemeralKeys.id,
            ciphertext: runEphemeralKeys.privateKeyCiphertext,
            orgId: runEphemeralKeys.orgId,
            runId: runEphemeralKeys.runId,
          })
          .from(runEphemeralKeys)
          .where(
            and(
              ...pageConditions(runEphemeralKeys.id, page),
              lt(runEphemeralKeys.keyVersion, target),
              lte(runEphemeralKeys.createdAt, writtenBefore),
            ),
          )
          .orderBy(asc(runEphemeralKeys.id))
          .limit(limit)
          .for('update', { skipLocked: true })
      ).map((row) => ({
        id: row.id,
        ciphertext: row.ciphertext,
        orgId: row.orgId,
        scope: '',
        key: row.runId,
        version: 0,
      })),

    async reseal(rows, keyVersion) {
      await resealRows(db, runEphemeralKeys, rows, keyVersion, 'private_key_ciphertext');
    },
  };
}
