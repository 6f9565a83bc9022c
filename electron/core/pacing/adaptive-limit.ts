/**
 * How many requests may be in flight, learned from the answers: additive increase, multiplicative
 * decrease, as Netflix concurrency-limits' `AIMDLimit`. Latency is deliberately not a signal: an
 * LLM's latency grows with the length of its answer, and gradient limiters (Vegas, Gradient2) read
 * that as queueing.
 */

/** Why the limit changed: grown by a success, cut by a drop, or set by hand (`max` lowered under it). */
export type LimitChangeReason = 'grow' | 'drop' | 'set';

/**
 * What a drop says: `load`, the provider turned the request away for how many were open (a
 * concurrency cap, a local server's full queue, or nothing known: the level is remembered as the
 * ceiling); `budget`, it came while the request budget or token budget was what held requests back,
 * so the budget (taught by the headers) paces the next ones and the level is not to blame.
 */
export type DropCause = 'load' | 'budget';

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
  /**
   * Successes needed, after a cut, before the limit may grow back to the in-flight level that was
   * refused; doubled each time the same level is refused again (at most 32 times this). Default 100.
   */
  probeAfterSuccesses?: number;
  /**
   * Share of recent answers, sent at the refused level or above, that may be refused without the
   * refusal counting as congestion: a provider's random 429s (a few per hundred) say nothing about
   * load and must not shrink the limit. Only for drops that say their level. From 0 to 1. Default 0.5.
   */
  lossTolerance?: number;
  /**
   * Until the first cut, grow by one per answer instead of one per round trip (TCP's slow start,
   * RFC 5681): the limit doubles each round trip, 4, 8, 16…, so an app with no cap reaches `max`
   * in a round trip or two. Default false.
   */
  slowStart?: boolean;
  /** The clock. Default `Date.now`. */
  now?: () => number;
}

/**
 * - `onSuccess(inFlight, changesWhenSent)` grows the limit by 1, but only while at least half of it
 *   is in use (`inFlight` is the count when the request was sent, itself included): an idle limit
 *   does not grow to a size that was never tried. And only once per round trip: the request must
 *   have been sent after the last change (pass `changes` as read when it was sent), so the limit
 *   grows by one per round trip as TCP's congestion avoidance does, not by one per answer (eight
 *   answers of one round trip would add eight, and one ×0.9 cut per round trip cannot undo that:
 *   against an unannounced cap of 4 such a limit stays near 8 and half the requests are refused).
 * - It remembers the in-flight level at which drops were congestion (the ceiling): the limit does
 *   not grow back to that level until `probeAfterSuccesses` answers came back fine since the cut,
 *   a wait that doubles each time the same level is refused again. A level it has grown past (a
 *   whole round trip there without a cut) is forgotten.
 * - `onDrop(cutsWhenSent)` (a 429, or a local server's 503 "queue full") multiplies it by 0.9,
 *   rounded down, at least `min`, and only once per round trip: a drop cuts only if the request
 *   was sent after the last cut (pass `cuts` as read when it was sent). The requests in flight
 *   during a cut were sent at the old limit, so their 429s are the same congestion, as TCP counts
 *   one cut per window of data (RFC 5681). A drop that does not say (`undefined`) cuts at most
 *   once per `windowMs`. A drop that says its in-flight level (`onDrop(cuts, inFlight)`) cuts only
 *   when another refusal follows before an answer sent at that level or above comes back fine,
 *   and more than `lossTolerance` of the recent answers sent at that level or above were refused:
 *   a lone 429, or a random one among many answers at that level, is a spike on the provider's
 *   side (the request waits its own retry-after); a cap refuses most of them.
 */
