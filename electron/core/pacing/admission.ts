import { AdaptiveLimit } from './adaptive-limit.js';
import { AnswerSizes, type AnswerRoomRequest } from './answer-sizes.js';
import { ProviderBudget, type BudgetLimits, type BudgetMark } from './budget.js';
import { readRateLimitHeaders, type HeadersLike, type RateLimitHeaders } from './rate-limit-headers.js';

/** How a request ended, as far as pacing cares. */
export type Outcome =
  /** An answer came (even one the caller rejects later as a bad answer). */
  | 'ok'
  /** Turned away for load: a 429 `rate_limit_exceeded`, or a local server's 503 "queue full". */
  | 'rate-limited'
  /** Anything else (500, network, cancelled): says nothing about load, so the limit does not move. */
  | 'error';

export interface ReleaseReport {
  /** Default `'ok'`. */
  outcome?: Outcome;
  /** The tokens the provider says the request used (`usage.total_tokens`). */
  actualTokens?: number;
  /** The answer's headers, 429s included: their `x-ratelimit-*` teach the budget. */
  headers?: HeadersLike;
  /** The answer's `usage.completion_tokens`: teaches the room its kind of request needs (`AnswerSizes`). */
  completionTokens?: number;
  /** The answer was cut off for lack of room (`finish_reason: 'length'`): counted, not learned from. */
  cutOff?: boolean;
}

/**
 * Gives back a permit, and says how the request went. Safe to call twice (the second call does
 * nothing). A plain `release()` is an `'ok'` with nothing learned.
 */
export type Release = (report?: ReleaseReport) => void;

/**
 * A permit: its release, and, when the request asked for room for its answer, the room given
 * (send it as `max_completion_tokens`: it is what the request was charged for).
 */
export type Permit = Release & { readonly maxCompletionTokens?: number };

/** The timer functions the gate uses, so a test can run it on a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AdmissionOptions extends BudgetLimits {
  /** Most requests in flight at once, whatever the adaptive limit learns (`--max-requests`). Default 8. */
  maxInFlight?: number;
  /** The adaptive limit's start, from 1 to `maxInFlight`. Default the smaller of 4 and `maxInFlight`; 1 suits a local server. */
  initialInFlight?: number;
  /** Passed to `AdaptiveLimit`: grow by half the limit per round trip until the first cut. Default true. */
  slowStart?: boolean;
  /** Passed to `ProviderBudget`: share of the limits to aim at. Default 0.95. */
  headroom?: number;
  /** Passed to `ProviderBudget`: burst allowed after an idle spell, in ms of refill. Default 0. */
  burstMs?: number;
  /**
   * Give back the tokens a request reserved and did not use. Only for providers that bill real
   * usage against the limit; OpenAI keeps the whole reservation. (A request that used more than
   * its reservation is always charged the rest.) Default false.
   */
  refundUnusedTokens?: boolean;
  /** What answers of each kind have needed, for the room each request gets. Default a new one. */
  answerSizes?: AnswerSizes;
  /** The clock. Default `Date.now`. */
  now?: () => number;
  /** Default the global `setTimeout` / `clearTimeout`. */
  timers?: Timers;
}

/** A 429 this soon after the budget held a request back is taken for the budget's. */
const BUDGET_BOUND_MS = 1000;

interface Waiter {
  priority: number;
  order: number;
  /** The prompt's tokens, or the whole charge when `answer` is not given. */
  tokens: number;
  answer?: AnswerRoomRequest;
  resolve: (permit: Permit) => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/**
 * Admission to the LLM provider, one for the whole app: a request goes when fewer than the adaptive
 * limit are in flight AND the request and token budgets have room for it. Waiters are served by
 * priority (lower first), then in arrival order; the first in line waits for the budget rather
 * than being overtaken by smaller requests, so a large request is never starved.
 *
 * It has the interface of the workflow's `RequestPermits` (`acquire(priority, signal)` → `Release`,
 * `coolDown(ms)`), plus the request's estimated token cost and a release that reports the outcome.
 *
 * A 429 does not hold everyone back for its `retry-after` (the old shared cool-down's flaw, which
 * sent every job back at the same instant into the same limit): the refused request waits its own
 * `retry-after` (the caller's job) and asks again; its release cuts the adaptive limit, once per
 * burst; and the budget, taught by the headers, paces the rest.
 */
export class Admission {
  #budget: ProviderBudget;
  #limit: AdaptiveLimit;
  #answerSizes: AnswerSizes;
  #refund: boolean;
  #now: () => number;
  #timers: Timers;
  #waiting: Waiter[] = [];
  #order = 0;
  #inFlight = 0;
  #peakInFlight = 0;
  #coolUntil = 0;
  #blockedUntil: number | undefined;
  /** When the budget last held a request back: a 429 soon after is the budget's, not the in-flight level's. */
  #budgetHeldAt = Number.NEGATIVE_INFINITY;
  #timer: unknown;

