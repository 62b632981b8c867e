import type { Db } from '../database.js';

/** What a driver folder hands the store: a drizzle handle and the driver-specific parts. */
export interface Driver {
  readonly name: 'postgres' | 'pglite';
  readonly db: Db;
  /** Applies the committed migrations (idempotent; serialised across instances). */
  migrate(migrationsFolder: string): Promise<void>;
  /** Runs `work` under a lock shared by every instance on this database. */
  exclusive<T>(name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
