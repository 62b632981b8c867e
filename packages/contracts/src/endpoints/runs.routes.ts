import {
  ADMIN_API_PREFIX,
  AGENT_API_PREFIX,
  INTERNAL_API_PREFIX,
  type RouteTable,
} from '../route-spec.js';
import {
  CancelRunResponseSchema,
  CompleteRunResponseSchema,
  CreateRunBodySchema,
  CreateRunResponseSchema,
  FinishJobBodySchema,
  FinishJobResponseSchema,
  ListRunsQuerySchema,
  ListRunsResponseSchema,
  OutputParamsSchema,
  RunDetailSchema,
  RunJobParamsSchema,
  RunParamsSchema,
  SetOutputBodySchema,
  SetOutputResponseSchema,
} from './runs.js';

const A = ADMIN_API_PREFIX;
const I = INTERNAL_API_PREFIX;

/** Operators: `kici-admin run list|show|cancel`. */
export const runRoutes = {
  'runs.list': {
    method: 'GET',
    path: `${A}/runs`,
    permission: 'run.read',
    query: ListRunsQuerySchema,
    response: ListRunsResponseSchema,
  },
  'runs.show': {
    method: 'GET',
    path: `${A}/runs/:runId`,
    permission: 'run.read',
    params: RunParamsSchema,
    response: RunDetailSchema,
  },
  'runs.cancel': {
    method: 'POST',
    path: `${A}/runs/:runId/cancel`,
    permission: 'run.cancel',
    params: RunParamsSchema,
    response: CancelRunResponseSchema,
  },
} as const satisfies RouteTable;

/** The dispatcher's run lifecycle (bearer: the dispatcher credential). */
export const internalRunRoutes = {
  'internal.createRun': {
    method: 'POST',
    path: `${I}/runs`,
    permission: null,
    body: CreateRunBodySchema,
    response: CreateRunResponseSchema,
  },
  'internal.finishJob': {
    method: 'POST',
    path: `${I}/runs/:runId/jobs/:jobId/finish`,
    permission: null,
    params: RunJobParamsSchema,
    body: FinishJobBodySchema,
    response: FinishJobResponseSchema,
  },
  'internal.completeRun': {
    method: 'POST',
    path: `${I}/runs/:runId/complete`,
    permission: null,
    params: RunParamsSchema,
    response: CompleteRunResponseSchema,
  },
} as const satisfies RouteTable;

/** An agent's endpoints (bearer: its job's credential, scoped to that run and job). */
export const agentRoutes = {
  'agent.setOutput': {
    method: 'PUT',
    path: `${AGENT_API_PREFIX}/runs/:runId/jobs/:jobId/outputs/:key`,
    permission: null,
    params: OutputParamsSchema,
    body: SetOutputBodySchema,
    response: SetOutputResponseSchema,
  },
} as const satisfies RouteTable;
