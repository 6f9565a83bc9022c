// The limits an OpenAI-compatible provider puts on one account, for the fake server: request and
// token budgets per minute enforced per second, with OpenAI's x-ratelimit-* headers and 429 bodies;
// a concurrency cap the client is not told about (429, or 503 "queue full" as a local server
// answers); random 429s; and credit that runs out (insufficient_quota).
//
// Enforcement model. Each budget (requests, tokens) is one token bucket:
//   - it refills continuously at limit/60 per second (limit/60000 per ms);
//   - it holds at most one second's slice, limit/60: a request is let in only while the bucket
//     holds its cost, or — for a request bigger than a whole slice — only while it is full, so that
//     no request is refused for ever ("60,000 a minute may be enforced as 1,000 a second");
//   - its cost is charged when the request is let in; the bucket may go below zero (a big request,
//     refused requests), but never more than a whole minute's limit below full, as a per-minute
//     window remembers nothing older than a minute.
// One number, the deficit (how much the bucket lacks to be full), describes both views: the
// headers report the minute (remaining = limit − deficit, reset = deficit ÷ rate: "until the
// bucket is full again"), admission looks at the second (deficit ≤ slice − cost). So, as with
// OpenAI, `x-ratelimit-remaining-tokens` can be far above zero when a burst is refused.
//
// What a request costs: one request, and its prompt estimate (JSON length of `messages` ÷ 4, as the
// fake server's `usage.prompt_tokens`) plus its `max_completion_tokens` (or `max_tokens`), or
// `defaultCompletionTokens` when it sets neither. Every request that reaches the server uses one
// request of the budget whatever its answer (OpenAI: "unsuccessful requests contribute to your
// per-minute limit"); only admitted requests use tokens, and nothing is refunded when the answer
// is shorter than `max_completion_tokens`.
//
// Checks, in order: credit (insufficient_quota), request budget, token budget, concurrency cap,
// random 429. A budget refusal's `retry-after-ms` is the time until both budgets would let this same
// request in, if nothing else arrives meanwhile.
//
// Not modelled: OpenAI's "Request too large" refusal of a single request above the whole minute's
// token limit (here it is let in once the bucket is full), daily limits, and per-model limits.

export interface ProviderLimitsOptions {
  /** Requests per minute, enforced per second (rpm/60 a second). Default: no request budget. */
  rpm?: number;
  /** Tokens per minute, enforced per second (tpm/60 a second). Default: no token budget. */
  tpm?: number;
  /** Most requests open at once; one more is refused with `concurrencyStatus`, and no header tells the cap. Default: no cap. */
  maxConcurrent?: number;
  /** 429 as a gateway answers, or 503 `{ error: { message: 'queue full' } }` as a local server (Ollama) answers. Default 429. */
  concurrencyStatus?: 429 | 503;
  /** Refuses a request that passed every other check with this probability, with `retry-after: retryAfterSeconds`. Default: never. */
  randomRateLimit?: { probability: number; retryAfterSeconds: number; random?: () => number };
  /** Once this many requests have been admitted (paid for), every later one gets 429 insufficient_quota. Default: unlimited credit. */
  insufficientQuotaAfter?: number;
  /** Tokens charged for the answer when a request sets neither `max_completion_tokens` nor `max_tokens`. Default 1000. */
  defaultCompletionTokens?: number;
  /** The model named in 429 messages when `admit` is not told one. Default 'gpt-4o-mini'. */
  model?: string;
  /** Clock in milliseconds. Default `performance.now()`. */
  now?: () => number;
}

export interface RequestEstimate {
  /** Prompt tokens, as `estimateRequest` counts them. */
  promptTokens: number;
  /** The request's `max_completion_tokens` (or `max_tokens`); undefined charges `defaultCompletionTokens`. */
  maxCompletionTokens?: number | undefined;
  /** For 429 messages. */
  model?: string | undefined;
}

