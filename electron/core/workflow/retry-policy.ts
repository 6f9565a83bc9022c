/** How often and how long to retry a request that failed for a passing reason, and how long to wait out rate limits. */
export interface RetryPolicy {
  /** Attempts per request, the first included. Default 6. */
  maxAttempts: number;
  /** First backoff delay; doubles each attempt. Default 500 ms. */
  baseDelayMs: number;
  /** Longest backoff delay. Default 8000 ms. */
  maxDelayMs: number;
  /** A server's Retry-After longer than this is not believed (a misconfigured proxy); backoff is used. Default 60 s. */
  maxRetryAfterMs: number;
  /**
   * How long a request may keep waiting for the provider's rate limit, from its first attempt:
   * rate-limit answers use up no attempts, only this. Default 1 hour.
   */
  rateLimitDeadlineMs?: number;
}

export const DEFAULT_RETRY_POLICY = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000, rateLimitDeadlineMs: 3_600_000 } satisfies RetryPolicy;

/**
 * Delay before retry number `retry` (0 for the first retry): the server's Retry-After when it gave a
 * believable one, else exponential backoff with up to 25% jitter taken off, as the OpenAI SDK does,
 * so that many clients that failed together do not come back together.
 */
export function retryDelayMs(retry: number, policy: RetryPolicy, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0 && retryAfterMs <= policy.maxRetryAfterMs) return retryAfterMs;
  const backoff = Math.min(policy.baseDelayMs * 2 ** retry, policy.maxDelayMs);
  return Math.round(backoff * (1 - 0.25 * random()));
}

/** Parses `retry-after-ms`, then `Retry-After` (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(headers: { get(name: string): string | null } | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
