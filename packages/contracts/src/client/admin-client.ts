import type { AuditQueryInput } from '../audit-query.js';
import { ApiError } from '../errors.js';
import type { JsonValue } from '../json.js';
import { type RouteInput, type RouteName, type RouteResponse, routes } from '../routes.js';
import { type DeliveriesClient, deliveriesClient } from './deliveries-client.js';
import { type ExtensionsClient, extensionsClient } from './extensions-client.js';
import { type MonitoringClient, monitoringClient } from './monitoring-client.js';
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
    link(
      orgId: string,
      scope: string,
      key: string,
      target: RouteInput<'secrets.link', 'body'>,
    ): Answer<'secrets.link'>;
  };
  readonly backends: {
    add(input: RouteInput<'backends.add', 'body'>): Answer<'backends.add'>;
    list(): Answer<'backends.list'>;
    sync(name?: string): Answer<'backends.sync'>;
    test(input: RouteInput<'backends.test', 'body'>): Answer<'backends.test'>;
    remove(name: string): Answer<'backends.remove'>;
    scopes(name: string): Answer<'backends.scopes'>;
  };
  readonly tokens: {
    create(input: RouteInput<'tokens.create', 'body'>): Answer<'tokens.create'>;
    list(): Answer<'tokens.list'>;
    revoke(id: string): Answer<'tokens.revoke'>;
  };
  readonly runs: {
    list(query?: RouteInput<'runs.list', 'query'>): Answer<'runs.list'>;
    show(runId: string): Answer<'runs.show'>;
    cancel(runId: string): Answer<'runs.cancel'>;
  };
  rotateKey(options?: RouteInput<'rotateKey', 'body'>): Answer<'rotateKey'>;
  /** The caller's token (label, role, surface) and the server's default org. */
  whoami(): Answer<'whoami'>;
  audit(query?: AuditQueryInput): Answer<'audit'>;
  readonly config: {
    list(): Answer<'config.list'>;
    get(key: string): Answer<'config.get'>;
    set(key: string, value: JsonValue): Answer<'config.set'>;
    unset(key: string): Answer<'config.unset'>;
    history(key: string): Answer<'config.history'>;
    rollback(key: string, version: number): Answer<'config.rollback'>;
  };
  readonly variables: {
    /** `locked` left out keeps the variable's current flag. */
    set(
      orgId: string,
      scope: string,
      key: string,
      value: string,
      options?: { readonly locked?: boolean | undefined },
    ): Answer<'variables.set'>;
    /** Every scope of the org without `scope`; values only with `values: true`. */
    list(
      orgId: string,
      options?: { readonly scope?: string | undefined; readonly values?: boolean | undefined },
    ): Answer<'variables.list'>;
    delete(orgId: string, scope: string, key: string): Answer<'variables.delete'>;
  };
  readonly environments: {
    list(orgId: string): Answer<'environments.list'>;
    show(orgId: string, name: string): Answer<'environments.show'>;
    create(
      orgId: string,
      input: RouteInput<'environments.create', 'body'>,
    ): Answer<'environments.create'>;
    delete(orgId: string, name: string): Answer<'environments.delete'>;
    bind(
      orgId: string,
      name: string,
      scope: string,
      position?: number,
    ): Answer<'environments.bind'>;
    unbind(orgId: string, name: string, scope: string): Answer<'environments.unbind'>;
    setPolicy(
      orgId: string,
      name: string,
      input: RouteInput<'environments.setPolicy', 'body'>,
    ): Answer<'environments.setPolicy'>;
  };
  readonly policy: {
    get(): Answer<'policy.get'>;
    set(operation: string, surfaces: readonly string[]): Answer<'policy.set'>;
  };
  /** Which gates pass and which scope supplies each key, without values. */
  explainResolution(query: RouteInput<'resolve.explain', 'query'>): Answer<'resolve.explain'>;
  /** The extension store (`/api/v1/extensions`): secrets of the five scopes, the model. */
  readonly extensions: ExtensionsClient;
  /** Deliveries to extensions: test invokes, the outbox, signing secrets. */
  readonly deliveries: DeliveriesClient;
  /** The extension store's access log, notifications and rotation compliance. */
  readonly monitoring: MonitoringClient;
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
      link: (orgId, scope, key, target) =>
        call('secrets.link', { params: { orgId, scope, key }, body: target }),
    },
    backends: {
      add: (input) => call('backends.add', { body: input }),
      list: () => call('backends.list'),
      sync: (name) => call('backends.sync', { body: name === undefined ? {} : { name } }),
      test: (input) => call('backends.test', { body: input }),
      remove: (name) => call('backends.remove', { params: { name } }),
      scopes: (name) => call('backends.scopes', { params: { name } }),
    },
    tokens: {
      create: (input) => call('tokens.create', { body: input }),
      list: () => call('tokens.list'),
      revoke: (id) => call('tokens.revoke', { params: { id } }),
    },
    runs: {
      list: (query = {}) => call('runs.list', { query }),
      show: (runId) => call('runs.show', { params: { runId } }),
      cancel: (runId) => call('runs.cancel', { params: { runId } }),
    },
    rotateKey: (options = {}) => call('rotateKey', { body: options }),
    whoami: () => call('whoami'),
    audit: (query = {}) => call('audit', { query }),
    config: {
      list: () => call('config.list'),
      get: (key) => call('config.get', { params: { key } }),
      set: (key, value) => call('config.set', { params: { key }, body: { value } }),
      unset: (key) => call('config.unset', { params: { key } }),
      history: (key) => call('config.history', { params: { key } }),
      rollback: (key, version) => call('config.rollback', { params: { key }, body: { version } }),
    },
    variables: {
      set: (orgId, scope, key, value, options = {}) =>
        call('variables.set', {
          params: { orgId, scope, key },
          body: options.locked === undefined ? { value } : { value, locked: options.locked },
        }),
      list: (orgId, options = {}) =>
        call('variables.list', {
          query: { orgId, scope: options.scope, values: options.values === true },
        }),
      delete: (orgId, scope, key) => call('variables.delete', { params: { orgId, scope, key } }),
    },
    environments: {
      list: (orgId) => call('environments.list', { query: { orgId } }),
      show: (orgId, name) => call('environments.show', { params: { orgId, name } }),
      create: (orgId, input) => call('environments.create', { params: { orgId }, body: input }),
      delete: (orgId, name) => call('environments.delete', { params: { orgId, name } }),
      bind: (orgId, name, scope, position) =>
        call('environments.bind', {
          params: { orgId, name },
          body: position === undefined ? { scope } : { scope, position },
        }),
      unbind: (orgId, name, scope) =>
        call('environments.unbind', { params: { orgId, name, scope } }),
      setPolicy: (orgId, name, input) =>
        call('environments.setPolicy', { params: { orgId, name }, body: input }),
    },
    policy: {
      get: () => call('policy.get'),
      set: (operation, surfaces) =>
        call('policy.set', { params: { operation }, body: { surfaces } }),
    },
    explainResolution: (query) => call('resolve.explain', { query }),
    extensions: extensionsClient(call),
    deliveries: deliveriesClient(call),
    monitoring: monitoringClient(call),
    healthz: () => call('healthz'),
    readyz: () => call('readyz'),
  };
}
