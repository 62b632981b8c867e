import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Db } from '../database.js';
import { drizzleQuery } from '../rows.js';
import * as schema from '../schema.js';
import type { Driver } from './driver.js';

/** Embedded PostgreSQL (PGlite, WASM) keeping its data in `dataDir`. */
export async function pgliteDriver(dataDir: string): Promise<Driver> {
  const client = await PGlite.create({ dataDir });
  const db = drizzle(client, { schema }) as unknown as Db;

  // One process owns a PGlite data directory, so an in-process queue is the shared lock.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(_name: string, work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => {});
    return run;
  }

  return {
    name: 'pglite',
    db,
    raw: drizzleQuery(db),
    exclusive,
    migrate: (migrationsFolder) => migrate(drizzle(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  };
}
