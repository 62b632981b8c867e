import type { Actor } from '../kernel/actor.js';
import { actorName } from '../kernel/actor.js';
import { notFound } from '../kernel/errors.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { NotificationQuery, NotificationRecord } from './port.js';
import { createNotificationSink, type NotificationSinkOptions } from './sink.js';

export interface NotificationServiceDeps {
  readonly store: Pick<Store, 'notifications' | 'audit'>;
  /** KICI_NOTIFY_WEBHOOK_URL and its secret, with the server's HTTP post; absent: no sink. */
  readonly sink?: NotificationSinkOptions | undefined;
}

/**
 * Notifications to an org's admins (access anomalies, rotation compliance): listed and polled
 * with `access_log.read`, acknowledged with `context.update`, and posted to the operator's
 * webhook sink by a periodic tick.
 */
export function createNotificationService({ store, sink }: NotificationServiceDeps) {
  const poster = sink ? createNotificationSink(store, sink) : undefined;
  return {
    async list(actor: Actor, query: NotificationQuery): Promise<NotificationRecord[]> {
      await authorize(store, actor, 'access_log.read', 'notification.list', {
        orgId: query.orgId,
      });
      return store.notifications.list(query);
    },

    /** `orgId`, when given, is the org the notification must belong to (else 404). */
    async acknowledge(actor: Actor, id: number, orgId?: string): Promise<NotificationRecord> {
      const context = { orgId: orgId ?? null, metadata: { id } };
      await authorize(store, actor, 'context.update', 'notification.ack', context);
      return failuresAudited(store, actor, 'notification.ack', context, async () => {
        const record = await store.notifications.acknowledge(orgId, id, actorName(actor));
        if (!record) throw notFound(`Notification ${id}${orgId ? ` of org ${orgId}` : ''}`);
        await store.audit.append(
          auditEntry(actor, 'notification.ack', 'success', { ...context, orgId: record.orgId }),
        );
        return record;
      });
    },

    /** One sink tick: how many notifications were posted (0 when no sink is configured). */
    async sinkTick(): Promise<number> {
      return poster ? poster.tick() : 0;
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