  constructor(options: AdmissionOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#timers = options.timers ?? { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };
    const maxInFlight = options.maxInFlight ?? 8;
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
      throw new TypeError(`Expected \`maxInFlight\` to be a whole number from 1 and up, got \`${String(maxInFlight)}\` (${typeof maxInFlight})`);
    }
    const initial = options.initialInFlight ?? Math.min(4, maxInFlight);
    if (!Number.isInteger(initial) || initial < 1 || initial > maxInFlight) {
      throw new TypeError(`Expected \`initialInFlight\` to be a whole number from 1 to ${maxInFlight}, got \`${String(initial)}\` (${typeof initial})`);
    }
    this.#limit = new AdaptiveLimit({ initial, min: 1, max: maxInFlight, now: this.#now, slowStart: options.slowStart ?? true });
    this.#budget = new ProviderBudget({ rpm: options.rpm, tpm: options.tpm, headroom: options.headroom, burstMs: options.burstMs, now: this.#now });
    this.#refund = options.refundUnusedTokens ?? false;
    this.#answerSizes = options.answerSizes ?? new AnswerSizes();
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.#inFlight;
  }
  /** Requests waiting for admission. */
  get pending(): number {
    return this.#waiting.length;
  }
  /** Most requests ever in flight at once: lets tests and benchmarks see the limit held. */
  get peakInFlight(): number {
    return this.#peakInFlight;
  }
  /** The adaptive in-flight limit now. */
  get limit(): number {
    return this.#limit.limit;
  }
  /** The adaptive limit itself: `onDidChangeLimit` for the job log. */
  get adaptiveLimit(): AdaptiveLimit {
    return this.#limit;
  }
  /** What answers have needed: the room each request gets, remembered across runs by the orchestrator. */
  get answerSizes(): AnswerSizes {
    return this.#answerSizes;
  }
  /** The budget itself: `reportedLimits` for `doctor`. */
  get budget(): ProviderBudget {
    return this.#budget;
  }

  /**
   * When the first in line waits for the rate limit (the budget, or a cool-down), the time it
   * expects to go, for "waiting for the rate limit, 12 s"; else `undefined` (nothing waits, or
   * what waits waits for a request in flight to finish).
   */
  get waitingForRateLimitUntil(): number | undefined {
    const until = this.#blockedUntil;
    return until !== undefined && this.#waiting.length > 0 && until > this.#now() ? until : undefined;
  }

  get maxInFlight(): number {
    return this.#limit.max;
  }
  /** Changes the ceiling of the adaptive limit (Settings). */
  set maxInFlight(value: number) {
    this.#limit.max = value;
    this.#drain();
  }

  /** The limits set by hand (`--rpm`, `--tpm`, Settings). */
  get limits(): BudgetLimits {
    return this.#budget.limits;
  }
  set limits(limits: BudgetLimits) {
    this.#budget.limits = limits;
    this.#drain();
  }

  /**
   * Resolves with a permit when the request may go. Lower `priority` goes first. `tokens` is what
   * the provider will charge it (`requestCost`); without it only the request budget applies.
   * With `answer`, `tokens` is the prompt's estimate only: the admission gives the answer its room
   * (`AnswerSizes.room`, decided when the request goes, from every answer learned by then), charges
   * it, and the permit says it (`maxCompletionTokens`); its release teaches the answer's size.
   * An abort while waiting rejects with the signal's reason and takes nothing.
   */
  acquire(priority: number, signal?: AbortSignal, tokens = 0, answer?: AnswerRoomRequest): Promise<Permit> {
    if (typeof tokens !== 'number' || !Number.isFinite(tokens) || tokens < 0) {
      return Promise.reject(new TypeError(`Expected \`tokens\` to be a number from 0 and up, got \`${String(tokens)}\` (${typeof tokens})`));
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { priority, order: this.#order++, tokens, ...(answer ? { answer } : {}), resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.#waiting = this.#waiting.filter((w) => w !== waiter);
          reject(signal.reason);
          this.#drain();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      const at = this.#waiting.findIndex((w) => w.priority > priority);
      if (at === -1) this.#waiting.push(waiter);
      else this.#waiting.splice(at, 0, waiter);
      this.#drain();
    });
  }

  /**
   * Holds new requests back for `ms` — but only while no limit is known (none set by hand, none
   * reported): then a `retry-after` is the only clue there is. Once the budget knows a limit, it
   * paces by it, and a cool-down would only repeat the shared stall this class exists to avoid.
   */
  coolDown(ms: number): void {
    this.#coolUntil = Math.max(this.#coolUntil, this.#now() + Math.max(0, ms));
    this.#drain();
  }

