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
}

export interface LlmAnswer {
  text: string;
  promptTokens: number;
  completionTokens: number;
  /** "stop" when the model finished; "length" when it was cut off. */
  finishReason: string;
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

export type ProviderFailure = 'rate-limit' | 'server' | 'timeout' | 'connection' | 'bad-response' | 'client' | 'aborted';

/** A failed request, classified so the retry loop can decide without knowing the SDK. */
export class ProviderError extends Error {
  readonly code = 'PROVIDER_ERROR';
  constructor(
    message: string,
    readonly failure: ProviderFailure,
    readonly status?: number,
    /** How long the server asked us to wait (Retry-After / retry-after-ms), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = this.constructor.name;
  }

  get retryable(): boolean {
    return this.failure !== 'client' && this.failure !== 'aborted';
  }
}
