import { setTimeout as sleep } from 'node:timers/promises';
import { demoLessonAnswer, demoLessonPart, demoNewTerms, demoOutlinePart } from './demo-content.js';
import { writtenAnswer } from './demo-library.js';
import { ProviderError, type LlmAnswer, type LlmProvider, type LlmRequest } from './provider.js';

export interface DemoProviderOptions {
  /** Pretend latency per request, so progress is visible. Default 300 ms. */
  delayMs?: number;
}

/**
 * Offline, deterministic, free: the default when no API key is configured. The example specs get
 * the real short courses written for them (demo-library.ts); any other spec, and anything the
 * written courses cannot answer, gets marked placeholders (demo-content.ts).
 */
export class DemoProvider implements LlmProvider {
  readonly name = 'demo' as const;
  readonly model = 'demo';
  readonly demo = true;
  readonly #delayMs: number;

  constructor(options: DemoProviderOptions = {}) {
    this.#delayMs = options.delayMs ?? 300;
  }

  async complete(request: LlmRequest): Promise<LlmAnswer> {
    try {
      await sleep(this.#delayMs, undefined, { signal: request.signal });
    } catch {
      throw new ProviderError('cancelled', 'aborted');
    }
    const { task } = request;
    const content =
      writtenAnswer(task, request.format.schema) ??
      (task.kind === 'outline-part'
        ? demoOutlinePart(task.spec, task.range, task.withSummary)
        : task.kind === 'new-terms'
          ? demoNewTerms(task.lesson, task.need)
          : task.kind === 'lesson'
            ? demoLessonAnswer(task.spec, task.plan)
            : demoLessonPart(task.spec, task.plan, task.part));
    const text = JSON.stringify(content);
    // Rough token counts (4 characters a token) so usage and cost displays have something honest to show.
    const promptChars = request.messages.reduce((sum, m) => sum + m.content.length, 0);
    return { text, promptTokens: Math.ceil(promptChars / 4), completionTokens: Math.ceil(text.length / 4), finishReason: 'stop' };
  }
}
