import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AwaitingBatchError, BatchLineProvider, stepKeyOfTask } from '../../electron/core/batch/batch-line-provider.js';
import { BatchStore } from '../../electron/core/batch/batch-store.js';
import type { LlmRequest, LlmTask } from '../../electron/core/providers/provider.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
let jobs: JobStore | undefined;
afterEach(() => {
  jobs?.close();
  jobs = undefined;
});

function setUp() {
  jobs = new JobStore(join(tempDir(), 'queue.sqlite'));
  const id = jobs.enqueue(enqueueInput('Provider', tempDir())).job.id;
  return { id, store: new BatchStore(jobs.db) };
}

const part = { kind: 'section', section: 'dialogue', problem: 'empty' } as const;
const request = (content: string): LlmRequest => ({ task: { kind: 'lesson-part', plan: { number: 2 }, part } as unknown as LlmTask, messages: [{ role: 'user', content }], format: { name: 'x', strict: true, schema: {} }, maxCompletionTokens: 2000 });
const answer = (text: string) => ({ text, promptTokens: 1, completionTokens: 1, finishReason: 'stop' });

/** Answers every pending line in the store, as a finished batch would. */
function answerAll(store: BatchStore, text: (customId: string) => string) {
  const pending = store.pending();
  const id = store.beginSubmission(pending[0]!.request.body.model, 'r', pending.map((l) => l.customId));
  store.applyResults(id, { outcomes: new Map(pending.map((l) => [l.customId, { customId: l.customId, kind: 'answer' as const, answer: answer(text(l.customId)) }])), missing: [], ignored: 0 });
}

describe('BatchLineProvider', () => {
  it('adds an unanswered request as a line and waits; a replay gets the stored answer', async () => {
    const { id, store } = setUp();
    const first = new BatchLineProvider(id, 'test-model', store);
    await expect(first.complete(request('fix it'))).rejects.toBeInstanceOf(AwaitingBatchError);
    expect(first.awaiting).toEqual([expect.stringMatching(new RegExp(`^${id}/lesson:2/part:dialogue#[0-9a-f]{12}$`))]);
    expect(store.pending()[0]!.request.body).toMatchObject({ model: 'test-model', max_completion_tokens: 2000 });
    answerAll(store, () => 'fixed');
    const replay = new BatchLineProvider(id, 'test-model', store);
    expect((await replay.complete(request('fix it'))).text).toBe('fixed');
    expect(replay.awaiting).toEqual([]);
  });

  it('makes the same body asked again in a run a new line, so a repeat gets a new answer (live, a new sample)', async () => {
    const { id, store } = setUp();
    const run = async () => {
      const provider = new BatchLineProvider(id, 'test-model', store);
      const texts: string[] = [];
      for (let i = 0; i < 3; i++) texts.push((await provider.complete(request('the same problem'))).text);
      return texts;
    };
    for (let round = 0; round < 3; round++) {
      await expect(run()).rejects.toBeInstanceOf(AwaitingBatchError);
      answerAll(store, (cid) => `answer for ${cid.slice(cid.indexOf('#'))}`);
    }
    const texts = await run();
    expect(new Set(texts).size).toBe(3);
    expect(texts[1]).toMatch(/~1$/);
  });

  it('names steps as the rounds do', () => {
    expect(stepKeyOfTask({ kind: 'outline-part', range: { from: 13, count: 12 } } as LlmTask)).toBe('outline-part:13');
    expect(stepKeyOfTask({ kind: 'new-terms', lesson: { number: 4 } } as LlmTask)).toBe('terms:4');
    expect(stepKeyOfTask({ kind: 'lesson', plan: { number: 7 } } as LlmTask)).toBe('lesson:7');
    expect(stepKeyOfTask({ kind: 'lesson-part', plan: { number: 7 }, part: { kind: 'quiz-questions', count: 2, problem: '' } } as unknown as LlmTask)).toBe('lesson:7/part:quiz-questions');
  });
});
