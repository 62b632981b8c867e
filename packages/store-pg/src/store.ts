import { fileURLToPath } from 'node:url';
import type { Store } from '@kici/core';
import { sql } from 'drizzle-orm';
import type { Db } from './database.js';
import type { Driver } from './drivers/driver.js';
import { pgliteDriver } from './drivers/pglite.js';
import { postgresDriver } from './drivers/postgres.js';
import { prefixBareScopes } from './prefix-scopes.js';
import { repositories } from './repositories/index.js';
import { drizzleQuery } from './rows.js';

/** The committed SQL migrations, shipped beside dist/ and src/. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface OpenStoreOptions {
  /** A PostgreSQL URL; when absent the embedded PGlite database in `dataDir` is used. */
  readonly databaseUrl?: string | undefined;
  /** PGlite's data directory (created if missing). */
  readonly dataDir?: string | undefined;
  /** Apply migrations on open (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL: connections for transactions, locks and queries (default 10). */
  readonly connections?: number | undefined;
  /** PostgreSQL: connections that carry the hot single statements, pipelined (default 2). */
  readonly statementConnections?: number | undefined;
}

export interface PgStore extends Store {
  readonly driver: Driver['name'];
  /** The drizzle handle, for what the repositories do not cover (checks, tooling). */
  readonly db: Db;
}

/** Opens the store on PostgreSQL (`databaseUrl`) or PGlite (`dataDir`), migrated. */
export async function openStore(options: OpenStoreOptions): Promise<PgStore> {
  const driver = options.databaseUrl
    ? postgresDriver({
        url: options.databaseUrl,
        connections: options.connections,
        statementConnections: options.statementConnections,
      })
    : await pgliteDriver(requireDataDir(options.dataDir));
  try {
    if (options.migrate !== false) {
      await driver.migrate(MIGRATIONS_FOLDER);
      await driver.exclusive('kici:migrate', () => prefixBareScopes(driver.db));
    }
  } catch (error) {
    await driver.close();
    throw error;
  }
  return storeOver(driver);
}

function requireDataDir(dataDir: string | undefined): string {
  if (!dataDir) throw new TypeError('dataDir: expected a directory when no databaseUrl is given');
  return dataDir;
}

function storeOver(driver: Driver): PgStore {
  const { db } = driver;
  return {
    driver: driver.name,
    db,
    ...repositories(db, driver.raw),
    transaction: (work) => db.transaction((tx) => work(repositories(tx))),
    exclusive: (name, work) => driver.exclusive(name, work),
    async health() {
      try {
        await db.execute(sql`select 1`);
      } catch {
        return { database: false, migrations: false };
      }
      return { database: true, migrations: await migrationsApplied(driver) };
    },
    async now() {
      const [row] = await driver.raw<{ now: number }>(
        sql`select (extract(epoch from now()) * 1000)::float8 as now`,
      );
      return new Date(row?.now ?? Date.now());
    },
    close: () => driver.close(),
  };
}

// The shipped migrations do not change while the process runs: read and hash them once, not
// on every readiness probe.
let shippedMigrations: Promise<readonly { hash: string }[]> | undefined;
const migrationsShipped = () => {
  shippedMigrations ??= import('drizzle-orm/migrator').then(({ readMigrationFiles }) =>
    readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }),
  );
  return shippedMigrations;
};

async function migrationsApplied(driver: Driver): Promise<boolean> {
  const expected = await migrationsShipped();
  try {
    const rows = await drizzleQuery(driver.db)<{ hash: string }>(
      sql`select hash from drizzle.__drizzle_migrations order by created_at`,
    );
    const applied = new Set(rows.map((row) => row.hash));
    return expected.every((migration) => applied.has(migration.hash));
  } catch {
    return false;
  }
}
