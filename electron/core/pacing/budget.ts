import type { RateLimitHeaders } from './rate-limit-headers.js';

/**
 * A provider's per-minute limits. `undefined` means unknown, and an unknown limit holds nothing back.
 */
export interface BudgetLimits {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute (prompt estimate plus `max_completion_tokens`, as the provider charges them). */
  tpm?: number;
}

export interface ProviderBudgetOptions extends BudgetLimits {
  /**
   * Share of the stated limit to aim at, above 0 and at most 1. The 5% left over absorbs the
   * network's jitter between our clock and the provider's slices. Default 0.95.
   */
  headroom?: number;
  /**
   * How much may go at once after an idle spell, as ms of refill: a bucket holds at most this
   * much. 0 spaces every request evenly; 1000 allows a one-second burst, which a provider that
   * enforces a sliding second accepts but one with fixed slices may not; 60000 is the OpenAI
   * cookbook's minute-sized bucket. Default 0.
   */
  burstMs?: number;
  /**
   * The burst allowed, as ms of refill, once the provider's `x-ratelimit-remaining-*` headers show
   * its bucket: then only what they show free is used, so a burst no longer risks a refusal the
   * way a blind one does. 1000 is one second's slice, what a provider that enforces "a minute's
   * limit per second" lets through at once. 0 spreads evenly whatever the headers say.
   * `dropReportedBurst()` turns it off (the provider refused a burst). Default 1000.
   */
  reportedBurstMs?: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/**
 * Where the budget stood right after a request was taken: give it back with that request's headers,
 * so the provider's `remaining` can be compared with what was sent since.
 */
export interface BudgetMark {
  readonly at: number;
  /** Requests taken so far, this one included. */
  readonly requests: number;
  /** Tokens charged so far, this one included. */
  readonly tokens: number;
}

const EPSILON = 1e-6;

/** One refilling bucket: holds at most `capacity`, refills `ratePerMs`, and may go below zero (debt). */
class Bucket {
  level: number;
  capacity: number;
  ratePerMs: number;
  /** When `level` was last brought up to date; unset until first used, so a bucket starts full whatever the clock. */
  #updatedAt: number | undefined;

  constructor(capacity: number, ratePerMs: number) {
    this.capacity = capacity;
    this.ratePerMs = ratePerMs;
    this.level = capacity;
  }

  resize(capacity: number, ratePerMs: number, now: number): void {
    this.refill(now);
    this.capacity = capacity;
    this.ratePerMs = ratePerMs;
    this.level = Math.min(this.level, capacity);
  }

