import type { JsonSchemaFormat } from '../course/structured-output.js';
import type { PlannedLesson } from '../course/course-schema.js';
import type { PartRange } from '../quality/repair-outline.js';
import type { BrokenPart } from '../quality/repair-lesson.js';
import type { CourseSpec } from '../spec/spec-schema.js';

export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a request is for; the demo provider builds its answer from this, real ones from the messages. */
export type LlmTask =
  | { kind: 'outline-part'; spec: CourseSpec; range: PartRange; withSummary: boolean }
  | { kind: 'new-terms'; spec: CourseSpec; lesson: PlannedLesson; need: number }
  | { kind: 'lesson'; spec: CourseSpec; plan: PlannedLesson }
  | { kind: 'lesson-part'; spec: CourseSpec; plan: PlannedLesson; part: BrokenPart };

export interface LlmRequest {
  task: LlmTask;
  messages: LlmMessage[];
  format: JsonSchemaFormat;
  signal?: AbortSignal;
  /**
   * The longest answer allowed, sent as `max_completion_tokens`. The provider charges it on
   * admission, so it is what makes the request's token estimate hold. Default: the provider's own.
   */
  maxCompletionTokens?: number;
}

/** The `x-ratelimit-*` headers of one answer, names in lower case: plain data, so they can cross to the orchestrator. */
export type RateLimitHeaderValues = Record<string, string>;

export interface LlmAnswer {
  text: string;
  promptTokens: number;
  completionTokens: number;
  /** "stop" when the model finished; "length" when it was cut off. */
  finishReason: string;
  /** The answer's `x-ratelimit-*` headers, when it sent any: they teach the shared budget. */
  rateLimitHeaders?: RateLimitHeaderValues;
}

/** A language model that answers one structured request. Retries and rate limits are the caller's job. */
export interface LlmProvider {
  readonly name: ProviderName;
  readonly model: string;
  /** True when answers are sample content, not a real model's. */
  readonly demo: boolean;
  complete(request: LlmRequest): Promise<LlmAnswer>;
}

export const PROVIDER_NAMES = ['openai', 'demo'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/**
 * - `rate-limit`: the provider is busy (429 `rate_limit_exceeded`, or a 503 "queue full" from a local
 *   server): wait and ask again, without using up an attempt.
 * - `quota`: 429 `insufficient_quota`, the account has no credit left: never retried, and every job stops.
 * - `server`, `timeout`, `connection`, `bad-response`: passing failures, retried a bounded number of times.
 * - `client`: the request itself is wrong (401, 404, 400): never retried. `aborted`: cancelled.
 */
export type ProviderFailure = 'rate-limit' | 'quota' | 'server' | 'timeout' | 'connection' | 'bad-response' | 'client' | 'aborted';

/** A failed request, classified so the retry loop can decide without knowing the SDK. */
export class ProviderError extends Error {
  readonly code = 'PROVIDER_ERROR';
  constructor(
    message: string,
    readonly failure: ProviderFailure,
    readonly status?: number,
    /** How long the server asked us to wait (Retry-After / retry-after-ms), when it said. */
    readonly retryAfterMs?: number,
    /** The failed answer's `x-ratelimit-*` headers, when it sent any (429s carry them). */
    readonly rateLimitHeaders?: RateLimitHeaderValues,
  ) {
    super(message);
    this.name = this.constructor.name;
  }

  get retryable(): boolean {
    return this.failure !== 'client' && this.failure !== 'aborted' && this.failure !== 'quota';
  }
}
