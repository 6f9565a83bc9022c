import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Orchestrator } from '../../electron/core/queue/orchestrator.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import type { JobEvent } from '../../electron/shared/job-events.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { ProviderLimits } from '../support/provider-limits.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(limits: ProviderLimits) {
  const llm = await FakeLlmServer.start({ latencyMs: 60, limits });
  const store = new JobStore(join(tempDir(), 'queue.sqlite'));
  const orchestrator = new Orchestrator({ store, host: nodeHost(), pollMs: 100, retryBaseDelayMs: 50, apiKey: () => 'sk-test' });
  cleanups.push(() => llm.close(), () => store.close(), () => orchestrator.stop());
  // What the workers ask the shared admission for: every request says its tokens.
  const asked: number[] = [];
  const acquire = orchestrator.gate.acquire.bind(orchestrator.gate);
  orchestrator.gate.acquire = async (priority, signal, tokens, answer) => {
    const permit = await acquire(priority, signal, tokens, answer);
    asked.push((tokens ?? 0) + (permit.maxCompletionTokens ?? 0)); // the prompt, plus the room the answer was given
    return permit;
  };
  const settings = { provider: 'openai' as const, model: 'test-model', baseURL: llm.baseURL };
  const enqueue = (title: string, lessons: number) => orchestrator.enqueue(enqueueInput(title, join(tempDir(), 'out'), { lessons, settings })).job.id;
  return { llm, store, orchestrator, asked, enqueue };
}

describe('the queue at the provider’s limits (worker processes)', () => {
  it('a burst of 429s fails no job: each waits in its own request, logged; permits carry tokens and the headers teach the shared budget', async () => {
    const limits = new ProviderLimits({ rpm: 6000, tpm: 10_000_000, randomRateLimit: { probability: 0.3, retryAfterSeconds: 0.2 } });
    const { llm, store, orchestrator, asked, enqueue } = await setup(limits);
    const ids = ['One', 'Two', 'Three', 'Four'].map((t) => enqueue(`Burst ${t}`, 3));
    // What the board and "fluentpro jobs" see while a request waits: the job, and until when.
    const waitingSeen: string[] = [];
    orchestrator.onDidChangeJob((job) => {
      if (job.waitingUntil) waitingSeen.push(`${job.id} ${job.waitingReason}`);
    });
    const waitEvents: JobEvent[] = [];
    orchestrator.onDidEmitEvent((e) => void (e.type === 'job-waiting' && waitEvents.push(e)));
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.counts()).toMatchObject({ succeeded: 4, failed: 0 });
    expect(waitingSeen.length).toBeGreaterThan(0);
    expect(waitingSeen[0]).toMatch(/ 429 from the provider$/);
    expect(waitEvents.length).toBe(llm.requests.filter((r) => r.status === 429).length);
    for (const id of ids) expect(store.get(id)!.waitingUntil, 'a finished job no longer waits').toBeUndefined();
    expect(llm.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    const waits = ids.flatMap((id) => store.logs(id).filter((l) => l.message.startsWith('waiting for the rate limit: ')));
    expect(waits.length).toBe(llm.requests.filter((r) => r.status === 429).length);
    expect(waits[0]!.message).toMatch(/^waiting for the rate limit: \d+ s \(429 from the provider\)$/);
    // A lesson asks for its prompt plus the 4,000 tokens it may answer.
    expect(asked.length).toBe(llm.requests.length);
    expect(Math.max(...asked)).toBeGreaterThan(4000);
    expect(orchestrator.gate.budget.reportedLimits).toEqual({ rpm: 6000, tpm: 10_000_000 });
    expect(orchestrator.gate.inFlight).toBe(0);
  }, 30_000);

  it('insufficient_quota stops every running job at once with the reason, and keeps their finished lessons', async () => {
    const limits = new ProviderLimits({ insufficientQuotaAfter: 5 }) // no course of 7 requests can finish;
    const { llm, store, orchestrator, enqueue } = await setup(limits);
    const ids = ['A', 'B', 'C'].map((t) => enqueue(`Broke ${t}`, 6));
    orchestrator.start();
    await orchestrator.onIdle();
    const reason = 'the provider says your account has no credit left (insufficient_quota): add credit or change the API key; finished lessons are kept';
    for (const id of ids) expect(store.get(id)).toMatchObject({ state: 'failed', error: reason });
    const kept = ids.reduce((n, id) => n + store.loadCheckpoints(id).lessons.size + store.loadCheckpoints(id).outlineParts.size, 0);
    expect(kept).toBeGreaterThan(0);
    // Never retried: the refusals are the requests open or asked when the credit ran out.
    expect(llm.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(12);
  }, 30_000);
});
