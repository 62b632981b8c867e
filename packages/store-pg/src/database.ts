import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.js';

/** A drizzle database or transaction over either driver: repositories take this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
