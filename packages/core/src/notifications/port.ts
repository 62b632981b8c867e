/** What notifications need from storage: the rows, deduplicated, and the sink's queue. */
import type { NotificationKind, NotificationPriority } from '@kici/contracts/vocabulary';

export interface NewNotification {
  readonly orgId: string;
  readonly kind: NotificationKind;
  readonly priority: NotificationPriority;
  /** Unique per org: a second raise with the same key does nothing. */
  readonly dedupeKey: string;
  readonly title: string;
  /** Names, counts and times only: never a value. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface NotificationRecord {
  readonly id: number;
  readonly orgId: string;
  readonly kind: string;
  readonly priority: string;
  readonly title: string;
  readonly details: Readonly<Record<string, unknown>>;
  /** The labels of the admin and owner tokens active when it was raised. */
  readonly recipients: readonly string[];
  readonly createdAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedBy: string | null;
}

export interface NotificationQuery {
  readonly orgId: string;
  /** Polling: only ids above it, oldest first. Otherwise newest first. */
  readonly afterId?: number | undefined;
  readonly kind?: NotificationKind | undefined;
  readonly unacknowledged?: boolean | undefined;
  readonly limit: number;
}

/** A notification the sink claimed, with how many attempts it has had (this one included). */
export interface SinkClaim {
  readonly notification: NotificationRecord;
  readonly attempts: number;
}

export interface NotificationRepository {
  /**
   * Inserts it (ON CONFLICT (org_id, dedupe_key) DO NOTHING), addressed to the active admin
   * and owner tokens, due for the sink now: the row, or undefined when it already existed.
   */
  raise(notification: NewNotification): Promise<NotificationRecord | undefined>;
  list(query: NotificationQuery): Promise<NotificationRecord[]>;
  /** Marks it acknowledged (the first acknowledgement stays); undefined when not found (in the org). */
  acknowledge(
    orgId: string | undefined,
    id: number,
    by: string,
  ): Promise<NotificationRecord | undefined>;
  /**
   * Claims up to `limit` rows due for the sink (`sink_sent_at IS NULL AND sink_next_at <=
   * now()`, FOR UPDATE SKIP LOCKED), pushing their next attempt `leaseMs` away and counting
   * the attempt, so that each is posted by one instance at a time.
   */
  claimForSink(limit: number, leaseMs: number): Promise<SinkClaim[]>;
  /** Delivered: never claimed again. */
  sinkSent(id: number): Promise<void>;
  /** Failed: due again after `retryInMs`, or never (null) once the attempts are spent. */
  sinkFailed(id: number, error: string, retryInMs: number | null): Promise<void>;
}
