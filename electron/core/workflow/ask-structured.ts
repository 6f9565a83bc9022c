import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { Usage } from '../course/course-schema.js';
import type { JsonSchemaFormat } from '../course/structured-output.js';
import { smallestAnswerTokens } from '../pacing/answer-sizes.js';
import { headersFromValues } from '../pacing/rate-limit-headers.js';
import { estimatePromptTokens } from '../pacing/token-estimate.js';
import { ProviderError, type LlmAnswer, type LlmMessage, type LlmProvider, type LlmTask } from '../providers/provider.js';
import type { ReleaseReport, RequestPermits } from './request-gate.js';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy.js';

/** The model kept answering something that is not a valid course part. */
export class InvalidAnswerError extends Error {
  readonly code = 'INVALID_ANSWER';
  constructor(
    message: string,
    readonly problems: string[],
    /** What the refused answers cost: paid for, even though unusable. */
    readonly usage: Usage = { requests: 0, promptTokens: 0, completionTokens: 0 },
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

/** The job's signal fired: stop quietly, keep what is done. */
export class CancelledError extends Error {
  readonly code = 'CANCELLED';
  constructor() {
    super('cancelled');
    this.name = this.constructor.name;
  }
}

export interface AskContext {
  provider: LlmProvider;
  permits: RequestPermits;
  retry: RetryPolicy;
  /** Requests of lower numbers go first when permits are scarce (earlier jobs finish first). */
  priority: number;
  signal?: AbortSignal;
  /** Invalid answers sent back to the model with their errors before giving up. Default 2. */
  maxRepairs?: number;
  /** Told before each wait for the provider's rate limit, for the job's log. */
  onRateLimitWait?: (wait: RateLimitWait) => void;
  /**
   * Told when the provider refuses for a reason that stops every job (no credit left:
   * `insufficient_quota`), before the error is thrown; the runner stops the other jobs.
   */
  onProviderStop?: (error: ProviderError) => void;
  /**
   * Told of every answer the provider sent, usable or not, the moment it arrives: what it was
   * paid, counted against the job whether or not the step it belongs to is ever finished.
   */
  onAnswered?: (usage: Usage) => void;
  /**
   * Told when an answer ran out of the room it was given (`finish_reason: 'length'` below the
   * kind's cap) and is asked again with more: paid for, rare, and said in the job's log.
   */
  onCutOff?: (cut: AnswerCutOff) => void;
}

/** An answer cut off for lack of room: its kind, the room it had, the room it is asked again with. */
export interface AnswerCutOff {
  kind: string;
  room: number;
  nextRoom: number;
}

/** One wait for the provider's rate limit. */
export interface RateLimitWait {
  ms: number;
  /** Why, in a few words: "429 from the provider", "503 from the server (busy)". */
  reason: string;
}

/**
 * The longest answer each kind of request may get (`max_completion_tokens`): the cap of the room
 * the admission gives (`pacing/answer-sizes.ts`), which is learned from the answers, because the
 * provider charges the room on admission and a lesson given 4,000 that writes 2,000 runs at half
 * the rate a token limit allows. Until a few answers of a kind are in, the cap is the room;
 * generous, so that a complete answer is not cut. A lesson with all its sections runs 1,500–3,000
 * tokens; an outline part (up to a dozen lessons' plans) 1,000–2,500; a list of new terms and one
 * repaired lesson part a few hundred.
 */
export const MAX_COMPLETION_TOKENS: Readonly<Record<LlmTask['kind'], number>> = {
  'outline-part': 4000,
  'new-terms': 1000,
  lesson: 4000,
  'lesson-part': 2000,
};

/** What `accept` makes of a schema-valid answer: a value to keep, or problems the model must fix. */
export type Accepted<U> = { ok: true; value: U } | { ok: false; problems: string[] };

export interface AskRequest<T, U = T> {
  task: LlmTask;
  messages: LlmMessage[];
  format: JsonSchemaFormat;
  /** What the answer must be before anything else looks at it (often just "a JSON object"). */
  schema: z.ZodType<T>;
  /**
   * Repairs what the program can and keeps what is usable; only when nothing is usable does it
   * return problems, in words the model can act on, and the answer is sent back.
   */
  accept?: (value: T) => Accepted<U>;
}

export interface Answer<T> {
  value: T;
  usage: Usage;
}

/**
 * One structured answer: rate limits are waited out (see `completeWithRetry`), other transient
 * failures are retried with backoff, and an answer that does not match the schema is sent back
 * with its errors, a bounded number of times.
 */
export async function askStructured<T, U = T>(ctx: AskContext, request: AskRequest<T, U>): Promise<Answer<U>> {
  const usage: Usage = { requests: 0, promptTokens: 0, completionTokens: 0 };
  const messages = [...request.messages];
  const maxRepairs = ctx.maxRepairs ?? 2;
  const cap = MAX_COMPLETION_TOKENS[request.task.kind];
  let problems: string[] = [];
  let atLeast = 0;
  for (let round = 0; round <= maxRepairs; round++) {
    const answer = await completeWithRetry(ctx, { ...request, messages }, atLeast);
    usage.requests++;
    usage.promptTokens += answer.promptTokens;
    usage.completionTokens += answer.completionTokens;
    ctx.onAnswered?.({ requests: 1, promptTokens: answer.promptTokens, completionTokens: answer.completionTokens });
    if (answer.finishReason === 'length' && answer.room < cap) {
      // Cut off for lack of the room it was given, not for anything the model did: the same
      // question again with twice the room (at most the cap), using no repair round. Paid, and
      // counted by the admission (`answerSizes.stats.cutOff`).
      atLeast = Math.min(cap, answer.room * 2);
      ctx.onCutOff?.({ kind: request.task.kind, room: answer.room, nextRoom: atLeast });
      round--;
      continue;
    }
    const outcome = validate(answer.text, answer.finishReason, request);
    if (outcome.ok) return { value: outcome.value, usage };
    problems = outcome.problems;
    messages.push(
      { role: 'assistant', content: answer.text.slice(0, 20_000) },
      { role: 'user', content: `That answer cannot be used:\n${problems.map((p) => `- ${p}`).join('\n')}\nAnswer again with the complete, corrected JSON object.` },
    );
  }
  throw new InvalidAnswerError(
    `the model's answer did not fit the course format after ${maxRepairs + 1} tries: ${problems.slice(0, 3).join('; ')}`,
    problems,
    usage,
  );
}

function validate<T, U>(text: string, finishReason: string, request: AskRequest<T, U>): Accepted<U> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const cut = finishReason === 'length' ? ' (the answer was cut off: keep it shorter)' : '';
    return { ok: false, problems: [`the answer is not complete JSON${cut}: ${(error as Error).message}`] };
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
    };
  }
  return request.accept ? request.accept(parsed.data) : { ok: true, value: parsed.data as unknown as U };
}

