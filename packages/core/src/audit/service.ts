import type { Actor } from '../kernel/actor.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { AuditQuery, AuditRecord } from './port.js';

/** Reading the audit log; the read itself is recorded after the query, so it never lists itself. */
export function createAuditService({ store }: { store: Pick<Store, 'audit'> }) {
  return {
    async query(actor: Actor, query: AuditQuery): Promise<AuditRecord[]> {
      await authorize(store, actor, 'audit.read', 'audit.query');
      const entries = await store.audit.query(query);
      await store.audit.append(
        auditEntry(actor, 'audit.query', 'success', {
          contextName: query.contextName ?? null,
          metadata: {
            action: query.action ?? null,
            limit: query.limit,
            offset: query.offset,
            count: entries.length,
          },
        }),
      );
      return entries;
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
