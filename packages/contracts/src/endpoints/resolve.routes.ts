import { ADMIN_API_PREFIX, INTERNAL_API_PREFIX, type RouteTable } from '../route-spec.js';
import { internalDeliveryRoutes } from './deliveries.routes.js';
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
} from './resolve.js';
import { internalRunRoutes } from './runs.routes.js';

const A = ADMIN_API_PREFIX;
const I = INTERNAL_API_PREFIX;

/** Resolution as operators see it (`kici-admin resolve`). */
export const resolveRoutes = {
  'resolve.explain': {
    method: 'GET',
    path: `${A}/resolve`,
    permission: 'secret.read',
    query: ExplainResolutionQuerySchema,
    response: ExplainResolutionResponseSchema,
  },
} as const satisfies RouteTable;

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
  ...internalRunRoutes,
  ...internalDeliveryRoutes,
} as const satisfies RouteTable;