  #drain(): void {
    if (this.#timer !== undefined) {
      this.#timers.clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#blockedUntil = undefined;
    const now = this.#now();
    while (this.#waiting.length > 0 && this.#inFlight < this.#limit.limit) {
      const head = this.#waiting[0]!;
      const room = head.answer ? this.#answerSizes.room(head.answer) : undefined;
      const cost = head.tokens + (room ?? 0);
      let wait = this.#budget.waitTimeMs(cost, now);
      if (wait > 0) this.#budgetHeldAt = now;
      if (!this.#budget.isKnown) wait = Math.max(wait, this.#coolUntil - now);
      if (wait > 0) {
        this.#blockedUntil = now + wait;
        this.#timer = this.#timers.setTimeout(() => {
          this.#timer = undefined;
          this.#drain();
        }, wait);
        return;
      }
      this.#waiting.shift();
      if (head.onAbort) head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve(this.#admit(cost, now, head.answer, room));
    }
  }

  #admit(cost: number, now: number, answer: AnswerRoomRequest | undefined, room: number | undefined): Permit {
    const burstingWhenSent = this.#budget.bursting;
    const mark = this.#budget.take(cost, now);
    this.#inFlight++;
    this.#peakInFlight = Math.max(this.#peakInFlight, this.#inFlight);
    const inFlightWhenSent = this.#inFlight;
    const cutsWhenSent = this.#limit.cuts;
    const changesWhenSent = this.#limit.changes;
    const limitWhenSent = this.#limit.limit;
    let released = false;
    const release: Release = (report: ReleaseReport = {}) => {
      if (released) return;
      released = true;
      this.#inFlight--;
      if (answer && report.completionTokens !== undefined && (report.outcome ?? 'ok') === 'ok') {
        this.#answerSizes.record(answer.model, answer.kind, report.completionTokens, report.cutOff === true);
      }
      this.#learn(report, { cost, mark, inFlightWhenSent, cutsWhenSent, changesWhenSent, limitWhenSent, burstingWhenSent });
      this.#drain();
    };
    return room === undefined ? release : Object.assign(release, { maxCompletionTokens: room });
  }

  #learn(report: ReleaseReport, sent: SentRequest): void {
    const { cost, mark, inFlightWhenSent, cutsWhenSent, changesWhenSent, limitWhenSent } = sent;
    const now = this.#now();
    if (report.headers) this.#budget.updateFromHeaders(readRateLimitHeaders(report.headers), now, mark);
    const actual = report.actualTokens;
    if (actual !== undefined && Number.isFinite(actual) && actual >= 0 && (actual > cost || this.#refund)) this.#budget.settle(cost, actual, now);
    const outcome = report.outcome ?? 'ok';
    if (outcome === 'ok') this.#limit.onSuccess(inFlightWhenSent, changesWhenSent, limitWhenSent);
    else if (outcome === 'rate-limited') {
      // A 429 that comes while the budget is what holds requests back, or whose headers show the
      // provider's bucket a second's slice down, is the budget's: its headers correct the budget,
      // which paces the next ones (and a burst the provider refused is not tried again). Otherwise
      // the budget had room: a concurrency cap, a local server's full queue, or a spike on the
      // provider's side, which the adaptive limit tells apart (a lone refusal, followed by answers
      // at its level, is a spike: the request waits its own retry-after and the limit stays).
      const reported = report.headers ? readRateLimitHeaders(report.headers) : {};
      const budgetBound = providerShort(reported, cost) || (this.#budget.isKnown && now - this.#budgetHeldAt <= BUDGET_BOUND_MS);
      if (budgetBound && sent.burstingWhenSent) this.#budget.dropReportedBurst(now);
      this.#limit.onDrop(cutsWhenSent, inFlightWhenSent, budgetBound ? 'budget' : 'load');
    }
  }
}

interface SentRequest {
  cost: number;
  mark: BudgetMark;
  inFlightWhenSent: number;
  cutsWhenSent: number;
  changesWhenSent: number;
  limitWhenSent: number;
  /** The budget held a burst when the request went: a refusal says the provider does not allow it. */
  burstingWhenSent: boolean;
}

/**
 * Whether a refusal's headers show the provider's bucket too low for the request: a limit and
 * what remains of it, with more than one second's slice of the minute used (a provider enforcing
 * "a minute's limit per second" refuses there, while `remaining` still looks far from zero).
 */
function providerShort(reported: RateLimitHeaders, cost: number): boolean {
  const short = (limit: number | undefined, remaining: number | undefined, need: number) =>
    limit !== undefined && remaining !== undefined && remaining < limit - limit / 60 + need;
  return short(reported.limitRequests, reported.remainingRequests, 1) || short(reported.limitTokens, reported.remainingTokens, cost);
}
