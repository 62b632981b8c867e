import { AuditQuerySchema } from '../audit-query.js';
import { ADMIN_API_PREFIX, type RouteTable } from '../route-spec.js';
import { AuditResponseSchema } from './audit.js';

const A = ADMIN_API_PREFIX;

/** The audit log. */
export const auditRoutes = {
  audit: {
    method: 'GET',
    path: `${A}/audit`,
    permission: 'audit.read',
    query: AuditQuerySchema,
    response: AuditResponseSchema,
  },
} as const satisfies RouteTable;
