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
     * A delivery's reads, inside its completion transaction: one multi-row insert, one counter
     * upsert per secret, and a notification for each count that crossed the threshold.
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
      await tx.accessLog.append(rows);
      const grouped = new Map<string, ReadIncrement>();
      for (const read of reads) {
        const id = JSON.stringify([read.orgId, read.scope, read.key]);
        const seen = grouped.get(id);
        grouped.set(id, { ...read, reads: (seen?.reads ?? 0) + 1 });
      }
      // A stable order, so that concurrent transactions lock the counters in the same order.
      const increments = [...grouped.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, i]) => i);
      const start = windowStart(now(), minutes);
      const counts = await tx.accessLog.countReads(start, increments);
      for (const [index, increment] of increments.entries()) {
        const after = counts[index] ?? 0;
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
