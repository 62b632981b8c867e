import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
import {
  CreateTokenBodySchema,
  CreateTokenResponseSchema,
  ListTokensResponseSchema,
  RevokeTokenResponseSchema,
  TokenParamsSchema,
  WhoamiResponseSchema,
} from './tokens.js';

const A = ADMIN_API_PREFIX;

/** Admin tokens: create, list, revoke; and who the caller's token is. */
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
  // Every role holds context.read: any valid token may ask who it is.
  whoami: {
    method: 'GET',
    path: `${A}/whoami`,
    permission: 'context.read',
    response: WhoamiResponseSchema,
  },
} as const satisfies RouteTable;
