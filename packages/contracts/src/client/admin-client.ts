import type { AuditQueryInput } from '../audit-query.js';
import { ApiError } from '../errors.js';
import type { JsonValue } from '../json.js';
import { type RouteInput, type RouteName, type RouteResponse, routes } from '../routes.js';
import { type CallInput, send, type TransportConfig } from './transport.js';
import { parseBaseUrl } from './url.js';

export const DEFAULT_TIMEOUT_MS = 30_000;

export interface AdminClientOptions {
  /** The orchestrator's URL, e.g. `http://localhost:4000` (KICI_ADMIN_URL). */
  readonly baseUrl: string;
  /** The admin token (KICI_ADMIN_TOKEN). Only healthz and readyz work without one. */
  readonly token?: string | undefined;
  /** Defaults to the global fetch. */
  readonly fetch?: typeof fetch | undefined;
  /** Per request, including reading the answer. Default 30 000. */
  readonly timeoutMs?: number | undefined;
}

type Answer<K extends RouteName> = Promise<RouteResponse<K>>;

/** The admin API, one method per route. Every method rejects with ApiError only. */
export interface AdminClient {
  readonly secrets: {
    scopes(orgId: string): Answer<'secrets.scopes'>;
    keys(orgId: string, scope: string): Answer<'secrets.keys'>;
    set(orgId: string, scope: string, key: string, value: string): Answer<'secrets.set'>;
    delete(orgId: string, scope: string, key: string): Answer<'secrets.delete'>;
    reveal(orgId: string, scope: string, key: string): Answer<'secrets.reveal'>;
  };
  readonly tokens: {
    create(input: RouteInput<'tokens.create', 'body'>): Answer<'tokens.create'>;
    list(): Answer<'tokens.list'>;
    revoke(id: string): Answer<'tokens.revoke'>;
  };
  rotateKey(): Answer<'rotateKey'>;
  audit(query?: AuditQueryInput): Answer<'audit'>;
  readonly config: {
    list(): Answer<'config.list'>;
    get(key: string): Answer<'config.get'>;
    set(key: string, value: JsonValue): Answer<'config.set'>;
    history(key: string): Answer<'config.history'>;
    rollback(key: string, version: number): Answer<'config.rollback'>;
  };
  healthz(): Answer<'healthz'>;
  readyz(): Answer<'readyz'>;
}

function transportConfig(options: AdminClientOptions): TransportConfig {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1) {
    throw new ApiError({
      status: 0,
      code: 'invalid_input',
      message: 'timeoutMs: expected a positive integer',
      field: 'timeoutMs',
    });
  }
  // A token with a line break or a space could split the header; say so without showing it.
  const { token } = options;
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
    throw new ApiError({
      status: 0,
      code: 'invalid_input',
      message: 'token: expected a non-empty token of printable ASCII characters, no spaces',
      field: 'token',
    });
  }
  return {
    base: parseBaseUrl(options.baseUrl),
    token,
    // Called unbound: a browser's fetch throws when called as a method of another object.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
  };
}

/** A typed client of the admin API. Throws ApiError (invalid_input) for bad options. */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const config = transportConfig(options);
  const call = <K extends RouteName>(name: K, input: CallInput = {}) =>
    send(config, routes[name], input) as Answer<K>;
  return {
    secrets: {
      scopes: (orgId) => call('secrets.scopes', { query: { orgId } }),
      keys: (orgId, scope) => call('secrets.keys', { query: { orgId, scope } }),
      set: (orgId, scope, key, value) =>
        call('secrets.set', { params: { orgId, scope, key }, body: { value } }),
      delete: (orgId, scope, key) => call('secrets.delete', { params: { orgId, scope, key } }),
      reveal: (orgId, scope, key) => call('secrets.reveal', { params: { orgId, scope, key } }),
    },
    tokens: {
      create: (input) => call('tokens.create', { body: input }),
      list: () => call('tokens.list'),
      revoke: (id) => call('tokens.revoke', { params: { id } }),
    },
    rotateKey: () => call('rotateKey'),
    audit: (query = {}) => call('audit', { query }),
    config: {
      list: () => call('config.list'),
      get: (key) => call('config.get', { params: { key } }),
      set: (key, value) => call('config.set', { params: { key }, body: { value } }),
      history: (key) => call('config.history', { params: { key } }),
      rollback: (key, version) => call('config.rollback', { params: { key }, body: { version } }),
    },
    healthz: () => call('healthz'),
    readyz: () => call('readyz'),
  };
}
