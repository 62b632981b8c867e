import type { Db } from '../database.js';
import type { RawQuery } from '../rows.js';

/** What a driver folder hands the store: a drizzle handle and the driver-specific parts. */
export interface Driver {
  readonly name: 'postgres' | 'pglite';
  readonly db: Db;
  /** Raw SQL outside any transaction, as fast as the driver allows (hot paths). */
  readonly raw: RawQuery;
  /** Applies the committed migrations (idempotent; serialised across instances). */
  migrate(migrationsFolder: string): Promise<void>;
  /** Runs `work` under a lock shared by every instance on this database. */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
