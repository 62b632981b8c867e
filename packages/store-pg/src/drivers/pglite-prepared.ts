import { type PGlite, parse, protocol, type QueryOptions } from '@electric-sql/pglite';
import type { BoundQuery } from '../prepared.js';

/** Past this many statements, a new text runs unnamed (as PGlite's `query` runs everything). */
const MAX_NAMED_STATEMENTS = 256;

interface Named {
  readonly name: string;
  readonly paramTypes: readonly number[];
}

const { serialize } = protocol;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Named prepared statements on PGlite, as postgres.js keeps them on PostgreSQL. PGlite's
 * `query` parses, describes and plans its text on every call, in five trips into the WASM
 * module; a hot statement (every job dispatch) spent more there than in running. Here a text is
 * parsed once, and each call is one trip: Bind, Describe, Execute, Sync. Values are serialized
 * and rows parsed exactly as `query` does it (the client's serializers and `options` parsers).
 */
export function pglitePrepared(client: PGlite, options: QueryOptions) {
  const named = new Map<string, Named>();

  async function prepareNamed(text: string): Promise<Named> {
    const name = `kici_${named.size}`;
    const { messages } = await client.execProtocol(
      concat([
        serialize.parse({ name, text, types: [] }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const described = messages.find((message) => message.name === 'parameterDescription') as
      | { dataTypeIDs: number[] }
      | undefined;
    const statement = { name, paramTypes: described?.dataTypeIDs ?? [] };
    named.set(text, statement);
    return statement;
  }

  const value = (param: unknown, type: number | undefined) => {
    if (param === null || param === undefined) return null;
    const serializer = type === undefined ? undefined : client.serializers[type];
    return serializer ? serializer(param) : String(param);
  };

  async function runNamed<T>(query: BoundQuery): Promise<T[]> {
    const statement = named.get(query.text) ?? (await prepareNamed(query.text));
    const { messages } = await client.execProtocol(
      concat([
        serialize.bind({
          statement: statement.name,
          values: query.params.map((param, i) => value(param, statement.paramTypes[i])),
        }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    await client.syncToFs();
    return (parse.parseResults(messages, client.parsers, options)[0]?.rows ?? []) as T[];
  }

  /** A bound statement's rows; outside any transaction (PGlite's one session is shared). */
  return async function run<T>(query: BoundQuery): Promise<T[]> {
    if (!named.has(query.text) && named.size >= MAX_NAMED_STATEMENTS)
      return (await client.query<T>(query.text, query.params, options)).rows;
    // `query` takes the same two locks: no one else's open transaction, then the session.
    return client._runExclusiveTransaction(() => client.runExclusive(() => runNamed<T>(query)));
  };
}
