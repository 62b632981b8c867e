import * as v from 'valibot';
import { integer } from './env-integer.js';

/** KICI_DELIVERY_*: the delivery worker of this instance and the retry policy. */
export interface DeliveryConfig {
  /** KICI_DELIVERY_TICK_MS: how often the worker looks for due deliveries (an enqueue wakes it too). */
  readonly tickMs: number;
  /** KICI_DELIVERY_CONCURRENCY: deliveries one tick claims and attempts at once. */
  readonly concurrency: number;
  /** KICI_DELIVERY_TIMEOUT_MS: one attempt, connection to answer. */
  readonly timeoutMs: number;
  /** KICI_DELIVERY_MAX_ATTEMPTS: attempts before a delivery is failed. */
  readonly maxAttempts: number;
  /** KICI_DELIVERY_RETRY_BASE_MS / _MAX_MS: min(max, base * 2^(attempt-1)), ±20% jitter. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

const HOUR = 3_600_000;

export const DELIVERY_ENV = {
  KICI_DELIVERY_TICK_MS: v.optional(integer('KICI_DELIVERY_TICK_MS', 10, HOUR), '500'),
  KICI_DELIVERY_CONCURRENCY: v.optional(integer('KICI_DELIVERY_CONCURRENCY', 1, 1000), '16'),
  KICI_DELIVERY_TIMEOUT_MS: v.optional(integer('KICI_DELIVERY_TIMEOUT_MS', 100, 60_000), '10000'),
  KICI_DELIVERY_MAX_ATTEMPTS: v.optional(integer('KICI_DELIVERY_MAX_ATTEMPTS', 1, 100), '8'),
  KICI_DELIVERY_RETRY_BASE_MS: v.optional(integer('KICI_DELIVERY_RETRY_BASE_MS', 1, HOUR), '1000'),
  KICI_DELIVERY_RETRY_MAX_MS: v.optional(
    integer('KICI_DELIVERY_RETRY_MAX_MS', 1, 24 * HOUR),
    '300000',
  ),
};

type Parsed = { [K in keyof typeof DELIVERY_ENV]: number };

/** @throws {Error} when the retry base exceeds its cap (naming both variables). */
export function deliveryConfig(out: Parsed): DeliveryConfig {
  if (out.KICI_DELIVERY_RETRY_BASE_MS > out.KICI_DELIVERY_RETRY_MAX_MS) {
    throw new Error(
      'Invalid configuration: KICI_DELIVERY_RETRY_BASE_MS: expected at most KICI_DELIVERY_RETRY_MAX_MS',
    );
  }
  return {
    tickMs: out.KICI_DELIVERY_TICK_MS,
    concurrency: out.KICI_DELIVERY_CONCURRENCY,
    timeoutMs: out.KICI_DELIVERY_TIMEOUT_MS,
    maxAttempts: out.KICI_DELIVERY_MAX_ATTEMPTS,
    retryBaseMs: out.KICI_DELIVERY_RETRY_BASE_MS,
    retryMaxMs: out.KICI_DELIVERY_RETRY_MAX_MS,
  };
}