export type RefusalReason = 'requests' | 'tokens' | 'concurrency' | 'random' | 'quota';

export interface Admitted {
  ok: true;
  /** The x-ratelimit-* headers to send with the answer. */
  headers: Record<string, string>;
  /** Frees the request's concurrency slot once its answer is over; safe to call twice. */
  done(): void;
}

export interface Refused {
  ok: false;
  status: 429 | 503;
  reason: RefusalReason;
  headers: Record<string, string>;
  body: { error: { message: string; type?: string; code?: string } };
}

export type Admission = Admitted | Refused;

export interface ProviderLimitsStats {
  admitted: number;
  refused: number;
  refusedByReason: Record<RefusalReason, number>;
  /** Most requests admitted and not yet done at once. */
  peakConcurrent: number;
}

/** The prompt and answer tokens a Chat Completions request is charged: the estimate the fake server uses for `usage.prompt_tokens`. */
export function estimateRequest(body: {
  messages: unknown;
  max_completion_tokens?: number | null;
  max_tokens?: number | null;
  model?: string;
}): RequestEstimate {
  return {
    promptTokens: JSON.stringify(body.messages).length >> 2,
    maxCompletionTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    model: body.model,
  };
}

/**
 * A duration as Go's `time.Duration.String()` prints it, which is what OpenAI's reset headers hold:
 * `0s`, `20ms`, `1.5s`, `2m52.8s`, `6m0s`, `1h0m0s`. Rounded up to whole milliseconds.
 */
export function formatGoDuration(ms: number): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new TypeError(`Expected \`ms\` to be a finite number from 0 and up, got \`${String(ms)}\` (${typeof ms})`);
  }
  const total = Math.max(0, Math.ceil(ms - TIME_EPSILON_MS));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const millis = total % 60_000;
  const fraction = millis % 1000 === 0 ? '' : `.${String(millis % 1000).padStart(3, '0').replace(/0+$/, '')}`;
  const seconds = `${Math.floor(millis / 1000)}${fraction}s`;
  return (hours > 0 ? `${hours}h` : '') + (hours > 0 || minutes > 0 ? `${minutes}m` : '') + seconds;
}

/** Waits shorter than this count as none: float error must not refuse a request retried on time. */
const TIME_EPSILON_MS = 1e-6;

/** One per-minute budget enforced per second; see the enforcement model at the top. */
class Budget {
  readonly limit: number;
  /** How much the bucket lacks to be full: 0 when full, up to `limit`. */
  #deficit = 0;
  #at: number;

  constructor(limit: number, now: number) {
    this.limit = limit;
    this.#at = now;
  }

