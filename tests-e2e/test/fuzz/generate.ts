// The fuzzer's requests: for each route, its valid example (examples.ts) with one thing mutated
// — a path parameter, a query field, a body field (nested ones too), the body as a whole or
// the token — drawn by a seeded PRNG, so that a run is reproducible from its seed. The cases
// the issue names (deep JSON, NUL, lone surrogates, year 0000) are always included; `count`
// more are drawn at random.
import type { RouteSpec } from '@kici/contracts';
import { BODIES, PARAMS, QUERIES, ROUTE_PARAMS } from './examples.js';

/** mulberry32: small, fast and deterministic. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const nest = (depth: number, leaf: string) => '['.repeat(depth) + leaf + ']'.repeat(depth);
const nestObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Edge values by name: the name is what a failure report mentions. */
export const EDGE_VALUES: Record<string, unknown> = {
  'empty-string': '',
  space: ' ',
  huge: 'x'.repeat(200_000),
  nul: 'a\u0000b',
  'nul-only': '\u0000',
  'lone-high-surrogate': 'a\ud800b',
  'lone-low-surrogate': '\udfff',
  emoji: '😀',
  'rtl-override': '\u202e',
  newline: 'a\nb',
  traversal: '../../etc/passwd',
  'percent-nul': '%00',
  'sql-quote': "'; drop table secrets; --",
  'glob-star': '**',
  'year-zero': '0000-01-01T00:00:00Z',
  'year-far': '275760-09-13T00:00:00Z',
  'bad-date': '2020-13-45T25:61:61Z',
  'number-zero': 0,
  'number-negative': -1,
  'number-huge': 1e308,
  'number-unsafe': 2 ** 63,
  'number-fraction': 0.5,
  true: true,
  null: null,
  'empty-array': [],
  'empty-object': {},
  'array-of-strings': ['a', 'b'],
  'object-nested': { a: { b: [1, 2, 3] } },
  'deep-array': JSON.parse(nest(2000, '1')),
  'deep-object': JSON.parse(nestObject(2000)),
};

/** Values a URL can carry (path and query are text). */
const TEXT_EDGES = Object.entries(EDGE_VALUES).filter(([, value]) => typeof value === 'string');

/** A request to send: method, path with query, headers and body, named by its mutation. */
export interface FuzzRequest {
  readonly route: string;
  readonly mutation: string;
  readonly method: string;
  readonly url: string;
  readonly token: 'valid' | 'bad' | 'none';
  /** Raw body text (JSON or not); undefined sends none. */
  readonly body?: string | Uint8Array;
}

/** encodeURIComponent, except that a lone surrogate is sent as its (invalid) UTF-8 bytes. */
function encode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}

/** The field names a valibot object schema declares (its `entries`), if it is one. */
const schemaFields = (schema: unknown): string[] =>
  Object.keys((schema as { entries?: Record<string, unknown> } | undefined)?.entries ?? {});

/** Every path into a JSON value (objects and arrays, two levels below the top). */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  const paths: string[][] = prefix.length > 0 ? [prefix] : [];
  if (value === null || typeof value !== 'object' || prefix.length >= 2) return paths;
  for (const [key, child] of Object.entries(value))
    paths.push(...leafPaths(child, [...prefix, key]));
  return paths;
}

function setAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  (copy as Record<string, unknown>)[head] = setAt(
    (value as Record<string, unknown> | undefined)?.[head],
    rest,
    replacement,
  );
  return copy;
}

