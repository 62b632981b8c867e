import {
  DELIVERY_LIST_DEFAULT_LIMIT,
  DELIVERY_LIST_MAX_LIMIT,
  DELIVERY_STATUSES,
  type DeliveryStatus,
} from '@kici/contracts/vocabulary';
import { can } from '@kici/rbac';
import type { Actor } from '../kernel/actor.js';
import { conflict, invalidInput, notFound } from '../kernel/errors.js';
import { auditEntry, authorize, failuresAudited } from '../kernel/guard.js';
import type { Store } from '../store.js';
import type { DeliveryAttempt, DeliveryRecord } from './port.js';

export interface DeliveryQuery {
  readonly orgId: string;
  readonly projectKey?: string | undefined;
  readonly extensionId?: string | undefined;
  readonly status?: DeliveryStatus | undefined;
  readonly limit?: number | undefined;
}

export interface DeliveryDetail extends DeliveryRecord {
  readonly attemptLog: DeliveryAttempt[];
  /** The event's payload: only for an actor with `event_log.read_payload`. */
  readonly eventPayload?: unknown;
}

export interface DeliveryViewsDeps {
  readonly store: Pick<Store, 'deliveries' | 'audit'>;
  readonly onEnqueued: () => void;
}

/** Strips the payload from a stored row. */
export function recordOf<T extends DeliveryRecord>(row: T): DeliveryRecord {
  const {
    payload: _payload,
    lockedBy: _by,
    lockedUntil: _until,
    ...record
  } = row as T & {
    payload?: unknown;
    lockedBy?: unknown;
    lockedUntil?: unknown;
  };
  return record;
}

/** Listing, showing and retrying deliveries: metadata, attempts, never a secret. */
export function createDeliveryViews({ store, onEnqueued }: DeliveryViewsDeps) {
  return {
    async list(actor: Actor, query: DeliveryQuery): Promise<DeliveryRecord[]> {
      const context = { orgId: query.orgId, metadata: {} };
      await authorize(store, actor, 'event_log.read', 'ext.delivery.list', context);
      const limit = query.limit ?? DELIVERY_LIST_DEFAULT_LIMIT;
      if (!Number.isInteger(limit) || limit < 1 || limit > DELIVERY_LIST_MAX_LIMIT) {
        throw invalidInput('limit', `expected an integer from 1 to ${DELIVERY_LIST_MAX_LIMIT}`);
      }
      if (query.status !== undefined && !DELIVERY_STATUSES.includes(query.status)) {
        throw invalidInput('status', `expected ${DELIVERY_STATUSES.join(', ')}`);
      }
      const rows = await store.deliveries.list({ ...query, limit });
      return rows.map(recordOf);
    },

    async show(actor: Actor, id: string): Promise<DeliveryDetail> {
      const context = { metadata: { delivery: id } };
      await authorize(store, actor, 'event_log.read', 'ext.delivery.show', context);
      const row = await failuresAudited(store, actor, 'ext.delivery.show', context, async () => {
        const found = await store.deliveries.find(id);
        if (!found) throw notFound(`Delivery ${id}`);
        return found;
      });
      const attemptLog = await store.deliveries.attempts(id);
      const withPayload = can(actor.role, 'event_log.read_payload');
      return {
        ...recordOf(row),
        attemptLog,
        ...(withPayload ? { eventPayload: row.payload } : {}),
      };
    },

    /** A failed delivery goes back to pending with its attempts reset; otherwise 409. */
    async retry(actor: Actor, id: string): Promise<DeliveryRecord> {
      const context = { metadata: { delivery: id } };
      await authorize(store, actor, 'event_dlq.manage', 'ext.delivery.retry', context);
      const record = await failuresAudited(
        store,
        actor,
        'ext.delivery.retry',
        context,
        async () => {
          const found = await store.deliveries.find(id);
          if (!found) throw notFound(`Delivery ${id}`);
          const requeued = await store.deliveries.requeue(id);
          if (!requeued) {
            throw conflict(
              `Delivery ${id} is ${found.status}: only a failed delivery can be retried`,
            );
          }
          return requeued;
        },
      );
      await store.audit.append(
        auditEntry(actor, 'ext.delivery.retry', 'success', {
          orgId: record.orgId,
          metadata: { delivery: id },
        }),
      );
      onEnqueued();
      return recordOf(record);
    },
  };
}
