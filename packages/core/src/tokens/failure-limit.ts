import { KiciError } from '../kernel/errors.js';

/** How many failed authentications one client address may make per window. */
export interface AuthFailureLimits {
  readonly perWindow: number;
  readonly windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMITS: AuthFailureLimits = { perWindow: 30, windowMs: 60_000 };

// Beyond this many tracked addresses, new ones share one window: memory stays bounded.
const MAX_CLIENTS = 10_000;
const OVERFLOW_CLIENT = '*';

/** A 429: too many failed authentications from one address in this window. */
export class RateLimitedError extends KiciError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'rate_limited',
      `Too many failed authentications from this address; retry after ${retryAfterSeconds} s`,
    );
  }
}

interface Window {
  readonly start: number;
  /** Failures in this window, the first one included. */
  count: number;
}

/** One failure as the audit log records it: the first of a window, or a window's summary. */
export interface FailureRecord {
  readonly client: string;
  readonly count: number;
  readonly windowStart: Date;
}

/**
 * Failed authentications per client address, in fixed windows. The first failure of a window
 * is audited at once; the rest are only counted, and written as one row with the count when
 * the window has ended: repeated failures cost at most two audit rows per address and window.
 * A client past the limit is refused with 429 until its window ends. Kept in memory: with
 * several instances the limit is per instance.
 */
export function createFailureLimiter(limits: AuthFailureLimits) {
  const windows = new Map<string, Window>();
  let swept = 0;

  /** Ends the windows that are over; returns the summaries to audit (failures after the first). */
  function sweep(at: number, force = false): FailureRecord[] {
    if (!force && at - swept < Math.min(1000, limits.windowMs)) return [];
    swept = at;
    const done: FailureRecord[] = [];
    for (const [client, window] of windows) {
      if (at - window.start < limits.windowMs) continue;
      windows.delete(client);
      if (window.count > 1)
        done.push({ client, count: window.count - 1, windowStart: new Date(window.start) });
    }
    return done;
  }

  return {
    sweep,
    /**
     * Counts one failure of `client` at `at`. `first` is set when this failure opens a window
     * (audit it now); `refuse` when the client is past its limit (answer 429, not 401).
     */
    fail(
      client: string,
      at: number,
    ): { first: boolean; refuse: RateLimitedError | undefined; ended: FailureRecord[] } {
      const ended = sweep(at, windows.size >= MAX_CLIENTS);
      const own = windows.get(client);
      if (own && at - own.start >= limits.windowMs) {
        windows.delete(client);
        if (own.count > 1)
          ended.push({ client, count: own.count - 1, windowStart: new Date(own.start) });
      }
      const key = windows.has(client) || windows.size < MAX_CLIENTS ? client : OVERFLOW_CLIENT;
      const window = windows.get(key) ?? { start: at, count: 0 };
      windows.set(key, window);
      window.count += 1;
      const retryAfter = Math.max(1, Math.ceil((window.start + limits.windowMs - at) / 1000));
      return {
        first: window.count === 1,
        refuse: window.count > limits.perWindow ? new RateLimitedError(retryAfter) : undefined,
        ended,
      };
    },
  };
}
