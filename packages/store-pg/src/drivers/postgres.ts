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
  /** Connections for transactions, locks and drizzle queries (default 10). */
  readonly connections?: number | undefined;
  /** Connections that carry the hot single statements, pipelined (default 2). */
  readonly statementConnections?: number | undefined;
}

const DEFAULT_CONNECTIONS = 10;
const DEFAULT_STATEMENT_CONNECTIONS = 2;

/** What pg_stat_activity shows for each of the two pools. */
const APPLICATION_NAME = 'kici';
export const STATEMENT_APPLICATION_NAME = 'kici-statements';

const pool = (url: string, max: number, applicationName: string) =>
  postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: 10,
    connection: { application_name: applicationName },
  });

/** A real PostgreSQL server through `postgres` (porsager). */
export function postgresDriver({
  url,
  connections = DEFAULT_CONNECTIONS,
  statementConnections = DEFAULT_STATEMENT_CONNECTIONS,
}: PostgresOptions): Driver {
  if (!Number.isInteger(connections) || connections < 2) {
    throw new RangeError('connections: expected an integer of at least 2 (locks and their work)');
  }
  if (!Number.isInteger(statementConnections) || statementConnections < 1) {
    throw new RangeError('statementConnections: expected an integer of at least 1');
  }
  const client = pool(url, connections, APPLICATION_NAME);
  // The hot path (an audit append, a secret set or listing, a chain read: each one statement)
  // runs on a pool of its own. postgres-js opens every connection of a pool before it
  // pipelines, and with few connections it pipelines: one socket write and one PostgreSQL
  // wake-up carry several statements. On the 2-core bench machine that gave ~20% more secret
  // sets per second at 16 clients than sharing the 10-connection pool. Being separate, it
  // also keeps flowing while transactions and locks hold every connection of the other.
  const statements = pool(url, statementConnections, STATEMENT_APPLICATION_NAME);
  const db = drizzle(client, { schema }) as unknown as Db;
  // drizzle sets its type handling on the client it wraps (timestamps as text, JSON passed
  // through as we serialised it); the raw statements rely on it on their pool too.
  drizzle(statements, { schema });

  // A session-level advisory lock on a reserved connection: every instance pointed at this
  // database waits for the holder, whatever process it is in. The work runs on other
  // connections of the pool, so at most half of it may hold locks: with every connection
  // holding one, no section could ever run its transaction (10 at once hung 10 connections).
  const lockHolders = permits(Math.floor(connections / 2));
  async function exclusive<T>(name: string, work: () => Promise<T>): Promise<T> {
    await lockHolders.acquire();
    try {
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
    } finally {
      lockHolders.release();
    }
  }

  // drizzle sends `execute` unprepared, so PostgreSQL would parse and plan the hot statements
  // on every call; as named prepared statements (postgres-js caches them per connection) it
  // does that once per connection.
  const raw: RawQuery = async <T>(query: SQL | BoundQuery) => {
    const { text, params } = bind(query);
    return (await statements.unsafe(text, params as never[], {
      prepare: true,
    })) as unknown as T[];
  };

  return {
    name: 'postgres',
    db,
    raw,
    exclusive,
    migrate: (migrationsFolder) =>
      exclusive('kici:migrate', () => migrate(drizzle(client, { schema }), { migrationsFolder })),
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), statements.end({ timeout: 5 })]);
    },
  };
}

/** At most `count` holders at once; the others wait, first come first served. */
function permits(count: number) {
  let free = count;
  const waiting: (() => void)[] = [];
  return {
    async acquire(): Promise<void> {
      if (free > 0) free--;
      else await new Promise<void>((resolve) => waiting.push(resolve));
    },
    release(): void {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}
