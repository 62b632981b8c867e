import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
import { PolicyParamsSchema, PolicySchema, SetPolicyBodySchema } from './policy.js';

const A = ADMIN_API_PREFIX;

/** The dashboard-write policy. */
export const policyRoutes = {
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
} as const satisfies RouteTable;
