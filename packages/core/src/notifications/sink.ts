import { webhookHeaders } from '@kici/crypto';
import type { Store } from '../store.js';
import type { NotificationRecord, SinkClaim } from './port.js';

/** Posts one signed body; resolves to the HTTP status, rejects on a network error or timeout. */
export type SinkPost = (
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  timeoutMs: number,
) => Promise<number>;

export interface NotificationSinkOptions {
  /** KICI_NOTIFY_WEBHOOK_URL. */
  readonly url: string;
  /** KICI_NOTIFY_WEBHOOK_SECRET (`whsec_…`). */
  readonly secret: string;
  readonly post: SinkPost;
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Notifications claimed per tick. */
  readonly batch?: number;
}

/** The webhook body: `{ type: "Notification", notification: {...} }`, snake_case. */
export function sinkBody(n: NotificationRecord): string {
  return JSON.stringify({
    type: 'Notification',
    notification: {
      id: n.id,
      org_id: n.orgId,
      kind: n.kind,
      priority: n.priority,
      title: n.title,
      details: n.details,
      recipients: n.recipients,
      created_at: n.createdAt.toISOString(),
    },
  });
}

/** The capped exponential backoff of the sink: base · 2^(attempt-1), at most max. */
export const sinkBackoff = (attempt: number, baseMs: number, maxMs: number) =>
  Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));

/**
 * The operator's webhook sink: each tick claims due notifications (SKIP LOCKED, with a lease,
 * so that each is posted by one instance at a time), posts them signed the Standard Webhooks
 * way (`webhook-id` is `ntf_<id>` on every attempt) and records the outcome.
 */
export function createNotificationSink(
  store: Pick<Store, 'notifications'>,
  options: NotificationSinkOptions,
) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const baseMs = options.retryBaseMs ?? 1000;
  const maxMs = options.retryMaxMs ?? 300_000;

  async function attempt({ notification, attempts }: SinkClaim): Promise<boolean> {
    const body = sinkBody(notification);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'kici-orchestrator',
      'x-kici-event': 'notification',
      ...webhookHeaders({ id: `ntf_${notification.id}`, body, secrets: options.secret }),
    };
    let error: string;
    try {
      const status = await options.post(options.url, headers, body, timeoutMs);
      if (status >= 200 && status < 300) {
        await store.notifications.sinkSent(notification.id);
        return true;
      }
      error = `HTTP ${status} from ${new URL(options.url).host}`;
    } catch (cause) {
      error = `${(cause as Error).name ?? 'Error'} posting to ${new URL(options.url).host}`;
    }
    const retry = attempts >= maxAttempts ? null : sinkBackoff(attempts, baseMs, maxMs);
    await store.notifications.sinkFailed(notification.id, error, retry);
    return false;
  }

  return {
    async tick(): Promise<number> {
      const claimed = await store.notifications.claimForSink(
        options.batch ?? 16,
        timeoutMs + 30_000,
      );
      const sent = await Promise.all(claimed.map(attempt));
      return sent.filter(Boolean).length;
    },
  };
}
