import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
import {
  ConfigHistoryResponseSchema,
  ConfigParamsSchema,
  GetConfigResponseSchema,
  ListConfigResponseSchema,
  RollbackConfigBodySchema,
  RollbackConfigResponseSchema,
  SetConfigBodySchema,
  SetConfigResponseSchema,
  UnsetConfigResponseSchema,
} from './config.js';

const A = ADMIN_API_PREFIX;

/** Versioned config keys. */
export const configRoutes = {
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
  'config.unset': {
    method: 'DELETE',
    path: `${A}/config/:key`,
    permission: 'context.update',
    params: ConfigParamsSchema,
    response: UnsetConfigResponseSchema,
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
} as const satisfies RouteTable;
