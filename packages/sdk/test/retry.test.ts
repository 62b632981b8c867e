import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelay, retryPolicy } from '../src/retry.js';

describe('retry policy', () => {
  const policy = retryPolicy({ attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 });

  it('backs off exponentially with jitter between half and all of the step, capped', () => {
    for (let i = 0; i < 200; i++) {
      const first = retryDelay(policy, 1);
      const third = retryDelay(policy, 3);
      const tenth = retryDelay(policy, 10);
      expect(first).toBeGreaterThanOrEqual(50);
      expect(first).toBeLessThanOrEqual(100);
      expect(third).toBeGreaterThanOrEqual(200);
      expect(third).toBeLessThanOrEqual(400);
      expect(tenth).toBeGreaterThanOrEqual(500);
      expect(tenth).toBeLessThanOrEqual(1000);
    }
  });

  it("uses the server's Retry-After instead, capped too", () => {
    expect(retryDelay(policy, 1, 700)).toBe(700);
    expect(retryDelay(policy, 1, 60_000)).toBe(1000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('has defaults and refuses nonsense', () => {
    expect(retryPolicy()).toEqual({ attempts: 5, baseDelayMs: 250, maxDelayMs: 10_000 });
    expect(() => retryPolicy({ baseDelayMs: -1 })).toThrow('retry.baseDelayMs');
    expect(() => retryPolicy({ attempts: 1.5 })).toThrow('retry.attempts');
  });
});
