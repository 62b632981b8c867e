import type { RunKeyRecord, RunKeyRepository } from '@kici/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../database.js';
import { runEphemeralKeys } from '../schema.js';

export function runKeyRepository(db: Db): RunKeyRepository {
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
      const [row] = await db
        .select()
        .from(runEphemeralKeys)
        .where(eq(runEphemeralKeys.runId, runId));
      return row as RunKeyRecord | undefined;
    },
  };
}
