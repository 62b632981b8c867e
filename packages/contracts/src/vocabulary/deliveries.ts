/**
 * Deliveries to extensions (the orchestrator POSTs signed `ExtensionInvocation` webhooks to an
 * installation's callback URL): the event types, states and defaults every package shares.
 */

/** An event type: `issue.created`, `kiket.test`, `secret.rotated`. */
export const EVENT_TYPE = /^[a-z][a-z0-9_.-]{0,127}$/;

/** A delivery id: `msg_` + a ULID (26 Crockford base32 characters), its `webhook-id`. */
export const DELIVERY_ID = /^msg_[0-9A-HJKMNP-TV-Z]{26}$/;

/** The event of a test invoke when none is named. */
export const TEST_EVENT_TYPE = 'kiket.test';

/** The event of a rotation webhook (the only event a manifest may subscribe to today). */
export const ROTATION_EVENT_TYPE = 'secret.rotated';
export const SUBSCRIBABLE_EVENTS = [ROTATION_EVENT_TYPE] as const;

export const DELIVERY_KINDS = ['invocation', 'rotation'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const ATTEMPT_OUTCOMES = ['delivered', 'retry', 'failed'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** The bounds of `delivery.callback.timeout_ms` in a manifest. */
export const CALLBACK_TIMEOUT_MIN_MS = 100;
export const CALLBACK_TIMEOUT_MAX_MS = 60_000;

/** The worker's defaults (the server's KICI_DELIVERY_*). */
export const DELIVERY_DEFAULTS = {
  tickMs: 500,
  concurrency: 16,
  timeoutMs: 10_000,
  maxAttempts: 8,
  retryBaseMs: 1000,
  retryMaxMs: 300_000,
} as const;

/** How long the previous signing secret keeps signing after a rotation (seconds). */
export const SIGNING_SECRET_WINDOW_SECONDS = 86_400;

/** Listing limits of `GET /api/v1/extensions/deliveries`. */
export const DELIVERY_LIST_DEFAULT_LIMIT = 50;
export const DELIVERY_LIST_MAX_LIMIT = 500;

/** The longest window a rotated signing secret may keep signing (30 days, in seconds). */
export const MAX_SIGNING_WINDOW_SECONDS = 30 * 86_400;
