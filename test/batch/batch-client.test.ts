import { afterEach, describe, expect, it } from 'vitest';
import { BatchClient, BatchUnsupportedError, onTokenLimit, pollDelayMs, type Clock } from '../../electron/core/batch/batch-client.js';
import { batchRequest } from '../../electron/core/batch/batch-line.js';
import { writeBatchFiles } from '../../electron/core/batch/jsonl-writer.js';
import { jsonSchemaFormat } from '../../electron/core/course/structured-output.js';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import type { LlmRequest, LlmTask } from '../../electron/core/providers/provider.js';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';
import { z } from 'zod';

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A clock whose waits are recorded and last a few real ms (the test server keeps real time). */
function fastClock(): Clock & { waits: number[] } {
  const waits: number[] = [];
  return { waits, now: () => Date.now(), sleep: async (ms) => {
      waits.push(ms);
      await new Promise((r) => setTimeout(r, 3));
    },
  };
}

async function client(options: FakeLlmServerOptions = {}, clock = fastClock()) {
  server = await FakeLlmServer.start(options);
  return { batches: new BatchClient({ apiKey: 'k', baseURL: server.baseURL, clock }), clock };
}

const format = jsonSchemaFormat('lesson', z.object({ title: z.string(), words: z.array(z.string()).min(2) }));

function lessonRequest(n: number): Pick<LlmRequest, 'task' | 'messages' | 'format'> {
  return { task: { kind: 'lesson' } as LlmTask, messages: [{ role: 'user', content: `Write lesson ${n} of "Client Course".` }], format };
}

function file(count: number, jobId = 'job00001') {
  return writeBatchFiles(Array.from({ length: count }, (_, i) => batchRequest(jobId, `lesson:${i + 1}`, 'test-model', lessonRequest(i + 1))))[0]!;
}

describe('BatchClient', () => {
  it('submits, polls a minute first and then less often, and reads every answer as the live path reads it', async () => {
    const { batches, clock } = await client({ batch: { lineMs: 10, lineConcurrency: 1 } });
    const input = file(6);
    const submitted = await batches.submit(input, { fluentpro_batch: 'local-1' });
    expect(submitted).toMatchObject({ state: 'validating', counts: { total: 0 }, tokenLimited: false, metadata: { fluentpro_batch: 'local-1' } });
    const polls: string[] = [];
    const done = await batches.waitUntilFinished(submitted.id, { onPoll: (s) => polls.push(s.state) });
    expect(done).toMatchObject({ state: 'completed', counts: { total: 6, completed: 6, failed: 0 } });
    expect(done.finishedAt).toBeGreaterThanOrEqual(done.createdAt);
    expect(polls.at(-1)).toBe('completed');
    expect(clock.waits.slice(0, 5)).toEqual([60_000, 120_000, 240_000, 480_000, 600_000].slice(0, clock.waits.length));

    const results = await batches.results(done, input.customIds);
    expect(results.missing).toEqual([]);
    const live = await new OpenAiProvider({ apiKey: 'k', baseURL: server!.baseURL, model: 'test-model' }).complete({ ...lessonRequest(4), maxCompletionTokens: 4000 });
    expect(results.outcomes.get('job00001/lesson:4')).toMatchObject({ kind: 'answer', answer: { text: live.text, finishReason: 'stop' } });
  });

  it('polls at most every ten minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 30].map(pollDelayMs)).toEqual([60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000]);
  });

  it('says a provider without /v1/batches has no Batch API and that the live path is used', async () => {
    const { batches } = await client({ batch: { mode: 'absent' } });
    const error = await batches.submit(file(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchUnsupportedError);
    expect((error as Error).message).toBe('this provider has no Batch API (404 when asked to upload the batch file); the live path is used');
  });

  it('reports a batch refused for a full queue as token-limited, never as failed lines', async () => {
    const { batches } = await client({ batch: { enqueuedTokenLimit: 25, lineMs: 200, lineConcurrency: 1 } });
    const first = await batches.submit(file(1, 'joba0001'));
    for (let s = await batches.retrieve(first.id); s.state === 'validating'; s = await batches.retrieve(first.id)) await new Promise((r) => setTimeout(r, 3));
    const second = await batches.waitUntilFinished((await batches.submit(file(1, 'jobb0001'))).id);
    expect(second).toMatchObject({ state: 'failed', tokenLimited: true });
    expect(second.errors[0]).toMatch(/^Enqueued token limit reached/);
    expect(onTokenLimit(1, 1)).toBe('wait');
    expect(onTokenLimit(40, 0)).toBe('split');
    expect(onTokenLimit(1, 0)).toBe('live');
  });

  it('cancels mid-batch: the answered lines are kept, the rest can be asked again', async () => {
    const { batches } = await client({ batch: { lineMs: 30, lineConcurrency: 1 } });
    const input = file(10);
    const submitted = await batches.submit(input);
    await new Promise((r) => setTimeout(r, 100));
    expect((await batches.cancel(submitted.id)).state).toBe('cancelling');
    const done = await batches.waitUntilFinished(submitted.id);
    expect(done.state).toBe('cancelled');
    const { outcomes } = await batches.results(done, input.customIds);
    const kinds = [...outcomes.values()].map((o) => (o.kind === 'answer' ? 'answer' : o.retryable ? 'again' : 'refused'));
    expect(kinds).toContain('answer');
    expect(kinds).toContain('again');
    expect(kinds).not.toContain('refused');
    // Cancelling a finished batch is not an error.
    expect((await batches.cancel(submitted.id)).state).toBe('cancelled');
  });

  it('finds a batch by its metadata, so a crash between create and save does not submit it twice', async () => {
    const { batches } = await client();
    await batches.submit(file(1), { fluentpro_batch: 'local-1' });
    const wanted = await batches.submit(file(1, 'job00002'), { fluentpro_batch: 'local-2' });
    expect((await batches.findByMetadata('fluentpro_batch', 'local-2'))?.id).toBe(wanted.id);
    expect(await batches.findByMetadata('fluentpro_batch', 'local-3')).toBeUndefined();
  });
});
