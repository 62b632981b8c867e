import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
import {
  DeleteVariableResponseSchema,
  ListVariablesQuerySchema,
  ListVariablesResponseSchema,
  SetVariableBodySchema,
  SetVariableResponseSchema,
  VariableParamsSchema,
} from './variables.js';

const A = ADMIN_API_PREFIX;

/** Plain-text variables. */
export const variableRoutes = {
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
} as const satisfies RouteTable;
