import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
import {
  CreateTokenBodySchema,
  CreateTokenResponseSchema,
  ListTokensResponseSchema,
  RevokeTokenResponseSchema,
  TokenParamsSchema,
} from './tokens.js';

const A = ADMIN_API_PREFIX;

/** Admin tokens: create, list, revoke. */
export const tokenRoutes = {
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
} as const satisfies RouteTable;
