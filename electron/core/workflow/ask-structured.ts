import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { Usage } from '../course/course-schema.js';
import type { JsonSchemaFormat } from '../course/structured-output.js';
import { ProviderError, type LlmMessage, type LlmProvider, type LlmTask } from '../providers/provider.js';
import type { RequestPermits } from './request-gate.js';
import { retryDelayMs, type RetryPolicy } from './retry-policy.js';

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
}

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
 * One structured answer: transient failures are retried with backoff (a 429 holds every
 * request in the app back through the shared cool-down), and an answer that does not match
 * the schema is sent back with its errors, a bounded number of times.
 */
export async function askStructured<T, U = T>(ctx: AskContext, request: AskRequest<T, U>): Promise<Answer<U>> {
  const usage: Usage = { requests: 0, promptTokens: 0, completionTokens: 0 };
  const messages = [...request.messages];
  const maxRepairs = ctx.maxRepairs ?? 2;
  let problems: string[] = [];
  for (let round = 0; round <= maxRepairs; round++) {
    const answer = await completeWithRetry(ctx, { ...request, messages });
    usage.requests++;
    usage.promptTokens += answer.promptTokens;
    usage.completionTokens += answer.completionTokens;
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

async function completeWithRetry(ctx: AskContext, request: Pick<AskRequest<unknown>, 'task' | 'messages' | 'format'>) {
  let last: ProviderError | undefined;
  for (let attempt = 0; attempt < ctx.retry.maxAttempts; attempt++) {
    if (ctx.signal?.aborted) throw new CancelledError();
    let release;
    try {
      release = await ctx.permits.acquire(ctx.priority, ctx.signal);
    } catch {
      throw new CancelledError();
    }
    try {
      return await ctx.provider.complete({ ...request, signal: ctx.signal });
    } catch (error) {
      if (ctx.signal?.aborted) throw new CancelledError();
      if (!(error instanceof ProviderError)) throw error;
      if (!error.retryable) throw error;
      last = error;
    } finally {
      release();
    }
    const delay = retryDelayMs(attempt, ctx.retry, last.retryAfterMs);
    if (last.failure === 'rate-limit') {
      // The provider is over its limit for everyone: one shared pause, not a herd of private retries.
      ctx.permits.coolDown(delay);
    } else {
      try {
        await sleep(delay, undefined, { signal: ctx.signal });
      } catch {
        throw new CancelledError();
      }
    }
  }
  throw new ProviderError(`gave up after ${ctx.retry.maxAttempts} attempts: ${last?.message}`, last?.failure ?? 'server', last?.status);
}
