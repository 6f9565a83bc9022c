/**
 * Reads the `x-ratelimit-*` headers OpenAI (and most OpenAI-compatible providers) send with every
 * answer, 429s included. Nothing here decides anything: it turns strings into numbers, and anything
 * it cannot read becomes `undefined` rather than a guess.
 */

/** Anything with a `get` like the Fetch API's `Headers` (which matches names case-insensitively). */
export interface HeadersLike {
  get(name: string): string | null | undefined;
}

/** What the provider said about its limits in one answer. Every field is optional: providers send some, all or none. */
export interface RateLimitHeaders {
  /** `x-ratelimit-limit-requests`: requests allowed per minute. */
  limitRequests?: number;
  /** `x-ratelimit-limit-tokens`: tokens allowed per minute. */
  limitTokens?: number;
  /** `x-ratelimit-remaining-requests`: requests left in the provider's bucket when it answered. */
  remainingRequests?: number;
  /** `x-ratelimit-remaining-tokens`: tokens left in the provider's bucket when it answered. */
  remainingTokens?: number;
  /** `x-ratelimit-reset-requests` in ms: until the request bucket is full again (not "wait this long"). */
  resetRequestsMs?: number;
  /** `x-ratelimit-reset-tokens` in ms: until the token bucket is full again (not "wait this long"). */
  resetTokensMs?: number;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const GO_DURATION = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const GO_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * A Go duration (`time.Duration.String()`), as OpenAI writes resets: `6m0s`, `1s`, `20ms`, `2s81ms`,
 * `1h2m3.5s`, `0.5s`, `0`, in milliseconds. Negative durations, bare numbers other than `0`,
 * unknown units and anything else give `undefined`.
 */
export function parseGoDuration(text: string): number | undefined {
  const value = text.trim();
  if (value === '0') return 0;
  if (!GO_DURATION.test(value)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of value.matchAll(GO_PART)) ms += Number(amount) * UNIT_MS[unit!]!;
  return Number.isFinite(ms) ? ms : undefined;
}

/**
 * Reads the six `x-ratelimit-*` headers. Limits must be numbers above 0, remaining counts numbers
 * from 0; resets are Go durations, or plain numbers of seconds (some OpenAI-compatible servers
 * send `x-ratelimit-reset-requests: 1.5`). A header that is missing or unreadable is left out.
 */
export function readRateLimitHeaders(headers: HeadersLike | undefined): RateLimitHeaders {
  const result: RateLimitHeaders = {};
  if (!headers) return result;
  const put = <K extends keyof RateLimitHeaders>(key: K, value: number | undefined) => {
    if (value !== undefined) result[key] = value;
  };
  put('limitRequests', readCount(headers.get('x-ratelimit-limit-requests'), 1));
  put('limitTokens', readCount(headers.get('x-ratelimit-limit-tokens'), 1));
  put('remainingRequests', readCount(headers.get('x-ratelimit-remaining-requests'), 0));
  put('remainingTokens', readCount(headers.get('x-ratelimit-remaining-tokens'), 0));
  put('resetRequestsMs', readReset(headers.get('x-ratelimit-reset-requests')));
  put('resetTokensMs', readReset(headers.get('x-ratelimit-reset-tokens')));
  return result;
}

function readCount(value: string | null | undefined, least: number): number | undefined {
  if (value == null || !/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= least ? n : undefined;
}

function readReset(value: string | null | undefined): number | undefined {
  if (value == null) return undefined;
  if (/^\s*\d+(?:\.\d+)?\s*$/.test(value)) {
    const seconds = Number(value);
    return Number.isFinite(seconds) ? seconds * 1000 : undefined;
  }
  return parseGoDuration(value);
}

/** The six header names `readRateLimitHeaders` reads. */
export const RATE_LIMIT_HEADER_NAMES = [
  'x-ratelimit-limit-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-requests',
  'x-ratelimit-reset-tokens',
] as const;

/**
 * The `x-ratelimit-*` headers of an answer as a plain object (lower-case names, only those
 * present), or `undefined` when there are none: plain data that can cross a process boundary.
 */
export function pickRateLimitHeaders(headers: HeadersLike | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const picked: Record<string, string> = {};
  for (const name of RATE_LIMIT_HEADER_NAMES) {
    const value = headers.get(name);
    if (typeof value === 'string') picked[name] = value;
  }
  return Object.keys(picked).length > 0 ? picked : undefined;
}

/** A plain object of header values (as `pickRateLimitHeaders` makes) read as `HeadersLike`, names matched case-insensitively. */
export function headersFromValues(values: Readonly<Record<string, string>>): HeadersLike {
  const lower = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name) => lower.get(name.toLowerCase()) };
}
