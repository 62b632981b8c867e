/** Deliveries to extensions (the Kiket seed's runtime delivery): ids, event types, statuses. */

/** A delivery's id, the Standard Webhooks `webhook-id`: `msg_` + 26 Crockford base32 characters. */
export const DELIVERY_ID = /^msg_[0-9A-HJKMNP-TV-Z]{26}$/;
/** An event type (`issue.created`, `secret.rotated`). */
export const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,127}$/;
/** The event type of `kici-admin extensions invoke` when none is named. */
export const TEST_EVENT_TYPE = 'kiket.test';
/** The rotation webhook's event type, the one event an extension subscribes to today. */
export const ROTATION_EVENT_TYPE = 'secret.rotated';

/** pending → delivered | failed. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_KINDS = ['invocation', 'rotation'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
/** What one attempt led to: delivered, another attempt later, or the end. */
export const ATTEMPT_OUTCOMES = ['delivered', 'retry', 'failed'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** A listing's default and largest page. */
export const DEFAULT_DELIVERY_LIMIT = 50;
export const MAX_DELIVERY_LIMIT = 500;
/** How long a rotated signing secret still signs, by default (seconds); at most 30 days. */
export const DEFAULT_SIGNING_WINDOW_SECONDS = 86_400;
export const MAX_SIGNING_WINDOW_SECONDS = 30 * 86_400;
