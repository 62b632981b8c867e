import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Db } from '../database.js';
import { type BoundQuery, bind } from '../prepared.js';
import type { RawQuery } from '../rows.js';
import * as schema from '../schema.js';
import type { Driver } from './driver.js';

export interface PostgresOptions {
  readonly url: string;
  /** Connections in the pool. */
  readonly max?: number;
}

/** A real PostgreSQL server through `postgres` (porsager). */
export function postgresDriver({ url, max = 10 }: PostgresOptions): Driver {
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzle(client, { schema }) as unknown as Db;

  // A session-level advisory lock on a reserved connection: every instance pointed at this
  // database waits for the holder, whatever process it is in.
  async function exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    const connection = await client.reserve();
    try {
      await connection`select pg_advisory_lock(hashtext(${name}))`;
      try {
        return await work();
      } finally {
        await connection`select pg_advisory_unlock(hashtext(${name}))`;
      }
    } finally {
      connection.release();
    }
  }

  // drizzle sends `execute` unprepared, so PostgreSQL would parse and plan the hot statements
  // on every call; as named prepared statements (postgres-js caches them per connection) it
  // does that once per connection.
  const raw: RawQuery = async <T>(query: SQL | BoundQuery) => {
    const { text, params } = bind(query);
    return (await client.unsafe(text, params as never[], { prepare: true })) as unknown as T[];
  };

  return {
    name: 'postgres',
    db,
    raw,
    exclusive,
    migrate: (migrationsFolder) =>
      exclusive('kici:migrate', () => migrate(drizzle(client, { schema }), { migrationsFolder })),
    close: () => client.end({ timeout: 5 }),
  };
}
