import { describe, expect, it } from 'vitest';
import { Admission } from '../../electron/core/pacing/admission.js';
import { AnswerSizes, smallestAnswerTokens } from '../../electron/core/pacing/answer-sizes.js';
import { FakeTime } from './fake-time.js';

const LESSON = { kind: 'lesson', model: 'gpt-4o-mini', cap: 4000 };

/** Seeded, so every run is the same. */
function seeded(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('AnswerSizes: the room an answer gets, learned from the answers', () => {
  it('gives the cap until a few answers of the kind are in', () => {
    const sizes = new AnswerSizes();
    expect(sizes.room(LESSON)).toBe(4000);
    sizes.record('gpt-4o-mini', 'lesson', 2000);
    sizes.record('gpt-4o-mini', 'lesson', 2100);
    expect(sizes.room(LESSON)).toBe(4000);
    sizes.record('gpt-4o-mini', 'lesson', 1900);
    // Three answers: the largest (the 95th percentile of three) plus 10% and a third: 2,100 × 1.433.
    expect(sizes.room(LESSON)).toBe(3010);
  });

  it('after a run of lessons of ~2,000 tokens (±15%), reserves within 1.3 × of what they use, and cuts off none of the next ones', () => {
    const random = seeded(7);
    const size = () => Math.round(2000 * (0.85 + 0.3 * random()));
    const sizes = new AnswerSizes();
    for (let i = 0; i < 40; i++) sizes.record('gpt-4o-mini', 'lesson', size());
    const room = sizes.room(LESSON);
    const next = Array.from({ length: 200 }, size);
    const prompt = 350;
    const reserved = next.length * (prompt + room);
    const used = next.reduce((sum, n) => sum + prompt + n, 0);
    expect(reserved / used).toBeLessThanOrEqual(1.3);
    expect(next.filter((n) => n > room)).toEqual([]);
    expect(room).toBeLessThan(4000 * 0.75);
  });

  it('learns per model and per kind', () => {
    const sizes = new AnswerSizes();
    for (let i = 0; i < 10; i++) sizes.record('small-model', 'lesson', 1000);
    expect(sizes.room({ ...LESSON, model: 'small-model' })).toBe(1200);
    expect(sizes.room(LESSON)).toBe(4000);
    expect(sizes.room({ kind: 'outline-part', model: 'small-model', cap: 4000 })).toBe(4000);
  });

  it('never goes below what the schema needs, nor above the cap; a retry after a cut-off asks for more', () => {
    const sizes = new AnswerSizes();
    for (let i = 0; i < 10; i++) sizes.record('gpt-4o-mini', 'lesson', 100);
    expect(sizes.room({ ...LESSON, floor: 500 })).toBe(500);
    expect(sizes.room({ ...LESSON, atLeast: 2400 })).toBe(2400);
    expect(sizes.room({ ...LESSON, atLeast: 9000 })).toBe(4000);
    for (let i = 0; i < 100; i++) sizes.record('gpt-4o-mini', 'lesson', 6000);
    expect(sizes.room(LESSON)).toBe(4000);
  });

  it('counts a cut-off answer without learning its size from it', () => {
    const sizes = new AnswerSizes();
    for (let i = 0; i < 10; i++) sizes.record('gpt-4o-mini', 'lesson', 1000);
    sizes.record('gpt-4o-mini', 'lesson', 1200, true);
    expect(sizes.stats).toEqual({ answers: 10, cutOff: 1 });
    expect(sizes.room(LESSON)).toBe(1200);
  });

  it('hands what it learned to the store and takes it back in a new run, which starts learned', () => {
    const first = new AnswerSizes();
    const saved: unknown[] = [];
    first.onDidLearn((learned) => saved.push(learned));
    for (let i = 0; i < 5; i++) first.record('gpt-4o-mini', 'lesson', 2000);
    expect(saved).toHaveLength(5);
    const next = new AnswerSizes();
    next.restore(first.snapshot());
    expect(next.room(LESSON)).toBe(first.room(LESSON));
    expect(next.room(LESSON)).toBe(2600); // 2,000 × (1 + 0.1 + 1/5)
  });

  it('measures the smallest answer a JSON schema accepts', () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        items: { type: 'array', minItems: 2, items: { type: 'object', properties: { term: { enum: ['uno', 'dos'] }, ok: { type: 'boolean' } } } },
      },
    };
    // {"title":"","items":[{"term":"uno","ok":true},{"term":"uno","ok":true}]} is 71 characters.
    expect(smallestAnswerTokens(schema)).toBe(Math.ceil(71 / 2));
  });
});

describe('Admission: the room it gives an answer', () => {
  it('charges the prompt plus the learned room, says the room on the permit, and learns from the release', async () => {
    const time = new FakeTime();
    const admission = new Admission({ now: time.now, timers: time.timers });
    const first = await admission.acquire(0, undefined, 300, LESSON);
    expect(first.maxCompletionTokens).toBe(4000);
    first({ completionTokens: 2000 });
    for (let i = 0; i < 4; i++) (await admission.acquire(0, undefined, 300, LESSON))({ completionTokens: 2000 });
    const learned = await admission.acquire(0, undefined, 300, LESSON);
    expect(learned.maxCompletionTokens).toBe(2600);
    // What the budget is charged for a request: its prompt and the room its answer was given.
    const before = admission.budget.mark().tokens;
    const next = await admission.acquire(0, undefined, 300, LESSON);
    expect(admission.budget.mark().tokens - before).toBe(300 + next.maxCompletionTokens!);
  });
});