  refill(now: number): void {
    if (this.#updatedAt === undefined) this.#updatedAt = now;
    if (now > this.#updatedAt) {
      this.level = Math.min(this.capacity, this.level + (now - this.#updatedAt) * this.ratePerMs);
      this.#updatedAt = now;
    }
  }

  /** A cost bigger than the whole bucket goes when the bucket is full, and leaves it in debt. */
  waitMs(cost: number, now: number): number {
    this.refill(now);
    const need = Math.min(cost, this.capacity);
    if (this.level + EPSILON >= need) return 0;
    return Math.max(1, Math.ceil((need - this.level) / this.ratePerMs));
  }

  add(amount: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.capacity, this.level + amount);
  }

  lowerTo(level: number, now: number): void {
    this.refill(now);
    this.level = Math.min(this.level, level);
  }
}

/**
 * The provider's request and token budgets, shared by every request in the app: two refilling
 * buckets, as in the OpenAI cookbook's parallel processor (refilled at `limit·Δt/60000` per ms),
 * with two changes for providers that enforce "60,000 a minute" as "1,000 a second":
 *
 * - The buckets refill at 95% of the limit (`headroom`), so the network's jitter between our
 *   clock and the provider's slices never pushes two slices' worth into one.
 * - A bucket holds no minute's worth for a burst: by default nothing at all (`burstMs` 0), so a
 *   request goes when the refill has paid for the requests before it, and requests leave evenly
 *   spaced (the virtual-scheduling form of a token bucket, GCRA). The cookbook's full minute
 *   bucket sends a minute's worth in the first second, and a per-second provider refuses all but
 *   one second of it.
 *
 * The guarantee: in any interval of T ms, the requests admitted cost at most `rate·(burstMs + T)`
 * plus one request, where `rate` is 95% of the limit. So a provider enforcing one-second slices as
 * a sliding bucket never refuses (while the jitter stays within the 5%); with fixed,
 * calendar-aligned slices, a flow of requests that each cost a whole slice, or an exact fraction
 * of one, is never refused either. Sizes that do not
 * divide the slice can overflow a fixed slice now and then: no client can fill such slices without
 * knowing where they begin, and the adaptive in-flight limit backs off on those few 429s.
 *
 * A request costing more than a full bucket goes when the bucket is full and leaves it in debt, so
 * it waits its turn instead of blocking for ever, and the ones after it wait for the debt.
 *
 * Limits come from two places: set by hand (`limits`, for providers that send no headers, or to
 * keep part of a shared key free) and reported by the provider (`updateFromHeaders`). When both
 * are known the lower one counts, so a hand-set limit can lower the provider's but never raise it.
 */
export class ProviderBudget {
  #hand: BudgetLimits;
  #reported: BudgetLimits = {};
  #headroom: number;
  #burstMs: number;
  #reportedBurstMs: number;
  /** Which buckets the provider's `remaining` headers have shown: those may burst. */
  #shown = { requests: false, tokens: false };
  #now: () => number;
  #requests: Bucket | undefined;
  #tokens: Bucket | undefined;
  #requestsTaken = 0;
  #tokensTaken = 0;

  constructor(options: ProviderBudgetOptions = {}) {
    this.#headroom = checkHeadroom(options.headroom ?? 0.95);
    this.#burstMs = checkBurstMs('burstMs', options.burstMs ?? 0);
    this.#reportedBurstMs = checkBurstMs('reportedBurstMs', options.reportedBurstMs ?? 1000);
    this.#now = options.now ?? Date.now;
    this.#hand = checkLimits({ rpm: options.rpm, tpm: options.tpm });
    this.#resize(this.#now());
  }

  /** The limits set by hand; `undefined` fields are not set. Setting them takes effect at once. */
  get limits(): BudgetLimits {
    return { ...this.#hand };
  }

  set limits(limits: BudgetLimits) {
    this.#hand = checkLimits({ rpm: limits.rpm, tpm: limits.tpm });
    this.#resize(this.#now());
  }

  /** The limits the provider reported in its last headers that carried them (for `doctor`). */
  get reportedLimits(): BudgetLimits {
    return { ...this.#reported };
  }

  /** The limits the budget paces to: for each, the lower of the hand-set and the reported one. */
  get effectiveLimits(): BudgetLimits {
    return { rpm: lower(this.#hand.rpm, this.#reported.rpm), tpm: lower(this.#hand.tpm, this.#reported.tpm) };
  }

  /** Whether any limit is known (set by hand or reported). Without one, the budget admits everything at once. */
  get isKnown(): boolean {
    return this.#requests !== undefined || this.#tokens !== undefined;
  }

  /** Whether a bucket bursts on what the provider's headers show free (see `reportedBurstMs`). */
  get bursting(): boolean {
    return this.#reportedBurstMs > this.#burstMs && (this.#shown.requests || this.#shown.tokens);
  }

  /**
   * The provider refused what the budget let through: spread evenly from now on (`burstMs`), as
   * a provider that enforces fixed slices may refuse a burst its headers seemed to allow.
   */
  dropReportedBurst(now = this.#now()): void {
    if (this.#reportedBurstMs <= this.#burstMs) return;
    this.#reportedBurstMs = this.#burstMs;
    this.#resize(now);
  }

  /** Where the budget stands now; `take` returns one too. */
  mark(now = this.#now()): BudgetMark {
    return { at: now, requests: this.#requestsTaken, tokens: this.#tokensTaken };
  }

  /** 0 when a request charged `tokens` may go now, else the ms until it may (if nothing else is taken meanwhile). */
  waitTimeMs(tokens = 0, now = this.#now()): number {
    checkTokens('tokens', tokens);
    return Math.max(this.#requests?.waitMs(1, now) ?? 0, this.#tokens?.waitMs(tokens, now) ?? 0);
  }

  /** Charges one request and `tokens` tokens, whether or not there was room (check `waitTimeMs` first). */
  take(tokens = 0, now = this.#now()): BudgetMark {
    checkTokens('tokens', tokens);
    this.#requests?.add(-1, now);
    this.#tokens?.add(-tokens, now);
    this.#requestsTaken += 1;
    this.#tokensTaken += tokens;
    return this.mark(now);
  }

  /**
   * A request finished having used `actual` tokens of the `reserved` it was charged. Used less:
   * the difference is given back (never above a full bucket). Used more (the prompt estimate was
   * low): the difference is charged. Only for providers that bill real usage against the limit;
   * OpenAI keeps the whole reservation, and its `remaining` header corrects a refund it did not make.
   */
  settle(reserved: number, actual: number, now = this.#now()): void {
    checkTokens('reserved', reserved);
    checkTokens('actual', actual);
    const extra = actual - reserved;
    if (extra > 0) this.#tokensTaken += extra;
    this.#tokens?.add(-extra, now);
  }

  /**
   * Learns from one answer's headers. `limit-*` set the reported limits. `remaining-*` (or, when a
   * provider sends no `remaining`, the `reset-*`: "full again in", read against a per-minute refill)
   * can only lower the local bucket, never raise it: the local count already holds every request
   * sent, and only refill adds room. Pass the request's `BudgetMark` as `since` so that the
   * requests sent after it (which `remaining` cannot know) and the refill meanwhile are counted.
   *
   * Once a bucket's `remaining` is shown, the bucket may hold a burst (`reportedBurstMs`), starting
   * with only what the provider shows free: its capacity less what the provider's bucket lacks to
   * be full. The first answers of a run say the provider's bucket is full, so the next requests go
   * at once instead of one refill-interval apart.
   */
  updateFromHeaders(headers: RateLimitHeaders, now = this.#now(), since?: BudgetMark): void {
    let resized = false;
    if (headers.limitRequests !== undefined && headers.limitRequests !== this.#reported.rpm) {
      this.#reported.rpm = headers.limitRequests;
      resized = true;
    }
    if (headers.limitTokens !== undefined && headers.limitTokens !== this.#reported.tpm) {
      this.#reported.tpm = headers.limitTokens;
      resized = true;
    }
    const firstShown = { requests: headers.remainingRequests !== undefined && !this.#shown.requests, tokens: headers.remainingTokens !== undefined && !this.#shown.tokens };
    if (firstShown.requests) this.#shown.requests = true;
    if (firstShown.tokens) this.#shown.tokens = true;
    if (resized || firstShown.requests || firstShown.tokens) this.#resize(now);
    const limits = this.effectiveLimits;
    const requestLimit = this.#reported.rpm ?? limits.rpm;
    const tokenLimit = this.#reported.tpm ?? limits.tpm;
    const requestsLeft = serverLevel(headers.remainingRequests, headers.resetRequestsMs, requestLimit, now, since, since && this.#requestsTaken - since.requests);
    const tokensLeft = serverLevel(headers.remainingTokens, headers.resetTokensMs, tokenLimit, now, since, since && this.#tokensTaken - since.tokens);
    // `remaining` is out of the minute's limit: only a reported limit says how full that is.
    if (requestsLeft !== undefined) this.#requests?.lowerTo(firstShown.requests ? this.#free(this.#requests, requestsLeft, this.#reported.rpm) : requestsLeft, now);
    if (tokensLeft !== undefined) this.#tokens?.lowerTo(firstShown.tokens ? this.#free(this.#tokens, tokensLeft, this.#reported.tpm) : tokensLeft, now);
  }

  /**
   * When a bucket first holds a burst, what it may hold: its capacity less what the provider's
   * bucket lacks to be full (the requests sent before the limit was known, another client on the
   * same key). From then on the local count holds every request sent, and `remaining` only caps it.
   */
  #free(bucket: Bucket | undefined, providerLevel: number, limit: number | undefined): number {
    if (!bucket || bucket.capacity <= 0 || limit === undefined) return providerLevel;
    return Math.min(providerLevel, bucket.capacity - Math.max(0, limit - providerLevel));
  }

  #resize(now: number): void {
    const { rpm, tpm } = this.effectiveLimits;
    this.#requests = this.#bucket(this.#requests, rpm, this.#shown.requests, now);
    this.#tokens = this.#bucket(this.#tokens, tpm, this.#shown.tokens, now);
  }

  #bucket(bucket: Bucket | undefined, perMinute: number | undefined, shown: boolean, now: number): Bucket | undefined {
    if (perMinute === undefined) return undefined;
    const perMs = (perMinute * this.#headroom) / 60_000;
    const capacity = perMs * (shown ? Math.max(this.#burstMs, this.#reportedBurstMs) : this.#burstMs);
    if (!bucket) return new Bucket(capacity, perMs);
    bucket.resize(capacity, perMs, now);
    return bucket;
  }
}

/** What the provider's bucket holds now, by its headers, or `undefined` when they do not say. */
function serverLevel(remaining: number | undefined, resetMs: number | undefined, limit: number | undefined, now: number, since: BudgetMark | undefined, sentSince: number | undefined): number | undefined {
  let level = remaining;
  if (level === undefined && resetMs !== undefined && limit !== undefined) level = limit * Math.max(0, 1 - resetMs / 60_000);
  if (level === undefined) return undefined;
  if (since && limit !== undefined) level = Math.min(limit, level + (limit * Math.max(0, now - since.at)) / 60_000);
  return level - (sentSince ?? 0);
}

function lower(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}

function checkLimits(limits: BudgetLimits): BudgetLimits {
  const checked: BudgetLimits = {};
  for (const name of ['rpm', 'tpm'] as const) {
    const value = limits[name];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
      throw new TypeError(`Expected \`${name}\` to be a number from 1 and up, got \`${String(value)}\` (${typeof value})`);
    }
    checked[name] = value;
  }
  return checked;
}

function checkHeadroom(value: number): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 1)) {
    throw new TypeError(`Expected \`headroom\` to be a number above 0 and at most 1, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}

function checkBurstMs(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 60_000) {
    throw new TypeError(`Expected \`${name}\` to be a whole number from 0 to 60000, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}

function checkTokens(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`Expected \`${name}\` to be a number from 0 and up, got \`${String(value)}\` (${typeof value})`);
  }
}
