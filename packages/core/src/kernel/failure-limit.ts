import { KiciError } from './errors.js';

/** How many failed authentications one client address may make per window. */
export interface AuthFailureLimits {
  readonly perWindow: number;
  readonly windowMs: number;
}

export const DEFAULT_AUTH_FAILURE_LIMITS: AuthFailureLimits = { perWindow: 30, windowMs: 60_000 };

/** Failures of one address audited one row each per window; the rest are only counted. */
export const FAILURES_AUDITED_PER_WINDOW = 5;

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

/** A window's summary: the failures past the first few, which were only counted. */
export interface FailureRecord {
  readonly client: string;
  readonly count: number;
  readonly windowStart: Date;
}

/**
 * Failed authentications per client address, in fixed windows. The first few failures of a
 * window are audited at once, one row each; the rest are only counted, and written as one row
 * with their count when the window has ended: a flood of failures costs at most
 * FAILURES_AUDITED_PER_WINDOW + 1 audit rows per address and window.
 * A client past the limit is refused with 429 until its window ends. Kept in memory: with
 * several instances the limit is per instance.
 */
export function createFailureLimiter(limits: AuthFailureLimits) {
  const windows = new Map<string, Window>();
  let swept = 0;

  /** Ends the windows that are over; returns the summaries of those with uncounted failures. */
  function sweep(at: number, force = false): FailureRecord[] {
    if (!force && at - swept < Math.min(1000, limits.windowMs)) return [];
    swept = at;
    const done: FailureRecord[] = [];
    for (const [client, window] of windows) {
      if (at - window.start < limits.windowMs) continue;
      windows.delete(client);
      const rest = window.count - FAILURES_AUDITED_PER_WINDOW;
      if (rest > 0) done.push({ client, count: rest, windowStart: new Date(window.start) });
    }
    return done;
  }

  return {
    sweep,
    /**
     * Counts one failure of `client` at `at`. `audit` is set for the first few of a window
     * (audit this one now); `refuse` when the client is past its limit (answer 429, not 401).
     */
    fail(
      client: string,
      at: number,
    ): { audit: boolean; refuse: RateLimitedError | undefined; ended: FailureRecord[] } {
      const ended = sweep(at, windows.size >= MAX_CLIENTS);
      const own = windows.get(client);
      if (own && at - own.start >= limits.windowMs) {
        windows.delete(client);
        const rest = own.count - FAILURES_AUDITED_PER_WINDOW;
        if (rest > 0) ended.push({ client, count: rest, windowStart: new Date(own.start) });
      }
      const key = windows.has(client) || windows.size < MAX_CLIENTS ? client : OVERFLOW_CLIENT;
      const window = windows.get(key) ?? { start: at, count: 0 };
      windows.set(key, window);
      window.count += 1;
      const retryAfter = Math.max(1, Math.ceil((window.start + limits.windowMs - at) / 1000));
      return {
        audit: window.count <= FAILURES_AUDITED_PER_WINDOW,
        refuse: window.count > limits.perWindow ? new RateLimitedError(retryAfter) : undefined,
        ended,
      };
    },
  };
}