/**
 * One request, asked until it gets an answer:
 * - A rate-limit answer (429 `rate_limit_exceeded`, a local server's 503) is "wait", never "fail":
 *   it does not use up an attempt; the request waits what the provider asked (`retry-after-ms`,
 *   `retry-after`; else backoff with jitter) and asks again, bounded only by the policy's
 *   `rateLimitDeadlineMs` from the first attempt, and by cancel. Only this request waits: the
 *   shared admission, taught by the answer's headers, paces everyone else.
 * - A 429 `insufficient_quota` is never retried: `onProviderStop` is told, and it is thrown.
 * - Server errors, timeouts, cut connections and unreadable answers have `maxAttempts` in all.
 * Every permit is released with what the request taught: its outcome, headers and tokens, and the
 * answer's size. The room for the answer (`max_completion_tokens`) is the permit's: learned from
 * earlier answers of this kind on this model, at least `atLeast`, at most the kind's cap.
 */
async function completeWithRetry(ctx: AskContext, request: Pick<AskRequest<unknown>, 'task' | 'messages' | 'format'>, atLeast = 0): Promise<LlmAnswer & { room: number }> {
  const cap = MAX_COMPLETION_TOKENS[request.task.kind];
  const promptTokens = estimatePromptTokens(request.messages);
  const room = { kind: request.task.kind, model: ctx.provider.model, cap, floor: smallestAnswerTokens(request.format.schema), atLeast };
  const deadline = Date.now() + (ctx.retry.rateLimitDeadlineMs ?? DEFAULT_RETRY_POLICY.rateLimitDeadlineMs);
  let failures = 0;
  let waits = 0;
  for (;;) {
    if (ctx.signal?.aborted) throw new CancelledError();
    let release;
    try {
      // A request asked again (after a 429, a 500, a cut connection) is already late, and its
      // course waits for it alone: it goes ahead of first asks, which have time in hand.
      const priority = failures + waits > 0 ? ctx.priority - RETRY_PRIORITY_BOOST : ctx.priority;
      release = await ctx.permits.acquire(priority, ctx.signal, promptTokens, room);
    } catch {
      throw new CancelledError();
    }
    const maxCompletionTokens = release.maxCompletionTokens ?? cap;
    let error: ProviderError;
    try {
      const answer = await ctx.provider.complete({ ...request, maxCompletionTokens, signal: ctx.signal });
      release({
        outcome: 'ok',
        headers: asHeaders(answer.rateLimitHeaders),
        actualTokens: answer.promptTokens + answer.completionTokens,
        completionTokens: answer.completionTokens,
        cutOff: answer.finishReason === 'length',
      });
      return { ...answer, room: maxCompletionTokens };
    } catch (caught) {
      const failure = caught instanceof ProviderError ? caught.failure : undefined;
      const report: ReleaseReport = { outcome: failure === 'rate-limit' ? 'rate-limited' : 'error' };
      if (caught instanceof ProviderError) report.headers = asHeaders(caught.rateLimitHeaders);
      release(report);
      if (ctx.signal?.aborted) throw new CancelledError();
      if (!(caught instanceof ProviderError)) throw caught;
      if (caught.failure === 'quota') ctx.onProviderStop?.(caught);
      if (!caught.retryable) throw caught;
      error = caught;
    }
    let delay: number;
    if (error.failure === 'rate-limit') {
      delay = retryDelayMs(Math.min(waits++, 8), ctx.retry, error.retryAfterMs);
      if (Date.now() + delay > deadline) {
        const minutes = Math.round((ctx.retry.rateLimitDeadlineMs ?? DEFAULT_RETRY_POLICY.rateLimitDeadlineMs) / 60_000);
        throw new ProviderError(`still rate limited after ${minutes} min of waiting: ${error.message}`, 'rate-limit', error.status);
      }
      ctx.onRateLimitWait?.({ ms: delay, reason: error.status === 503 ? '503 from the server (busy)' : `${error.status ?? 429} from the provider` });
    } else {
      failures++;
      if (failures >= ctx.retry.maxAttempts) throw new ProviderError(`gave up after ${ctx.retry.maxAttempts} attempts: ${error.message}`, error.failure, error.status);
      delay = retryDelayMs(failures - 1, ctx.retry, error.retryAfterMs);
    }
    try {
      await sleep(delay, undefined, { signal: ctx.signal });
    } catch {
      throw new CancelledError();
    }
  }
}

/** Less than the outline's boost (generate-course.ts): a new course's plan still goes first. */
const RETRY_PRIORITY_BOOST = 500_000_000;

function asHeaders(values: Record<string, string> | undefined) {
  return values ? headersFromValues(values) : undefined;
}
