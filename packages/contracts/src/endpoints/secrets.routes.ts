import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
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
} from './secrets.js';

const A = ADMIN_API_PREFIX;

/** The secrets of the built-in store: scopes, keys, set, delete, reveal. */
export const secretRoutes = {
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
} as const satisfies RouteTable;
