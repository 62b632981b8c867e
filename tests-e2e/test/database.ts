// Direct reads of a server's database, as an attacker with a dump (or an operator) sees it:
// row counts, and every column of every table. PGlite is single-process: stop its server first.
import { join } from 'node:path';
import type { TestServer } from '@kici/server/testing';
import { openStore, type PgStore } from '@kici/store-pg';

export const openDirect = (server: Pick<TestServer, 'database' | 'dataDir'>): Promise<PgStore> =>
  openStore({
    databaseUrl: server.database.databaseUrl,
    dataDir: join(server.dataDir, 'pgdata'),
    migrate: false,
  });

/** Raw SQL on either driver (postgres-js answers an array; PGlite, `.rows`). */
export async function query<T = Record<string, unknown>>(
  store: PgStore,
  text: string,
): Promise<T[]> {
  const result = (await store.db.execute(text)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function count(store: PgStore, table: string, where = 'true'): Promise<number> {
  const [row] = await query<{ n: number }>(
    store,
    `select count(*)::int as n from ${table} where ${where}`,
  );
  return Number(row?.n ?? 0);
}

/** One cell of the dump: where it is, and its value (bytea as bytes, anything else as text). */
export interface Cell {
  readonly where: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

/**
 * pg_dump without pg_dump: every column of every row of every table in the public and drizzle
 * schemas, bytea cells as bytes and every other cell as its text form (`::text`).
 */
export async function dumpEverything(store: PgStore): Promise<Cell[]> {
  const columns = await query<{ schema: string; table: string; column: string; type: string }>(
    store,
    `select table_schema as schema, table_name as table, column_name as column, data_type as type
       from information_schema.columns
      where table_schema in ('public', 'drizzle')
      order by table_schema, table_name, ordinal_position`,
  );
  const cells: Cell[] = [];
  for (const { schema, table, column, type } of columns) {
    const name = `"${schema}"."${table}"."${column}"`;
    const select =
      type === 'bytea'
        ? `select "${column}" as v from "${schema}"."${table}"`
        : `select "${column}"::text as v from "${schema}"."${table}"`;
    const rows = await query<{ v: unknown }>(store, select);
    rows.forEach((row, i) => {
      if (row.v === null || row.v === undefined) return;
      const where = `${name}[${i}]`;
      if (row.v instanceof Uint8Array) cells.push({ where, bytes: new Uint8Array(row.v) });
      else cells.push({ where, text: String(row.v) });
    });
  }
  return cells;
}

/** Whether `needle` occurs in `haystack`, byte for byte. */
export function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(
    Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength),
  );
}
