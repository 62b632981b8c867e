import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
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
} from './environments.js';

const A = ADMIN_API_PREFIX;

/** Environments: their scope bindings and protection rules. */
export const environmentRoutes = {
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
} as const satisfies RouteTable;
