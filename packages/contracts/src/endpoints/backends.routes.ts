import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
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
} from './backends.js';
import { SecretParamsSchema } from './secrets.js';

const A = ADMIN_API_PREFIX;

/** Registered secret backends, and links of a key to a value in one. */
export const backendRoutes = {
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
    permission: 'context.create',
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
} as const satisfies RouteTable;
