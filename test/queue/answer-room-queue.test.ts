import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_COMPLETION_TOKENS } from '../../electron/core/workflow/ask-structured.js';
import { Orchestrator } from '../../electron/core/queue/orchestrator.js';
import { AnswerSizeStore } from '../../electron/core/store/answer-size-store.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the room an answer gets, through the queue (worker processes)', () => {
  it('a run starts with the room the queue database remembers: worker requests send it as max_completion_tokens, and their answers are saved', async () => {
    // Lessons of 600 tokens (the JSON led by whitespace), outline parts of 500.
    const llm = await FakeLlmServer.start({ latencyMs: 20, answerTokens: ({ key }) => (/^lesson \d+\|/.test(key) ? 600 : /^outline/.test(key) ? 500 : undefined) });
    const store = new JobStore(join(tempDir(), 'queue.sqlite'));
    // What an earlier run learned on this model.
    const sizes = new AnswerSizeStore(store.db);
    sizes.save({ model: 'test-model', kind: 'lesson', samples: Array.from({ length: 20 }, () => 600) });
    sizes.save({ model: 'test-model', kind: 'outline-part', samples: Array.from({ length: 20 }, () => 500) });
    const orchestrator = new Orchestrator({ store, host: nodeHost(), pollMs: 100, apiKey: () => 'sk-test' });
    cleanups.push(() => llm.close(), () => store.close(), () => orchestrator.stop());
    const settings = { provider: 'openai' as const, model: 'test-model', baseURL: llm.baseURL };
    orchestrator.enqueue(enqueueInput('Roomy', join(tempDir(), 'out'), { lessons: 4, settings }));
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.counts()).toMatchObject({ succeeded: 1, failed: 0 });
    const lessons = llm.requests.filter((r) => /^lesson \d+\|/.test(r.key));
    expect(lessons).toHaveLength(4);
    // 600 × (1 + 10% + 1/20) = 690: far below the cap, and room enough: nothing was cut off.
    for (const request of lessons) expect(request.maxCompletionTokens).toBe(690);
    expect(MAX_COMPLETION_TOKENS.lesson).toBe(4000);
    expect(llm.requests.filter((r) => r.finishReason === 'length')).toEqual([]);
    // The answers of this run were kept for the next.
    expect(sizes.load().find((l) => l.kind === 'lesson')!.samples).toHaveLength(24);
  }, 30_000);

  it('an answer that outgrows its room is asked again with twice the room, and the job log says so', async () => {
    // The database remembers lessons of 600 tokens; this model writes 800: every lesson is cut
    // off at 690 and asked again with 1,380.
    const llm = await FakeLlmServer.start({ latencyMs: 20, answerTokens: ({ key }) => (/^lesson \d+\|/.test(key) ? 800 : /^outline/.test(key) ? 500 : undefined) });
    const store = new JobStore(join(tempDir(), 'queue.sqlite'));
    const sizes = new AnswerSizeStore(store.db);
    sizes.save({ model: 'test-model', kind: 'lesson', samples: Array.from({ length: 20 }, () => 600) });
    const orchestrator = new Orchestrator({ store, host: nodeHost(), pollMs: 100, apiKey: () => 'sk-test' });
    cleanups.push(() => llm.close(), () => store.close(), () => orchestrator.stop());
    const settings = { provider: 'openai' as const, model: 'test-model', baseURL: llm.baseURL, lessonConcurrency: 1 };
    const id = orchestrator.enqueue(enqueueInput('Cramped', join(tempDir(), 'out'), { lessons: 2, settings })).job.id;
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.counts()).toMatchObject({ succeeded: 1, failed: 0 });
    const cut = llm.requests.filter((r) => /^lesson \d+\|/.test(r.key) && r.finishReason === 'length');
    expect(cut.length).toBeGreaterThan(0);
    const lines = store.logs(id).filter((l) => l.message.startsWith('a lesson answer ran out of its room'));
    expect(lines.map((l) => l.message)).toContain('a lesson answer ran out of its room (690 tokens) and is asked again with 1380: paid for, and counted');
    expect(lines).toHaveLength(cut.length);
  }, 30_000);
});
