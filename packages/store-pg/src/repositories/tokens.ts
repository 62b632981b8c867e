import type { TokenRecord, TokenRepository } from '@kici/core';
import { and, asc, count, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../database.js';
import { adminTokens } from '../schema.js';

export function tokenRepository(db: Db): TokenRepository {
  const one = async (rows: Promise<TokenRecord[]>) => (await rows)[0];
  return {
    async insert(token) {
      const row = await one(db.insert(adminTokens).values(token).returning());
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    list: () =>
      db.select().from(adminTokens).orderBy(asc(adminTokens.createdAt), asc(adminTokens.id)),
    find: (id) => one(db.select().from(adminTokens).where(eq(adminTokens.id, id))),
    findByHash: (hash) => one(db.select().from(adminTokens).where(eq(adminTokens.hash, hash))),
    revoke: (id, at) =>
      one(
        db
          .update(adminTokens)
          .set({ revokedAt: at })
          .where(and(eq(adminTokens.id, id), isNull(adminTokens.revokedAt)))
          .returning(),
      ),
    replaceHash: (id, hash) =>
      one(
        db
          .update(adminTokens)
          .set({ hash, revokedAt: null })
          .where(eq(adminTokens.id, id))
          .returning(),
      ),
    async touch(id, at) {
      await db.update(adminTokens).set({ lastUsedAt: at }).where(eq(adminTokens.id, id));
    },
    async countActiveOwners(at) {
      const [row] = await db
        .select({ value: count() })
        .from(adminTokens)
        .where(
          and(
            eq(adminTokens.role, 'owner'),
            isNull(adminTokens.revokedAt),
            or(isNull(adminTokens.expiresAt), gt(adminTokens.expiresAt, at)),
          ),
        );
      return row?.value ?? 0;
    },
  };
}
