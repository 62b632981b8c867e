import {
  type AccessSource,
  DEFAULT_ACCESS_ALERT_READS,
  DEFAULT_ACCESS_ALERT_WINDOW_MINUTES,
} from '@kici/contracts/vocabulary';
import type { ExtensionSecretWrite } from '../extensions/port.js';
import type { Actor } from '../kernel/actor.js';
import { auditEntry, authorize } from '../kernel/guard.js';
import type { Repositories, Store } from '../store.js';
import type { AccessLogQuery, AccessLogRow, ReadIncrement } from './port.js';
import { crossed, windowStart } from './window.js';

/** One key a delivery resolved and sent: one read of the secret that supplied it. */
export interface AccessRead {
  readonly orgId: string;
  /** The pg scope that supplied the key (`pg:__ext__/…`). */
  readonly scope: string;
  readonly key: string;
  readonly actor: string;
  readonly deliveryId?: string | undefined;
  readonly source: 'delivery';
}

/** A pg scope as the API shows it: `{ scope, id }` of the extension store. */
export type ScopeView = (pgScope: string, orgId: string) => { scope: string; id: string };

export interface AccessLogDeps {
  readonly store: Pick<Store, 'accessLog' | 'audit'>;
  /** KICI_ACCESS_ALERT_READS: more reads than this in one window raise a notification. */
  readonly alertReads?: number | undefined;
  /** KICI_ACCESS_ALERT_WINDOW_MINUTES. */
  readonly windowMinutes?: number | undefined;
  readonly now?: (() => Date) | undefined;
  readonly scopeView: ScopeView;
}

/** A read count that crossed the threshold in this window. */
const anomalyKey = (read: ReadIncrement, start: Date) =>
  `access_anomaly:${read.scope}:${read.key}:${start.toISOString()}`;

/**
 * The access log of extension secrets: every write (in the write's transaction, through the
 * `afterWrite` hook), every read of a delivery (in its completion transaction), and the
 * anomaly alert: more than `alertReads` reads of one key in one window raise ONE
 * notification, counted in PostgreSQL and deduplicated by a unique key.
 */
export function createAccessLogService(deps: AccessLogDeps) {
  const { store, scopeView } = deps;
  const threshold = deps.alertReads ?? DEFAULT_ACCESS_ALERT_READS;
  const minutes = deps.windowMinutes ?? DEFAULT_ACCESS_ALERT_WINDOW_MINUTES;
  const now = deps.now ?? (() => new Date());

  return {
    /** The `afterWrite` hook: one row per write, in the write's transaction. */
    async recordWrites(
      tx: Repositories,
      writes: readonly ExtensionSecretWrite[],
      actor: string,
      source: AccessSource,
    ): Promise<void> {
      if (writes.length === 0) return;
      await tx.accessLog.append(
        writes.map((write) => ({
          orgId: write.orgId,
          scope: write.scope,
          key: write.key,
          action: write.action,
          source,
          actor,
          deliveryId: null,
        })),
      );
    },

    /**
     * A delivery's reads, inside its completion transaction: ONE statement logs them and raises
     * each secret's window counter; a notification for each count that crossed the threshold.
     */
    async recordReads(tx: Repositories, reads: readonly AccessRead[]): Promise<void> {
      if (reads.length === 0) return;
      const rows: AccessLogRow[] = reads.map((read) => ({
        orgId: read.orgId,
        scope: read.scope,
        key: read.key,
        action: 'read',
        source: read.source,
        actor: read.actor,
        deliveryId: read.deliveryId ?? null,
      }));
      const added = new Map<string, number>();
      const idOf = (read: Omit<ReadIncrement, 'reads'>) =>
        JSON.stringify([read.orgId, read.scope, read.key]);
      for (const read of reads) added.set(idOf(read), (added.get(idOf(read)) ?? 0) + 1);
      const start = windowStart(now(), minutes);
      for (const counted of await tx.accessLog.logReads(start, rows)) {
        const increment = { ...counted, reads: added.get(idOf(counted)) ?? 0 };
        const after = counted.reads;
        if (!crossed(after, increment.reads, threshold)) continue;
        await tx.notifications.raise({
          orgId: increment.orgId,
          kind: 'access_anomaly',
          priority: 'high',
          dedupeKey: anomalyKey(increment, start),
          title: `More than ${threshold} reads of ${increment.key} within ${minutes} minutes`,
          details: {
            key: increment.key,
            scope: scopeView(increment.scope, increment.orgId),
            reads: after,
            threshold,
            window_start: start.toISOString(),
            window_minutes: minutes,
          },
        });
      }
    },

    /** Newest first; `access_log.read`. The query itself is audited. */
    async query(actor: Actor, query: AccessLogQuery) {
      const context = {
        orgId: query.orgId,
        metadata: {
          key: query.key ?? null,
          action: query.action ?? null,
          source: query.source ?? null,
          limit: query.limit,
        },
      };
      await authorize(store, actor, 'access_log.read', 'ext.access_log.query', context);
      const rows = await store.accessLog.query(query);
      await store.audit.append(auditEntry(actor, 'ext.access_log.query', 'success', context));
      return rows.map((row) => ({ ...row, scopeRef: scopeView(row.scope, row.orgId) }));
    },
  };
}

export type AccessLogService = ReturnType<typeof createAccessLogService>;
