/**
 * `@kici/store-pg`: the PostgreSQL store of KiCI Secrets. One drizzle schema and one set of
 * committed migrations over two drivers: `postgres` for a real server (`DATABASE_URL`) and
 * PGlite, the embedded zero-setup default.
 * @module
 */
export type { Db } from './database.js';
export * as schema from './schema.js';
export { MIGRATIONS_FOLDER, type OpenStoreOptions, openStore, type PgStore } from './store.js';
