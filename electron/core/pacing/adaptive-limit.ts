/**
 * How many requests may be in flight, learned from the answers: additive increase, multiplicative
 * decrease, as Netflix concurrency-limits' `AIMDLimit`. Latency is deliberately not a signal: an
 * LLM's latency grows with the length of its answer, and gradient limiters (Vegas, Gradient2) read
 * that as queueing.
 */

/** Why the limit changed: grown by a success, cut by a drop, or set by hand (`max` lowered under it). */
export type LimitChangeReason = 'grow' | 'drop' | 'set';

export type LimitListener = (limit: number, reason: LimitChangeReason) => void;

export interface AdaptiveLimitOptions {
  /** The limit to start at, from `min` to `max`. Default the smaller of 4 and `max`. */
  initial?: number;
  /** The limit never goes below this. Default 1. */
  min?: number;
  /** The limit never grows above this (`--max-requests`). Default 8. */
  max?: number;
  /** What a drop multiplies the limit by (then rounded down), above 0 and below 1. Default 0.9. */
  backoffRatio?: number;
  /** When a drop does not say which cut it was sent under, the limit is cut at most once in this many ms. Default 1000. */
  windowMs?: number;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/**
 * - `onSuccess(inFlight)` grows the limit by 1, but only while at least half of it is in use
 *   (`inFlight` is the count when the request was sent, itself included): an idle limit does not
 *   grow to a size that was never tried.
 * - `onDrop(cutsWhenSent)` (a 429, or a local server's 503 "queue full") multiplies it by 0.9,
 *   rounded down, at least `min`, and only once per round trip: a drop cuts only if the request
 *   was sent after the last cut (pass `cuts` as read when it was sent). The requests in flight
 *   during a cut were sent at the old limit, so their 429s are the same congestion, as TCP counts
 *   one cut per window of data (RFC 5681). A drop that does not say (`undefined`) cuts at most
 *   once per `windowMs`.
 */
export class AdaptiveLimit {
  #limit: number;
  #min: number;
  #max: number;
  #backoffRatio: number;
  #windowMs: number;
  #now: () => number;
  #cuts = 0;
  #lastCutAt = Number.NEGATIVE_INFINITY;
  #listeners = new Set<LimitListener>();

  constructor(options: AdaptiveLimitOptions = {}) {
    this.#min = checkWhole('min', options.min ?? 1, 1);
    this.#max = checkWhole('max', options.max ?? 8, 1);
    if (this.#max < this.#min) throw new TypeError(`Expected \`max\` to be at least \`min\` (${this.#min}), got \`${this.#max}\` (number)`);
    const initial = checkWhole('initial', options.initial ?? Math.max(this.#min, Math.min(4, this.#max)), 1);
    if (initial < this.#min || initial > this.#max) {
      throw new TypeError(`Expected \`initial\` to be a whole number from ${this.#min} to ${this.#max}, got \`${initial}\` (number)`);
    }
    this.#limit = initial;
    const ratio = options.backoffRatio ?? 0.9;
    if (typeof ratio !== 'number' || !(ratio > 0 && ratio < 1)) {
      throw new TypeError(`Expected \`backoffRatio\` to be a number above 0 and below 1, got \`${String(ratio)}\` (${typeof ratio})`);
    }
    this.#backoffRatio = ratio;
    this.#windowMs = checkWhole('windowMs', options.windowMs ?? 1000, 0);
    this.#now = options.now ?? Date.now;
  }

  /** Requests that may be in flight now. */
  get limit(): number {
    return this.#limit;
  }
  get min(): number {
    return this.#min;
  }
  get max(): number {
    return this.#max;
  }
  /** How many times the limit was cut so far. Read it when a request is sent; give it back to `onDrop`. */
  get cuts(): number {
    return this.#cuts;
  }

  /** Changes the ceiling (a new `--max-requests` in Settings); a limit above it comes down at once. */
  set max(value: number) {
    const max = checkWhole('max', value, this.#min);
    this.#max = max;
    if (this.#limit > max) this.#set(max, 'set');
  }

  /** Calls `listener(limit, reason)` after every change. Returns a function that stops it. */
  onDidChangeLimit(listener: LimitListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A request came back fine; `inFlight` is how many were in flight when it was sent, itself included. */
  onSuccess(inFlight: number): void {
    if (inFlight * 2 >= this.#limit && this.#limit < this.#max) this.#set(this.#limit + 1, 'grow');
  }

  /**
   * A request was turned away for load (429, or 503 back-pressure). Returns whether this drop cut
   * the limit (false: the cut for this round trip was already made).
   */
  onDrop(cutsWhenSent?: number): boolean {
    const now = this.#now();
    const sameRoundTrip = cutsWhenSent === undefined ? now - this.#lastCutAt < this.#windowMs : cutsWhenSent < this.#cuts;
    if (sameRoundTrip) return false;
    this.#cuts++;
    this.#lastCutAt = now;
    const next = Math.max(this.#min, Math.floor(this.#limit * this.#backoffRatio));
    if (next !== this.#limit) this.#set(next, 'drop');
    return true;
  }

  #set(limit: number, reason: LimitChangeReason): void {
    this.#limit = limit;
    for (const listener of [...this.#listeners]) listener(limit, reason);
  }
}

function checkWhole(name: string, value: number, least: number): number {
  if (!Number.isInteger(value) || value < least) {
    throw new TypeError(`Expected \`${name}\` to be a whole number from ${least} and up, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}
