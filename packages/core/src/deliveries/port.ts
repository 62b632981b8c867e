import type {
  AttemptOutcome,
  DeliveryKind,
  DeliveryStatus,
  ExtensionScope,
} from '@kici/contracts/vocabulary';
import type { InstallationRef } from '../extensions/port.js';

/** What the deliveries domain needs from storage: the outbox and its attempts. */

/** One delivery (an invocation or a rotation webhook) of an installation: never a secret. */
export interface DeliveryRecord {
  /** `msg_…`: the Standard Webhooks `webhook-id`, the same on every attempt. */
  readonly id: string;
  readonly orgId: string;
  readonly projectKey: string;
  readonly extensionId: string;
  readonly kind: DeliveryKind;
  readonly eventType: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly nextAttemptAt: Date;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly createdBy: string;
  readonly completedAt: Date | null;
}

/** A delivery with the event's own payload (as the dispatcher sent it). */
export interface DeliveryWithPayload extends DeliveryRecord {
  readonly payload: unknown;
}

export interface DeliveryAttempt {
  readonly attempt: number;
  readonly startedAt: Date;
  readonly latencyMs: number;
  /** The receiver's status; null when none came (timeout, refused, TLS, failed before sending). */
  readonly statusCode: number | null;
  readonly outcome: AttemptOutcome;
  readonly error: string | null;
}

export interface NewDelivery extends InstallationRef {
  readonly id: string;
  readonly kind: DeliveryKind;
  readonly eventType: string;
  readonly payload: unknown;
  readonly maxAttempts: number;
  readonly createdBy: string;
}

export interface DeliveryFilter {
  readonly orgId: string;
  readonly projectKey?: string | undefined;
  readonly extensionId?: string | undefined;
  readonly status?: DeliveryStatus | undefined;
  readonly limit: number;
}

/** How an attempt ended, written with its attempt row in one transaction. */
export interface DeliveryCompletion {
  readonly id: string;
  /** The claim this attempt ran under: a completion whose lease was taken over writes nothing. */
  readonly instanceId: string;
  readonly attempt: DeliveryAttempt;
  readonly status: DeliveryStatus;
  /** For `pending`: milliseconds from now (the database's clock) to the next attempt. */
  readonly retryInMs?: number;
}

export interface DeliveryRepository {
  insert(delivery: NewDelivery): Promise<DeliveryRecord>;
  find(id: string): Promise<DeliveryWithPayload | undefined>;
  /** Newest first. */
  list(filter: DeliveryFilter): Promise<DeliveryRecord[]>;
  attempts(id: string): Promise<DeliveryAttempt[]>;
  /** The installation's newest delivery. */
  latest(ref: InstallationRef): Promise<DeliveryRecord | undefined>;
  /**
   * Claims up to `limit` due pending rows (FOR UPDATE SKIP LOCKED), oldest due first: each is
   * leased to `instanceId` for `leaseMs` and its `attempts` counts this attempt.
   */
  claim(instanceId: string, limit: number, leaseMs: number): Promise<DeliveryWithPayload[]>;
  /** Records the attempt and the delivery's new state, releasing the lease; false when lost. */
  complete(completion: DeliveryCompletion): Promise<boolean>;
  /** A failed delivery back to pending with its attempts reset; undefined when not failed. */
  requeue(id: string): Promise<DeliveryRecord | undefined>;
}

/** A scope of the extension store, by name (`{ scope: 'extension', id: 'com.x' }`). */
export interface DeliveryScopeRef {
  readonly scope: ExtensionScope;
  readonly id: string;
}

/** One key a delivery resolved and sent: an access-log read (source `delivery`). */
export interface DeliveryRead {
  readonly orgId: string;
  /** The pg scope that supplied it (`pg:__ext__/…`). */
  readonly scope: string;
  readonly key: string;
  readonly actor: string;
  readonly deliveryId?: string;
  readonly source: 'delivery';
}

/** A write of an extension secret, as the secrets' write hook reports it. */
export interface DeliverySecretWrite {
  readonly orgId: string;
  /** The pg scope written. */
  readonly scope: string;
  readonly key: string;
  readonly action: 'set' | 'link' | 'rotate' | 'delete';
  /** A `set` that replaced an existing value. */
  readonly replaced: boolean;
}
