import { PGlite, types } from '@electric-sql/pglite';
import { is, SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Db } from '../database.js';
import type { BoundQuery } from '../prepared.js';
import { drizzleQuery, type RawQuery } from '../rows.js';
import * as schema from '../schema.js';
import type { Driver } from './driver.js';

const asText = (value: string) => value;
const RAW_ROWS = {
  rowMode: 'object' as const,
  parsers: {
    [types.TIMESTAMP]: asText,
    [types.TIMESTAMPTZ]: asText,
    [types.INTERVAL]: asText,
    [types.DATE]: asText,
  },
};

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

  const viaDrizzle = drizzleQuery(db);
  // A bound statement goes to PGlite as drizzle would send it: rows as objects, timestamps
  // as the text PostgreSQL gives.
  const raw: RawQuery = async <T>(query: SQL | BoundQuery) =>
    is(query, SQL)
      ? viaDrizzle<T>(query)
      : (await client.query<T>(query.text, query.params, RAW_ROWS)).rows;

  return {
    name: 'pglite',
    db,
    raw,
    exclusive,
    migrate: (migrationsFolder) => migrate(drizzle(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  };
}
