import type { Actor } from '../kernel/actor.js';
import type { AuditQuery, AuditRecord } from './port.js';

export interface KeyTrailDeps {
  readonly audit: { query(actor: Actor, query: AuditQuery): Promise<AuditRecord[]> };
}

/**
 * One key's audit trail, newest first: the audited `audit.query` filtered by the scope (as
 * GET /audit?contextName= does), the org and the key its rows name in metadata. Secret rows
 * carry the key in metadata and never a value.
 */
export function keyAuditTrail(
  { audit }: KeyTrailDeps,
  actor: Actor,
  address: { orgId: string; scope: string; key: string },
  limit = 100,
): Promise<AuditRecord[]> {
  return audit.query(actor, {
    contextName: address.scope,
    orgId: address.orgId,
    key: address.key,
    limit,
    offset: 0,
  });
}
