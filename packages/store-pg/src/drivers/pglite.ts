import { PGlite, types } from '@electric-sql/pglite';
import { is, SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Db } from '../database.js';
import type { BoundQuery } from '../prepared.js';
import { drizzleQuery, type RawQuery } from '../rows.js';
import * as schema from '../schema.js';
import type { Driver } from './driver.js';
import { pglitePrepared } from './pglite-prepared.js';

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

// bytea as hex through node's Buffer: PGlite's own codec goes byte by byte in JavaScript, and
// every secret read and written is a bytea.
const BYTEA_CODEC = {
  parsers: {
    [types.BYTEA]: (hex: string) => {
      const bytes = Buffer.from(hex.slice(2), 'hex');
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    },
  },
  serializers: {
    [types.BYTEA]: (bytes: unknown) => {
      if (!(bytes instanceof Uint8Array)) throw new TypeError('Invalid input for bytea type');
      return `\\x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}`;
    },
  },
};

/** Embedded PostgreSQL (PGlite, WASM) keeping its data in `dataDir`. */
export async function pgliteDriver(dataDir: string): Promise<Driver> {
  const client = await PGlite.create({ dataDir, ...BYTEA_CODEC });
  const db = drizzle(client, { schema }) as unknown as Db;

  // One process owns a PGlite data directory, so an in-process queue is the shared lock.
  let tail: Promise<unknown> = Promise.resolve();
  function exclusive<T>(_name: string, work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => {});
    return run;
  }

  const viaDrizzle = drizzleQuery(db);
  // A bound statement (prepared.ts) runs as a named prepared statement, answering as drizzle
  // would: rows as objects, timestamps as the text PostgreSQL gives.
  const prepared = pglitePrepared(client, RAW_ROWS);
  const raw: RawQuery = async <T>(query: SQL | BoundQuery) =>
    is(query, SQL) ? viaDrizzle<T>(query) : prepared<T>(query);

  return {
    name: 'pglite',
    db,
    raw,
    exclusive,
    migrate: (migrationsFolder) => migrate(drizzle(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  };
}
