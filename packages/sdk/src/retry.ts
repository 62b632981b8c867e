/** How setSecretOutput retries. */
export interface RetryOptions {
  /** Requests at most, the first included. Default 5. */
  readonly attempts?: number;
  /** The first pause; each next one doubles. Default 250 ms. */
  readonly baseDelayMs?: number;
  /** No pause is longer, a server's Retry-After included. Default 10 000 ms. */
  readonly maxDelayMs?: number;
}

export interface RetryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 250, maxDelayMs: 10_000 };

/** Statuses that say "try again later": timeouts, rate limits, a server or gateway hiccup. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

function count(value: number | undefined, fallback: number, field: string, min: number) {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`retry.${field}: expected an integer of at least ${min}`);
  }
  return value;
}

export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    attempts: count(options.attempts, DEFAULT_RETRY.attempts, 'attempts', 1),
    baseDelayMs: count(options.baseDelayMs, DEFAULT_RETRY.baseDelayMs, 'baseDelayMs', 0),
    maxDelayMs: count(options.maxDelayMs, DEFAULT_RETRY.maxDelayMs, 'maxDelayMs', 0),
  };
}

/**
 * The pause before retry number `retry` (1 for the first): capped exponential backoff with
 * jitter (between half and all of base × 2^(retry-1)), or the server's Retry-After when it
 * gave one, both capped at maxDelayMs.
 */
export function retryDelay(policy: RetryPolicy, retry: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, retryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined otherwise. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
