/**
 * `@kici/store-pg/testing`: real databases for tests, on both drivers. PGlite costs seconds and
 * hundreds of MB to initialise a data directory, so one migrated template is made per
 * migration set (cached in the temp folder) and copied for each test; on PostgreSQL
 * (`KICI_TEST_DATABASE_URL`, an account that may create databases) each call gets a
 * database of its own, dropped afterwards.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { MIGRATIONS_FOLDER, openStore, type PgStore } from './store.js';

export { makeCertificates } from './testing-tls.js';

export type TestDriver = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly driver: TestDriver;
  /** Set for postgres: the URL of this test's own database. */
  readonly databaseUrl?: string;
  /** Set for pglite: a fresh copy of the migrated template. */
  readonly dataDir?: string;
  drop(): Promise<void>;
}

const ADMIN_URL_VARIABLE = 'KICI_TEST_DATABASE_URL';

/**
 * The drivers to test against: PGlite always, PostgreSQL when KICI_TEST_DATABASE_URL is set.
 * In CI a missing URL is an error, so a run can never pass without the real server.
 */
export function testDrivers(): TestDriver[] {
  if (process.env[ADMIN_URL_VARIABLE]) return ['pglite', 'postgres'];
  if (process.env.CI) {
    throw new Error(`${ADMIN_URL_VARIABLE} is not set: CI must test against a real PostgreSQL`);
  }
  return ['pglite'];
}

export async function createTestDatabase(driver: TestDriver): Promise<TestDatabase> {
  return driver === 'pglite' ? copyPgliteTemplate() : createPostgresDatabase();
}

/** A migrated store on a database of its own, and the database (to drop when done). */
export async function openTestStore(
  driver: TestDriver,
): Promise<{ store: PgStore; database: TestDatabase }> {
  const database = await createTestDatabase(driver);
  const store = await openStore({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  return { store, database };
}

async function copyPgliteTemplate(): Promise<TestDatabase> {
  const template = await pgliteTemplate();
  const dataDir = await mkdtemp(join(tmpdir(), 'kici-pglite-test-'));
  await cp(template, dataDir, { recursive: true });
  return { driver: 'pglite', dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
}

let templatePath: Promise<string> | undefined;

function pgliteTemplate(): Promise<string> {
  templatePath ??= (async () => {
    const dir = join(tmpdir(), `kici-pglite-template-${await migrationsHash()}`);
    if (await exists(join(dir, 'PG_VERSION'))) return dir;
    // Build beside it and rename into place, so parallel workers never see a half-made one.
    const building = `${dir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
    const store = await openStore({ dataDir: building });
    await store.close();
    try {
      await rename(building, dir);
    } catch {
      await rm(building, { recursive: true, force: true }); // another worker won the race
    }
    return dir;
  })();
  return templatePath;
}

async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  // The PGlite build decides the on-disk format: its entry file stands for its version.
  hash.update(await readFile(new URL(import.meta.resolve('@electric-sql/pglite'))));
  for (const folder of [MIGRATIONS_FOLDER, join(MIGRATIONS_FOLDER, 'meta')]) {
    for (const name of (await readdir(folder)).sort()) {
      if (name.endsWith('.sql') || name.endsWith('.json'))
        hash.update(await readFile(join(folder, name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  if (!adminUrl) throw new Error(`${ADMIN_URL_VARIABLE} is not set`);
  const name = `kici_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    driver: 'postgres',
    databaseUrl: url.toString(),
    async drop() {
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
