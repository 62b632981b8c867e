import type * as v from 'valibot';
import { AuditQuerySchema } from './audit-query.js';
import { AuditResponseSchema } from './endpoints/audit.js';
import {
  AddBackendBodySchema,
  BackendInfoSchema,
  BackendParamsSchema,
  DiscoveredScopesResponseSchema,
  LinkSecretBodySchema,
  LinkSecretResponseSchema,
  ListBackendsResponseSchema,
  RemoveBackendResponseSchema,
  SyncBackendsBodySchema,
  SyncBackendsResponseSchema,
  TestBackendBodySchema,
  TestBackendResponseSchema,
} from './endpoints/backends.js';
import {
  ConfigHistoryResponseSchema,
  ConfigParamsSchema,
  GetConfigResponseSchema,
  ListConfigResponseSchema,
  RollbackConfigBodySchema,
  RollbackConfigResponseSchema,
  SetConfigBodySchema,
  SetConfigResponseSchema,
} from './endpoints/config.js';
import {
  BindingParamsSchema,
  BindScopeBodySchema,
  CreateEnvironmentBodySchema,
  DeleteEnvironmentResponseSchema,
  EnvironmentParamsSchema,
  EnvironmentSchema,
  ListEnvironmentsQuerySchema,
  ListEnvironmentsResponseSchema,
  OrgParamsSchema,
  SetEnvironmentPolicyBodySchema,
} from './endpoints/environments.js';
import { PolicyParamsSchema, PolicySchema, SetPolicyBodySchema } from './endpoints/policy.js';
import {
  ExplainResolutionQuerySchema,
  ExplainResolutionResponseSchema,
  ResolveJobBodySchema,
  ResolveJobResponseSchema,
  ResolveTestRunBodySchema,
  ResolveTestRunResponseSchema,
  RunKeyBodySchema,
  RunKeyParamsSchema,
  RunKeyResponseSchema,
} from './endpoints/resolve.js';
import {
  DeleteSecretResponseSchema,
  ListKeysQuerySchema,
  ListKeysResponseSchema,
  ListScopesQuerySchema,
  ListScopesResponseSchema,
  RevealSecretResponseSchema,
  SecretParamsSchema,
  SetSecretBodySchema,
  SetSecretResponseSchema,
} from './endpoints/secrets.js';
import {
  HealthzResponseSchema,
  ReadyzResponseSchema,
  RotateKeyResponseSchema,
} from './endpoints/system.js';
import {
  CreateTokenBodySchema,
  CreateTokenResponseSchema,
  ListTokensResponseSchema,
  RevokeTokenResponseSchema,
  TokenParamsSchema,
} from './endpoints/tokens.js';
import {
  DeleteVariableResponseSchema,
  ListVariablesQuerySchema,
  ListVariablesResponseSchema,
  SetVariableBodySchema,
  SetVariableResponseSchema,
  VariableParamsSchema,
} from './endpoints/variables.js';

export const ADMIN_API_PREFIX = '/api/v1/admin';
/** The dispatcher's endpoints, authenticated by the dispatcher credential, not an admin token. */
export const INTERNAL_API_PREFIX = '/internal/v1';

/** The permissions (of @kici/rbac) the admin routes require. */
export type RoutePermission =
  | 'secret.read'
  | 'secret.write'
  | 'secret.delete'
  | 'secret.reveal'
  | 'token.manage'
  | 'key.rotate'
  | 'audit.read'
  | 'context.read'
  | 'context.create'
  | 'context.update'
  | 'context.delete';

export interface RouteSpec {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Hono-style template: `:name` is a path parameter, percent-encoded by the client. */
  readonly path: string;
  /** The one permission checked; null for the public probes, which take no token. */
  readonly permission: RoutePermission | null;
  readonly params?: v.GenericSchema;
  readonly query?: v.GenericSchema;
  readonly body?: v.GenericSchema;
  readonly response: v.GenericSchema;
  /** Non-2xx statuses whose body is still `response` (readyz answers 503 when not ready). */
  readonly alsoAnswersWith?: readonly number[];
}

const A = ADMIN_API_PREFIX;

/**
 * Every endpoint: the server mounts these and validates with them, the client calls them.
 * The key of each entry is the client method's name.
 */
