import { fillPlaceholders, is, SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

/** A statement's text and its values, as a driver takes them. */
export interface BoundQuery {
  readonly text: string;
  readonly params: unknown[];
}

const dialect = new PgDialect();

/** The text and values of a drizzle `sql` template. */
export const bind = (query: SQL | BoundQuery): BoundQuery => {
  if (!is(query, SQL)) return query;
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { text, params };
};

/**
 * Drizzle's prepared-query habit for raw statements on hot paths: the SQL is built once, with
 * `sql.placeholder(name)` where the values go, and each call only binds the values. Building
 * a nested template on every job dispatch cost more garbage than anything else in it.
 */
export function prepare<K extends string>(
  query: SQL,
): (values: Readonly<Record<K, unknown>>) => BoundQuery {
  const { text, params } = bind(query);
  return (values) => ({ text, params: fillPlaceholders(params, values) });
}

/**
 * A bound statement as a drizzle template again, for a transaction's handle (drizzle runs
 * those). The prepared statements here carry no `$n` inside a literal.
 */
export function unbind(query: SQL | BoundQuery): SQL {
  if (is(query, SQL)) return query;
  const out = sql.empty();
  query.text.split(/\$(\d+)/).forEach((part, i) => {
    out.append(i % 2 === 0 ? sql.raw(part) : sql`${query.params[Number(part) - 1]}`);
  });
  return out;
}
