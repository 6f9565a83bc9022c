import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Admission } from '../../electron/core/pacing/admission.js';
import { ProviderError, type LlmAnswer, type LlmProvider, type LlmRequest } from '../../electron/core/providers/provider.js';
import { askStructured, type AskContext } from '../../electron/core/workflow/ask-structured.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/workflow/retry-policy.js';
import { specOf } from '../support/engine-fixtures.js';

/** Answers each request by its name (the message); `hold` keeps one open until released; `failOnce` fails a name's first ask with a 500. */
class ScriptedModel implements LlmProvider {
  readonly name = 'openai' as const;
  readonly model = 'scripted';
  readonly demo = false;
  readonly asked: string[] = [];
  readonly #held = new Map<string, () => void>();
  constructor(
    readonly hold: Set<string>,
    readonly failOnce: Set<string>,
  ) {}
  release(name: string): void {
    this.#held.get(name)?.();
  }
  async complete(request: LlmRequest): Promise<LlmAnswer> {
    const name = String(request.messages[0]!.content);
    this.asked.push(name);
    if (this.failOnce.delete(name)) throw new ProviderError('server error (500)', 'server', 500);
    if (this.hold.has(name)) await new Promise<void>((resolve) => this.#held.set(name, resolve));
    return { text: JSON.stringify({ title: name }), promptTokens: 10, completionTokens: 10, finishReason: 'stop' };
  }
}

const spec = specOf({ title: 'Order', lessons: 3 }).spec;
const plan = { number: 1, title: 'One', goals: ['g'], grammarPoint: 'g', vocabulary: ['uno', 'dos', 'tres'] };
const ask = (ctx: AskContext, name: string) =>
  askStructured(ctx, {
    task: { kind: 'lesson', spec, plan },
    messages: [{ role: 'user', content: name }],
    format: { name: 'lesson', strict: true, schema: { type: 'object', properties: { title: { type: 'string' } } } },
    schema: z.object({ title: z.string() }),
  });
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a request asked again after a failure', () => {
  it('goes ahead of first asks that were waiting before it: its course waits for it alone', async () => {
    // One request at a time. "held" holds the permit; "late" fails once with a 500 and is asked
    // again while "first-1" is in flight and "first-2" waits: the retry goes next.
    const model = new ScriptedModel(new Set(['held', 'first-1']), new Set(['late']));
    const admission = new Admission({ maxInFlight: 1, initialInFlight: 1 });
    const ctx: AskContext = { provider: model, permits: admission, retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 0 }, priority: 0 };
    const all = [ask(ctx, 'held')];
    await settle();
    all.push(ask(ctx, 'late'), ask(ctx, 'first-1'), ask(ctx, 'first-2'));
    await settle();
    model.release('held'); // "late" goes, fails, and waits no backoff; "first-1" goes and is held
    await settle();
    model.release('first-1');
    await Promise.all(all);
    expect(model.asked).toEqual(['held', 'late', 'first-1', 'late', 'first-2']);
  });
});