export class AdaptiveLimit {
  #limit: number;
  #min: number;
  #max: number;
  #backoffRatio: number;
  #windowMs: number;
  #now: () => number;
  #cuts = 0;
  #changes = 0;
  #lastCutAt = Number.NEGATIVE_INFINITY;
  #listeners = new Set<LimitListener>();
  #probeAfter: number;
  #lossTolerance: number;
  /** The in-flight level refused last, not grown past since; `undefined` when none. */
  #ceiling: number | undefined;
  #patience = 0;
  #successesSinceCut = 0;
  #slowStart: boolean;
  /** A refusal not yet judged: a spike if an answer at its level or above comes back fine before another refusal. */
  #suspect: { level: number; cutsWhenSent: number | undefined } | undefined;
  /** The last outcomes, newest last: the level each was sent at, and whether it was refused. */
  #recent: { level: number; dropped: boolean }[] = [];

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
    this.#probeAfter = checkWhole('probeAfterSuccesses', options.probeAfterSuccesses ?? 100, 0);
    const tolerance = options.lossTolerance ?? 0.5;
    if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance <= 1)) {
      throw new TypeError(`Expected \`lossTolerance\` to be a number from 0 to 1, got \`${String(tolerance)}\` (${typeof tolerance})`);
    }
    this.#lossTolerance = tolerance;
    this.#slowStart = options.slowStart ?? false;
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
  /** How many times the limit changed so far (grown, cut or set). Read it when a request is sent; give it back to `onSuccess`. */
  get changes(): number {
    return this.#changes;
  }
  /** The in-flight level refused last and not yet grown past, or `undefined`. */
  get ceiling(): number | undefined {
    return this.#ceiling;
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

  /**
   * A request came back fine; `inFlight` is how many were in flight when it was sent, itself
   * included; `changesWhenSent` is `changes` as read then (without it, every success may grow);
   * `limitWhenSent` the limit then (slow start grows on answers of requests that filled it).
   */
  onSuccess(inFlight: number, changesWhenSent?: number, limitWhenSent?: number): void {
    this.#remember(inFlight, false);
    if (this.#suspect && inFlight >= this.#suspect.level) this.#suspect = undefined; // it was a spike
    this.#successesSinceCut++;
    if (this.#ceiling !== undefined && this.#limit > this.#ceiling) this.#ceiling = undefined;
    if (inFlight * 2 < this.#limit || this.#limit >= this.#max) return;
    // Slow start: one more per answer of a request sent with the limit in full use, which doubles
    // the limit per round trip while requests wait (TCP adds one segment per ACK, RFC 5681, and
    // only while the window is full, RFC 7661); answers that come back together from a part-used
    // limit add one, so a cap is overshot by a request or two, not by a doubled round.
    // Otherwise (and always after the first cut): one more per round trip.
    const slowStartGrowth = this.#slowStart && inFlight >= (limitWhenSent ?? this.#limit);
    if (!slowStartGrowth && changesWhenSent !== undefined && changesWhenSent < this.#changes) return;
    let next = Math.min(this.#max, this.#limit + 1);
    if (this.#ceiling !== undefined && next >= this.#ceiling && this.#successesSinceCut < this.#patience) next = this.#ceiling - 1;
    if (next > this.#limit) this.#set(next, 'grow');
  }

  /**
   * A request was turned away for load (429, or 503 back-pressure). Returns whether this drop cut
   * the limit (false: the cut for this round trip was already made).
   */
  onDrop(cutsWhenSent?: number, inFlight?: number, cause: DropCause = 'load'): boolean {
    const now = this.#now();
    if (inFlight !== undefined && cause === 'load') {
      this.#remember(inFlight, true);
      // A lone refusal is a spike on the provider's side: the request waits its retry-after, and the
      // limit stays, unless another refusal comes before an answer sent at that level or above
      // comes back fine (a cap refuses every request above it; a spike, one).
      const first = this.#suspect;
      if (!first) {
        this.#suspect = { level: inFlight, cutsWhenSent };
        return false;
      }
      this.#suspect = undefined;
      if (first) {
        inFlight = Math.min(first.level, inFlight);
        if (cutsWhenSent !== undefined && first.cutsWhenSent !== undefined) cutsWhenSent = Math.min(cutsWhenSent, first.cutsWhenSent);
      }
      if (this.#dropShare(inFlight) <= this.#lossTolerance) return false; // noise, not congestion
    }
    const sameRoundTrip = cutsWhenSent === undefined ? now - this.#lastCutAt < this.#windowMs : cutsWhenSent < this.#cuts;
    if (sameRoundTrip) {
      // Not a new cut, but a lower level refused in the same round trip says where the cap is.
      if (cause === 'load' && inFlight !== undefined && this.#ceiling !== undefined && inFlight < this.#ceiling && inFlight - 1 >= this.#min) {
        this.#ceiling = inFlight;
        if (this.#limit > inFlight - 1) this.#set(inFlight - 1, 'drop');
      }
      return false;
    }
    this.#cuts++;
    this.#lastCutAt = now;
    this.#slowStart = false;
    const level = inFlight ?? this.#limit;
    if (cause === 'budget') {
      this.#cut();
      return true;
    }
    this.#successesSinceCut = 0;
    if (level - 1 < this.#min) {
      // Refused with (almost) nothing else open: not a cap on how many are open.
      this.#cut();
      return true;
    }
    this.#patience = level === this.#ceiling ? Math.min(this.#patience * 2 || this.#probeAfter, this.#probeAfter * 32) : this.#probeAfter;
    this.#ceiling = level;
    // Down to below the level refused at once: a cap refuses every level above it, and cutting
    // by 0.9 per round trip would pay one round of refusals for each step down.
    this.#cut(level - 1);
    return true;
  }

  #cut(below = Number.POSITIVE_INFINITY): void {
    const next = Math.max(this.#min, Math.min(below, Math.floor(this.#limit * this.#backoffRatio)));
    if (next !== this.#limit) this.#set(next, 'drop');
  }

  #remember(level: number, dropped: boolean): void {
    this.#recent.push({ level, dropped });
    if (this.#recent.length > RECENT_OUTCOMES) this.#recent.shift();
  }

  /** Of the recent outcomes sent at `level` or above, the share refused. */
  #dropShare(level: number): number {
    let drops = 0;
    let all = 0;
    for (const outcome of this.#recent) {
      if (outcome.level < level) continue;
      all++;
      if (outcome.dropped) drops++;
    }
    return all === 0 ? 1 : drops / all;
  }

  #set(limit: number, reason: LimitChangeReason): void {
    this.#changes++;
    this.#limit = limit;
    for (const listener of [...this.#listeners]) listener(limit, reason);
  }
}

/** How many outcomes `lossTolerance` looks back over. */
const RECENT_OUTCOMES = 50;

function checkWhole(name: string, value: number, least: number): number {
  if (!Number.isInteger(value) || value < least) {
    throw new TypeError(`Expected \`${name}\` to be a whole number from ${least} and up, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}
