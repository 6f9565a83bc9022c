import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs } from '../../electron/core/workflow/retry-policy.js';

const headers = (h: Record<string, string>) => new Headers(h);

describe('parseRetryAfter', () => {
  it('prefers retry-after-ms, then Retry-After in seconds, then as a date', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(parseRetryAfter(headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000);
    expect(parseRetryAfter(headers({}))).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('retryDelayMs', () => {
  it('uses the server’s wait when it is believable', () => {
    expect(retryDelayMs(0, DEFAULT_RETRY_POLICY, 1500)).toBe(1500);
  });

  it('falls back to doubling backoff, capped, with at most 25% jitter taken off', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelayMs(n, DEFAULT_RETRY_POLICY, undefined, noJitter))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(retryDelayMs(1, DEFAULT_RETRY_POLICY, undefined, () => 1)).toBe(750);
    expect(retryDelayMs(0, DEFAULT_RETRY_POLICY, 3_600_000, noJitter)).toBe(500); // an hour is not believed
  });
});