export const routes = {
  'secrets.scopes': {
    method: 'GET',
    path: `${A}/secrets/scopes`,
    permission: 'secret.read',
    query: ListScopesQuerySchema,
    response: ListScopesResponseSchema,
  },
  'secrets.keys': {
    method: 'GET',
    path: `${A}/secrets/keys`,
    permission: 'secret.read',
    query: ListKeysQuerySchema,
    response: ListKeysResponseSchema,
  },
  'secrets.set': {
    method: 'PUT',
    path: `${A}/secrets/:orgId/:scope/:key`,
    permission: 'secret.write',
    params: SecretParamsSchema,
    body: SetSecretBodySchema,
    response: SetSecretResponseSchema,
  },
  'secrets.delete': {
    method: 'DELETE',
    path: `${A}/secrets/:orgId/:scope/:key`,
    permission: 'secret.delete',
    params: SecretParamsSchema,
    response: DeleteSecretResponseSchema,
  },
  'secrets.reveal': {
    method: 'POST',
    path: `${A}/secrets/:orgId/:scope/:key/reveal`,
    permission: 'secret.reveal',
    params: SecretParamsSchema,
    response: RevealSecretResponseSchema,
  },
  'tokens.create': {
    method: 'POST',
    path: `${A}/tokens`,
    permission: 'token.manage',
    body: CreateTokenBodySchema,
    response: CreateTokenResponseSchema,
  },
  'tokens.list': {
    method: 'GET',
    path: `${A}/tokens`,
    permission: 'token.manage',
    response: ListTokensResponseSchema,
  },
  'tokens.revoke': {
    method: 'DELETE',
    path: `${A}/tokens/:id`,
    permission: 'token.manage',
    params: TokenParamsSchema,
    response: RevokeTokenResponseSchema,
  },
  rotateKey: {
    method: 'POST',
    path: `${A}/rotate-key`,
    permission: 'key.rotate',
    response: RotateKeyResponseSchema,
  },
  audit: {
    method: 'GET',
    path: `${A}/audit`,
    permission: 'audit.read',
    query: AuditQuerySchema,
    response: AuditResponseSchema,
  },
  'config.list': {
    method: 'GET',
    path: `${A}/config`,
    permission: 'context.read',
    response: ListConfigResponseSchema,
  },
  'config.get': {
    method: 'GET',
    path: `${A}/config/:key`,
    permission: 'context.read',
    params: ConfigParamsSchema,
    response: GetConfigResponseSchema,
  },
  'config.set': {
    method: 'PUT',
    path: `${A}/config/:key`,
    permission: 'context.update',
    params: ConfigParamsSchema,
    body: SetConfigBodySchema,
    response: SetConfigResponseSchema,
  },
  'config.history': {
    method: 'GET',
    path: `${A}/config/:key/history`,
    permission: 'context.read',
    params: ConfigParamsSchema,
    response: ConfigHistoryResponseSchema,
  },
  'config.rollback': {
    method: 'POST',
    path: `${A}/config/:key/rollback`,
    permission: 'context.update',
    params: ConfigParamsSchema,
    body: RollbackConfigBodySchema,
    response: RollbackConfigResponseSchema,
  },
  'secrets.link': {
    method: 'PUT',
    path: `${A}/secrets/:orgId/:scope/:key/link`,
    permission: 'secret.write',
    params: SecretParamsSchema,
    body: LinkSecretBodySchema,
    response: LinkSecretResponseSchema,
  },
  'backends.add': {
    method: 'POST',
    path: `${A}/backends`,
    permission: 'context.create',
    body: AddBackendBodySchema,
    response: BackendInfoSchema,
  },
  'backends.list': {
    method: 'GET',
    path: `${A}/backends`,
    permission: 'context.read',
    response: ListBackendsResponseSchema,
  },
  'backends.sync': {
    method: 'POST',
    path: `${A}/backends/sync`,
    permission: 'context.update',
    body: SyncBackendsBodySchema,
    response: SyncBackendsResponseSchema,
  },
  'backends.test': {
    method: 'POST',
    path: `${A}/backends/test`,
    permission: 'context.read',
    body: TestBackendBodySchema,
    response: TestBackendResponseSchema,
  },
  'backends.remove': {
    method: 'DELETE',
    path: `${A}/backends/:name`,
    permission: 'context.delete',
    params: BackendParamsSchema,
    response: RemoveBackendResponseSchema,
  },
  'backends.scopes': {
    method: 'GET',
    path: `${A}/backends/:name/scopes`,
    permission: 'context.read',
    params: BackendParamsSchema,
    response: DiscoveredScopesResponseSchema,
  },
  'environments.list': {
    method: 'GET',
    path: `${A}/environments`,
    permission: 'context.read',
    query: ListEnvironmentsQuerySchema,
    response: ListEnvironmentsResponseSchema,
  },
  'environments.show': {
    method: 'GET',
    path: `${A}/environments/:orgId/:name`,
    permission: 'context.read',
    params: EnvironmentParamsSchema,
    response: EnvironmentSchema,
  },
  'environments.create': {
    method: 'POST',
    path: `${A}/environments/:orgId`,
    permission: 'context.create',
    params: OrgParamsSchema,
    body: CreateEnvironmentBodySchema,
    response: EnvironmentSchema,
  },
  'environments.delete': {
    method: 'DELETE',
    path: `${A}/environments/:orgId/:name`,
    permission: 'context.delete',
    params: EnvironmentParamsSchema,
    response: DeleteEnvironmentResponseSchema,
  },
  'environments.bind': {
    method: 'POST',
    path: `${A}/environments/:orgId/:name/bindings`,
    permission: 'context.update',
    params: EnvironmentParamsSchema,
    body: BindScopeBodySchema,
    response: EnvironmentSchema,
  },
  'environments.unbind': {
    method: 'DELETE',
    path: `${A}/environments/:orgId/:name/bindings/:scope`,
    permission: 'context.update',
    params: BindingParamsSchema,
    response: EnvironmentSchema,
  },
  'environments.setPolicy': {
    method: 'PUT',
    path: `${A}/environments/:orgId/:name/policy`,
    permission: 'context.update',
    params: EnvironmentParamsSchema,
    body: SetEnvironmentPolicyBodySchema,
    response: EnvironmentSchema,
  },
  'policy.get': {
    method: 'GET',
    path: `${A}/policy`,
    permission: 'context.read',
    response: PolicySchema,
  },
  'policy.set': {
    method: 'PUT',
    path: `${A}/policy/:operation`,
    permission: 'context.update',
    params: PolicyParamsSchema,
    body: SetPolicyBodySchema,
    response: PolicySchema,
  },
  'resolve.explain': {
    method: 'GET',
    path: `${A}/resolve`,
    permission: 'secret.read',
    query: ExplainResolutionQuerySchema,
    response: ExplainResolutionResponseSchema,
  },
  'variables.set': {
    method: 'PUT',
    path: `${A}/variables/:orgId/:scope/:key`,
    permission: 'secret.write',
    params: VariableParamsSchema,
    body: SetVariableBodySchema,
    response: SetVariableResponseSchema,
  },
  'variables.list': {
    method: 'GET',
    path: `${A}/variables`,
    permission: 'secret.read',
    query: ListVariablesQuerySchema,
    response: ListVariablesResponseSchema,
  },
  'variables.delete': {
    method: 'DELETE',
    path: `${A}/variables/:orgId/:scope/:key`,
    permission: 'secret.delete',
    params: VariableParamsSchema,
    response: DeleteVariableResponseSchema,
  },
  healthz: {
    method: 'GET',
    path: '/healthz',
    permission: null,
    response: HealthzResponseSchema,
  },
  readyz: {
    method: 'GET',
    path: '/readyz',
    permission: null,
    response: ReadyzResponseSchema,
    alsoAnswersWith: [503],
  },
} as const satisfies Readonly<Record<string, RouteSpec>>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RoutePart = 'params' | 'query' | 'body' | 'response';

