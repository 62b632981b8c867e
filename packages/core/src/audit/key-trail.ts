import type { Actor } from '../kernel/actor.js';
import type { AuditQuery, AuditRecord } from './port.js';

export interface KeyTrailDeps {
  readonly audit: { query(actor: Actor, query: AuditQuery): Promise<AuditRecord[]> };
}

/** Rows read per audit query, and how many pages of a scope's rows a trail looks through. */
const PAGE = 1000;
const MAX_PAGES = 10;

/**
 * One key's audit trail, newest first: the audited `audit.query` filtered by the scope (as
 * GET /audit?contextName= does), keeping the rows of this org whose metadata names the key.
 * Secret rows carry the key in metadata and never a value.
 */
export async function keyAuditTrail(
  { audit }: KeyTrailDeps,
  actor: Actor,
  address: { orgId: string; scope: string; key: string },
  limit = 100,
): Promise<AuditRecord[]> {
  const trail: AuditRecord[] = [];
  // Each query appends its own row under this scope, shifting later pages by one: skip repeats.
  const seen = new Set<number>();
  for (let page = 0; page < MAX_PAGES && trail.length < limit; page++) {
    const rows = await audit.query(actor, {
      contextName: address.scope,
      limit: PAGE,
      offset: page * PAGE,
    });
    for (const row of rows)
      if (row.orgId === address.orgId && row.metadata.key === address.key && !seen.has(row.id)) {
        seen.add(row.id);
        trail.push(row);
      }
    if (rows.length < PAGE) break;
  }
  return trail.slice(0, limit);
}