interface Parts {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** A route's valid example. */
export function exampleOf(name: string, spec: RouteSpec): Parts {
  const params = Object.fromEntries(
    [...spec.path.matchAll(/:([A-Za-z]+)/g)].map(([, param = '']) => [
      param,
      ROUTE_PARAMS[name]?.[param] ?? PARAMS[param] ?? 'x',
    ]),
  );
  return {
    params,
    query: { ...(QUERIES[name] ?? {}) },
    body: spec.body ? (BODIES[name] ?? {}) : undefined,
  };
}

function build(
  name: string,
  spec: RouteSpec,
  mutation: string,
  parts: Parts,
  extra: { token?: FuzzRequest['token']; rawBody?: string | Uint8Array; noBody?: boolean } = {},
): FuzzRequest {
  const path = spec.path.replace(/:([A-Za-z]+)/g, (_, param: string) =>
    encode(parts.params[param] ?? ''),
  );
  const search = Object.entries(parts.query)
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
  const body = extra.noBody
    ? undefined
    : (extra.rawBody ?? (parts.body === undefined ? undefined : JSON.stringify(parts.body)));
  return {
    route: name,
    mutation,
    method: spec.method,
    url: search ? `${path}?${search}` : path,
    token: extra.token ?? 'valid',
    ...(body === undefined ? {} : { body }),
  };
}

/** Every mutation a route admits, the named cases first (always sent). */
function candidates(name: string, spec: RouteSpec) {
  const example = exampleOf(name, spec);
  const must: FuzzRequest[] = [];
  const rest: FuzzRequest[] = [];
  const named = new Set([
    'nul',
    'lone-high-surrogate',
    'lone-low-surrogate',
    'year-zero',
    'deep-array',
    'deep-object',
  ]);
  const add = (request: FuzzRequest, edge?: string) =>
    (edge === undefined || named.has(edge) ? must : rest).push(request);

  for (const param of Object.keys(example.params)) {
    for (const [edge, value] of TEXT_EDGES) {
      const params = { ...example.params, [param]: value as string };
      add(build(name, spec, `param.${param}=${edge}`, { ...example, params }), edge);
    }
  }
  const queryFields = new Set([...Object.keys(example.query), ...schemaFields(spec.query)]);
  for (const field of [...queryFields, 'unexpected']) {
    for (const [edge, value] of TEXT_EDGES) {
      const query = { ...example.query, [field]: value as string };
      add(build(name, spec, `query.${field}=${edge}`, { ...example, query }), edge);
    }
  }
  if (spec.body) {
    const fields = leafPaths(example.body).map((path) => path.join('.'));
    for (const field of schemaFields(spec.body)) if (!fields.includes(field)) fields.push(field);
    for (const field of [...fields, 'unexpected']) {
      for (const [edge, value] of Object.entries(EDGE_VALUES)) {
        const body = setAt(example.body, field.split('.'), value);
        add(build(name, spec, `body.${field}=${edge}`, { ...example, body }), edge);
      }
    }
    add(build(name, spec, 'body=deep-array', example, { rawBody: nest(2000, '1') }));
    add(build(name, spec, 'body=deep-object', example, { rawBody: nestObject(2000) }));
    add(build(name, spec, 'body=empty', example, { rawBody: '' }));
    add(build(name, spec, 'body=none', example, { noBody: true }));
    add(build(name, spec, 'body=invalid-json', example, { rawBody: '{"value": ' }));
    add(build(name, spec, 'body=not-an-object', example, { rawBody: '"text"' }));
    add(
      build(name, spec, 'body=invalid-utf8', example, {
        rawBody: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      }),
    );
  }
  add(build(name, spec, 'token=bad', example, { token: 'bad' }));
  add(build(name, spec, 'token=none', example, { token: 'none' }));
  rest.push(build(name, spec, 'valid', example));
  return { must, rest };
}

/** A route's requests: the named cases, then `count` drawn from the rest by `random`. */
export function requestsFor(
  name: string,
  spec: RouteSpec,
  random: () => number,
  count: number,
): FuzzRequest[] {
  const { must, rest } = candidates(name, spec);
  const drawn: FuzzRequest[] = [];
  for (let i = 0; i < count && rest.length > 0; i++) {
    drawn.push(rest.splice(Math.floor(random() * rest.length), 1)[0] as FuzzRequest);
  }
  return [...must, ...drawn];
}
