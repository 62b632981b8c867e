import type { KeyCheckRepository } from '@kici/core';
import { asc } from 'drizzle-orm';
import type { Db } from '../database.js';
import { keyChecks } from '../schema.js';

export function keyCheckRepository(db: Db): KeyCheckRepository {
  return {
    list: () =>
      db
        .select({ keyVersion: keyChecks.keyVersion, ciphertext: keyChecks.ciphertext })
        .from(keyChecks)
        .orderBy(asc(keyChecks.keyVersion)),
    async insert(keyVersion, ciphertext) {
      // Two instances starting at once: the first check stays.
      await db.insert(keyChecks).values({ keyVersion, ciphertext }).onConflictDoNothing();
    },
  };
}
