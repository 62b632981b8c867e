import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
import {
  HealthzResponseSchema,
  ReadyzResponseSchema,
  RotateKeyBodySchema,
  RotateKeyResponseSchema,
} from './system.js';

const A = ADMIN_API_PREFIX;

/** Master key rotation. */
export const keyRoutes = {
  rotateKey: {
    method: 'POST',
    path: `${A}/rotate-key`,
    permission: 'key.rotate',
    body: RotateKeyBodySchema,
    response: RotateKeyResponseSchema,
  },
} as const satisfies RouteTable;

/** The public probes: no prefix, no token. */
export const probeRoutes = {
  healthz: {
    method: 'GET',
    path: '/healthz',
    permission: null,
    response: HealthzResponseSchema,
  },
  readyz: {
    method: 'GET',
    path: '/readyz',
    permission: null,
    response: ReadyzResponseSchema,
    alsoAnswersWith: [503],
  },
} as const satisfies RouteTable;