  /** What the bucket can hold: one second of the minute's limit. */
  get slice(): number {
    return this.limit / 60;
  }
  get #perMs(): number {
    return this.limit / 60_000;
  }
  /** Used and not yet refilled: the "Used" of OpenAI's 429 message. */
  get used(): number {
    return Math.ceil(this.#deficit);
  }
  get remaining(): number {
    return Math.max(0, Math.floor(this.limit - this.#deficit));
  }
  /** Until the bucket is full again. */
  get resetMs(): number {
    return this.#deficit / this.#perMs;
  }

  refill(now: number): void {
    this.#deficit = Math.max(0, this.#deficit - Math.max(0, now - this.#at) * this.#perMs);
    this.#at = Math.max(this.#at, now);
  }
  /** Until a request of this cost would be let in, 0 if now. */
  waitMs(cost: number): number {
    const wait = (this.#deficit - Math.max(0, this.slice - cost)) / this.#perMs;
    return wait <= TIME_EPSILON_MS ? 0 : wait;
  }
  charge(cost: number): void {
    this.#deficit = Math.min(this.limit, this.#deficit + cost);
  }
}

type ResolvedOptions = Required<Omit<ProviderLimitsOptions, 'rpm' | 'tpm' | 'maxConcurrent' | 'randomRateLimit' | 'insufficientQuotaAfter'>> &
  Pick<ProviderLimitsOptions, 'rpm' | 'tpm' | 'maxConcurrent' | 'randomRateLimit' | 'insufficientQuotaAfter'>;

export class ProviderLimits {
  readonly #options: ResolvedOptions;
  readonly #requests: Budget | undefined;
  readonly #tokens: Budget | undefined;
  #inFlight = 0;
  #stats: ProviderLimitsStats = {
    admitted: 0,
    refused: 0,
    refusedByReason: { requests: 0, tokens: 0, concurrency: 0, random: 0, quota: 0 },
    peakConcurrent: 0,
  };

  constructor(options: ProviderLimitsOptions = {}) {
    this.#options = { concurrencyStatus: 429, defaultCompletionTokens: 1000, model: 'gpt-4o-mini', now: () => performance.now(), ...options };
    validate(this.#options);
    const now = this.#options.now();
    this.#requests = this.#options.rpm === undefined ? undefined : new Budget(this.#options.rpm, now);
    this.#tokens = this.#options.tpm === undefined ? undefined : new Budget(this.#options.tpm, now);
  }

  /** Requests admitted and not yet done. */
  get inFlight(): number {
    return this.#inFlight;
  }

  get stats(): ProviderLimitsStats {
    return { ...this.#stats, refusedByReason: { ...this.#stats.refusedByReason } };
  }

  /** Decides one arriving request: let it in (call `done()` when its answer is over) or refuse it. */
  admit(request: RequestEstimate): Admission {
    const { rpm, tpm, maxConcurrent, concurrencyStatus, randomRateLimit, insufficientQuotaAfter } = this.#options;
    const model = request.model ?? this.#options.model;
    const tokens = request.promptTokens + (request.maxCompletionTokens ?? this.#options.defaultCompletionTokens);
    const requests = this.#requests;
    const tokenBudget = this.#tokens;
    const now = this.#options.now();
    requests?.refill(now);
    tokenBudget?.refill(now);

    // Every request that arrives uses one of the request budget, whatever its answer.
    const requestsUsed = requests?.used ?? 0;
    const requestsRefused = requests !== undefined && requests.waitMs(1) > 0;
    requests?.charge(1);

    if (insufficientQuotaAfter !== undefined && this.#stats.admitted >= insufficientQuotaAfter) {
      return this.#refuse('quota', 429, {
        error: {
          message: 'You exceeded your current quota, please check your plan and billing details.',
          type: 'insufficient_quota',
          code: 'insufficient_quota',
        },
      });
    }

    const tokensRefused = tokenBudget !== undefined && tokenBudget.waitMs(tokens) > 0;
    if (requestsRefused || tokensRefused) {
      // Enough for this same request to pass both budgets when it comes back.
      const waitMs = Math.max(requests?.waitMs(1) ?? 0, tokenBudget?.waitMs(tokens) ?? 0);
      const [reason, per, limit, used, requested] = requestsRefused
        ? (['requests', 'requests per min (RPM)', rpm!, requestsUsed, 1] as const)
        : (['tokens', 'tokens per min (TPM)', tpm!, tokenBudget!.used, tokens] as const);
      return this.#refuse(
        reason,
        429,
        {
          error: {
            message:
              `Rate limit reached for ${model} in organization org-fluentpro-test on ${per}: ` +
              `Limit ${limit}, Used ${used}, Requested ${requested}. Please try again in ${formatGoDuration(waitMs)}. ` +
              'Visit https://platform.openai.com/account/rate-limits to learn more.',
            type: reason,
            code: 'rate_limit_exceeded',
          },
        },
        waitMs,
      );
    }

    if (maxConcurrent !== undefined && this.#inFlight >= maxConcurrent) {
      return concurrencyStatus === 503
        ? this.#refuse('concurrency', 503, { error: { message: 'queue full' } })
        : this.#refuse('concurrency', 429, {
            error: { message: `Too many concurrent requests for ${model}. Please slow down.`, type: 'requests', code: 'rate_limit_exceeded' },
          });
    }

    if (randomRateLimit && randomRateLimit.probability > 0 && (randomRateLimit.random ?? Math.random)() < randomRateLimit.probability) {
      const seconds = randomRateLimit.retryAfterSeconds;
      return this.#refuse(
        'random',
        429,
        {
          error: {
            message: `The server is overloaded with requests for ${model}. Please try again in ${formatGoDuration(seconds * 1000)}.`,
            type: 'requests',
            code: 'rate_limit_exceeded',
          },
        },
        seconds * 1000,
      );
    }

    tokenBudget?.charge(tokens);
    this.#stats.admitted++;
    this.#inFlight++;
    this.#stats.peakConcurrent = Math.max(this.#stats.peakConcurrent, this.#inFlight);
    let open = true;
    return {
      ok: true,
      headers: this.#rateLimitHeaders(),
      done: () => {
        if (!open) return;
        open = false;
        this.#inFlight--;
      },
    };
  }

  #refuse(reason: RefusalReason, status: 429 | 503, body: Refused['body'], retryAfterMs?: number): Refused {
    this.#stats.refused++;
    this.#stats.refusedByReason[reason]++;
    const headers = this.#rateLimitHeaders();
    if (retryAfterMs !== undefined) {
      const ms = Math.max(0, Math.ceil(retryAfterMs - TIME_EPSILON_MS));
      headers['retry-after-ms'] = String(ms);
      headers['retry-after'] = String(Math.ceil(ms / 1000));
    }
    return { ok: false, status, reason, headers, body };
  }

  /** OpenAI's headers for the budgets that are set, after this request's charges. */
  #rateLimitHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, budget] of [
      ['requests', this.#requests],
      ['tokens', this.#tokens],
    ] as const) {
      if (!budget) continue;
      headers[`x-ratelimit-limit-${name}`] = String(budget.limit);
      headers[`x-ratelimit-remaining-${name}`] = String(budget.remaining);
      headers[`x-ratelimit-reset-${name}`] = formatGoDuration(budget.resetMs);
    }
    return headers;
  }
}

