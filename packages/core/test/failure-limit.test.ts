// The failed-authentication window rule on its own, with a hand-driven clock.
import { describe, expect, it } from 'vitest';
import {
  createFailureLimiter,
  FAILURES_AUDITED_PER_WINDOW,
  RateLimitedError,
} from '../src/kernel/failure-limit.js';

describe('failed authentication windows', () => {
  it('audits the first few failures, refuses past the limit, and sums the rest when the window ends', () => {
    const limiter = createFailureLimiter({ perWindow: 10, windowMs: 60_000 });
    const results = Array.from({ length: 25 }, (_, i) => limiter.fail('10.0.0.1', 1000 + i));
    expect(results.filter((r) => r.audit)).toHaveLength(FAILURES_AUDITED_PER_WINDOW);
    expect(results.filter((r) => r.refuse)).toHaveLength(15);
    const refusal = results.at(-1)?.refuse;
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect([refusal?.code, refusal?.retryAfterSeconds]).toEqual(['rate_limited', 60]);
    // Another address has its own window.
    expect(limiter.fail('10.0.0.2', 2000)).toMatchObject({ audit: true, refuse: undefined });
    // The next window: the old one's rest comes out as one summary, and the count restarts.
    const next = limiter.fail('10.0.0.1', 61_000);
    expect(next).toMatchObject({ audit: true, refuse: undefined });
    expect(next.ended).toEqual([{ client: '10.0.0.1', count: 20, windowStart: new Date(1000) }]);
    expect(limiter.sweep(200_000, true)).toEqual([]);
  });

  it('says how long to wait, at least a second', () => {
    const limiter = createFailureLimiter({ perWindow: 1, windowMs: 5000 });
    limiter.fail('a', 0);
    expect(limiter.fail('a', 2500).refuse?.retryAfterSeconds).toBe(3);
    expect(limiter.fail('a', 4999).refuse?.retryAfterSeconds).toBe(1);
  });
});
