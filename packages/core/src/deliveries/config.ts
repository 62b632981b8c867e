import { DELIVERY_DEFAULTS } from '@kici/contracts/vocabulary';

/** The worker's settings (the server's KICI_DELIVERY_*). */
export interface DeliveryConfig {
  /** Deliveries attempted at once per instance. */
  readonly concurrency: number;
  /** An attempt's timeout when the manifest names none. */
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export function deliveryConfig(options: Partial<DeliveryConfig> = {}): DeliveryConfig {
  return {
    concurrency: options.concurrency ?? DELIVERY_DEFAULTS.concurrency,
    timeoutMs: options.timeoutMs ?? DELIVERY_DEFAULTS.timeoutMs,
    maxAttempts: options.maxAttempts ?? DELIVERY_DEFAULTS.maxAttempts,
    retryBaseMs: options.retryBaseMs ?? DELIVERY_DEFAULTS.retryBaseMs,
    retryMaxMs: options.retryMaxMs ?? DELIVERY_DEFAULTS.retryMaxMs,
  };
}

/** How long a claim holds a row: the attempt's timeout plus room to record it. */
export const LEASE_MARGIN_MS = 30_000;

/**
 * The delay before attempt `attempt + 1`: capped exponential backoff,
 * `min(retryMaxMs, retryBaseMs * 2^(attempt-1))`, with ±20% jitter so that retries spread.
 */
export function backoffMs(
  attempt: number,
  config: Pick<DeliveryConfig, 'retryBaseMs' | 'retryMaxMs'>,
  random: () => number = Math.random,
): number {
  const base = Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
