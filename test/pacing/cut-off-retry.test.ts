import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Admission } from '../../electron/core/pacing/admission.js';
import type { LlmAnswer, LlmProvider, LlmRequest } from '../../electron/core/providers/provider.js';
import { askStructured, MAX_COMPLETION_TOKENS, type AskContext } from '../../electron/core/workflow/ask-structured.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/workflow/retry-policy.js';
import { specOf } from '../support/engine-fixtures.js';

/**
 * A model whose answers are `size` tokens: given less room (`max_completion_tokens`), it stops
 * there with `finish_reason: 'length'` and half a JSON object, as OpenAI's Chat Completions does.
 */
class SizedModel implements LlmProvider {
  readonly name = 'openai' as const;
  readonly model = 'sized-model';
  readonly demo = false;
  readonly rooms: (number | undefined)[] = [];
  readonly messages: number[] = [];
  constructor(readonly size: () => number) {}
  async complete(request: LlmRequest): Promise<LlmAnswer> {
    this.rooms.push(request.maxCompletionTokens);
    this.messages.push(request.messages.length);
    const size = this.size();
    const room = request.maxCompletionTokens ?? Number.POSITIVE_INFINITY;
    if (size > room) return { text: '{"title": "cut of', promptTokens: 100, completionTokens: room, finishReason: 'length' };
    return { text: JSON.stringify({ title: 'A lesson' }), promptTokens: 100, completionTokens: size, finishReason: 'stop' };
  }
}

const spec = specOf({ title: 'Room', lessons: 3 }).spec;
const plan = { number: 1, title: 'One', goals: ['g'], grammarPoint: 'g', vocabulary: ['uno', 'dos', 'tres'] };

function ask(ctx: AskContext) {
  return askStructured(ctx, {
    task: { kind: 'lesson', spec, plan },
    messages: [{ role: 'user', content: 'Write lesson 1 of 3 of the course "Room".' }],
    format: { name: 'lesson', strict: true, schema: { type: 'object', properties: { title: { type: 'string' } } } },
    schema: z.object({ title: z.string() }),
  });
}

describe('the room an answer gets, and an answer cut off for lack of it', () => {
  it('sends the learned room as max_completion_tokens once a few answers are in', async () => {
    const model = new SizedModel(() => 2000);
    const admission = new Admission();
    const ctx: AskContext = { provider: model, permits: admission, retry: DEFAULT_RETRY_POLICY, priority: 0 };
    for (let i = 0; i < 6; i++) await ask(ctx);
    expect(model.rooms.slice(0, 3)).toEqual([4000, 4000, 4000]); // the cap, until three answers are in
    expect(model.rooms[3]).toBe(Math.ceil(2000 * (1.1 + 1 / 3) - 1e-9)); // 2,867
    expect(model.rooms[5]).toBe(2000 * (1.1 + 1 / 5)); // 2,600: the margin narrows as answers come
    expect(MAX_COMPLETION_TOKENS.lesson).toBe(4000);
  });

  it('asks a cut-off answer again with twice the room, using no repair round, and counts it', async () => {
    let next = 1000;
    const model = new SizedModel(() => next);
    const admission = new Admission();
    const ctx: AskContext = { provider: model, permits: admission, retry: DEFAULT_RETRY_POLICY, priority: 0, maxRepairs: 0 };
    for (let i = 0; i < 10; i++) await ask(ctx);
    next = 1500; // longer than the room learned from ten answers of 1,000: 1,000 × (1.1 + 1/10)
    const answer = await ask(ctx);
    expect(answer.value).toEqual({ title: 'A lesson' });
    expect(model.rooms.slice(-2)).toEqual([1200, 2400]);
    expect(model.messages.slice(-2)).toEqual([1, 1]); // the same question, not a repair with the broken answer
    expect(answer.usage.requests).toBe(2); // the cut-off answer was paid for
    expect(admission.answerSizes.stats.cutOff).toBe(1);
  });

  it('never asks for more than the cap: a lesson still cut off there goes to the repair rounds', async () => {
    const model = new SizedModel(() => 5000);
    const admission = new Admission();
    const ctx: AskContext = { provider: model, permits: admission, retry: DEFAULT_RETRY_POLICY, priority: 0, maxRepairs: 1 };
    await expect(ask(ctx)).rejects.toThrow(/the answer was cut off: keep it shorter/);
    expect(model.rooms).toEqual([4000, 4000]);
  });
});