function validate(options: ResolvedOptions): void {
  const describe = (value: unknown): string => `\`${String(value)}\` (${typeof value})`;
  const positive = (name: string, value: unknown): void => {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new TypeError(`Expected \`${name}\` to be a number above 0, got ${describe(value)}`);
    }
  };
  const wholeFrom = (name: string, value: unknown, from: number): void => {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < from) {
      throw new TypeError(`Expected \`${name}\` to be a whole number from ${from} and up, got ${describe(value)}`);
    }
  };
  positive('rpm', options.rpm);
  positive('tpm', options.tpm);
  wholeFrom('maxConcurrent', options.maxConcurrent, 1);
  wholeFrom('insufficientQuotaAfter', options.insufficientQuotaAfter, 0);
  wholeFrom('defaultCompletionTokens', options.defaultCompletionTokens, 0);
  if (options.concurrencyStatus !== 429 && options.concurrencyStatus !== 503) {
    throw new TypeError(`Expected \`concurrencyStatus\` to be 429 or 503, got ${describe(options.concurrencyStatus)}`);
  }
  const random = options.randomRateLimit;
  if (random !== undefined) {
    const { probability, retryAfterSeconds } = random;
    if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
      throw new TypeError(`Expected \`randomRateLimit.probability\` to be a number from 0 to 1, got ${describe(probability)}`);
    }
    if (typeof retryAfterSeconds !== 'number' || !Number.isFinite(retryAfterSeconds) || retryAfterSeconds < 0) {
      throw new TypeError(`Expected \`randomRateLimit.retryAfterSeconds\` to be a number from 0 and up, got ${describe(retryAfterSeconds)}`);
    }
  }
}