type SchemaOf<K extends RouteName, P extends RoutePart> = Routes[K] extends {
  readonly [X in P]: infer S extends v.GenericSchema;
}
  ? S
  : never;

/** What a route part accepts (`RouteInput<'secrets.set', 'body'>`); undefined if it has none. */
export type RouteInput<K extends RouteName, P extends RoutePart> = [SchemaOf<K, P>] extends [never]
  ? undefined
  : v.InferInput<SchemaOf<K, P>>;

/** What a route part is once validated (canonical scopes, Dates, defaults filled in). */
export type RouteOutput<K extends RouteName, P extends RoutePart> = [SchemaOf<K, P>] extends [never]
  ? undefined
  : v.InferOutput<SchemaOf<K, P>>;

/** The validated response of a route: what the client's method resolves to. */
export type RouteResponse<K extends RouteName> = RouteOutput<K, 'response'>;

const I = INTERNAL_API_PREFIX;

/** The dispatcher's endpoints (bearer: the dispatcher credential). */
export const internalRoutes = {
  'internal.resolve': {
    method: 'POST',
    path: `${I}/resolve`,
    permission: null,
    body: ResolveJobBodySchema,
    response: ResolveJobResponseSchema,
  },
  'internal.runKey': {
    method: 'POST',
    path: `${I}/runs/:runId/key`,
    permission: null,
    params: RunKeyParamsSchema,
    body: RunKeyBodySchema,
    response: RunKeyResponseSchema,
  },
  'internal.resolveTestRun': {
    method: 'POST',
    path: `${I}/test-runs/resolve`,
    permission: null,
    body: ResolveTestRunBodySchema,
    response: ResolveTestRunResponseSchema,
  },
} as const satisfies Record<string, RouteSpec>;
