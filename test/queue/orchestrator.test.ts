import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Orchestrator, type OrchestratorOptions } from '../../electron/core/queue/orchestrator.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import type { JobEvent } from '../../electron/shared/job-events.js';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { EXIT_AT_START_WORKER, MISBEHAVING_WORKER, nodeHost, SwitchingHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let databases = 0;
/** An orchestrator over a database of its own: two in one test must not share jobs. */
function setup(options: Partial<OrchestratorOptions> = {}) {
  const store = new JobStore(join(tempDir(), `queue-${++databases}.sqlite`));
  const orchestrator = new Orchestrator({ store, host: nodeHost(), pollMs: 100, retryBaseDelayMs: 50, ...options });
  const events: JobEvent[] = [];
  orchestrator.onDidEmitEvent((e) => events.push(e));
  cleanups.push(() => store.close(), () => orchestrator.stop());
  return { store, orchestrator, events, out: join(tempDir(), 'out') };
}

async function server(options: FakeLlmServerOptions = {}) {
  const s = await FakeLlmServer.start(options);
  cleanups.push(() => s.close());
  return s;
}

describe('Orchestrator with worker processes', () => {
  it('runs queued jobs in workers to finished courses, committing every step', async () => {
    const { store, orchestrator, out } = setup();
    const ids = ['One', 'Two', 'Three'].map((t) => orchestrator.enqueue(enqueueInput(t, out, { lessons: 3 })).job.id);
    orchestrator.start();
    await orchestrator.onIdle();
    for (const id of ids) {
      const job = store.get(id)!;
      expect(job).toMatchObject({ state: 'succeeded', lessonsDone: 3, outlineDone: true, attempts: 1 });
      expect(existsSync(join(job.outputPath!, 'course.json'))).toBe(true);
      expect(store.loadCheckpoints(id).lessons.size).toBe(3);
    }
  });

  it('never runs a queued batch-mode job live: it waits for the batch runner, the live jobs finish', async () => {
    const llm = await server();
    const { store, orchestrator, out } = setup({ apiKey: () => 'sk-test' });
    const live = orchestrator.enqueue(enqueueInput('Live', out, { lessons: 2 })).job.id;
    const batch = orchestrator.enqueue(enqueueInput('Overnight', out, { lessons: 2, settings: { provider: 'openai', model: 'test-model', baseURL: llm.baseURL, mode: 'batch' } })).job.id;
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.get(live)!.state).toBe('succeeded');
    // Run live, it would have cost the full price: not one request reached the provider.
    expect(store.get(batch)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(llm.requests).toHaveLength(0);
    // The batch runner still claims it by id, once its answers are in.
    expect(store.claimNext('batch-runner', new Set([batch]))?.job.id).toBe(batch);
  });

  it('with 20 jobs: never more than 4 running, never more than 8 requests open, a 429 burst waited out', async () => {
    let burstEndsAt = 0;
    const llm = await server({
      latencyMs: 20,
      fault: ({ index }) => {
        if (index === 30) burstEndsAt = Date.now() + 40;
        return Date.now() < burstEndsAt ? { kind: 'rate-limit', retryAfterMs: 300 } : undefined;
      },
    });
    const { store, orchestrator, out } = setup({ apiKey: () => 'sk-test' });
    let maxRunning = 0;
    orchestrator.onDidChangeJob(() => (maxRunning = Math.max(maxRunning, store.counts().running)));
    for (let i = 0; i < 20; i++) orchestrator.enqueue(enqueueInput(`Load ${i}`, out, { lessons: 3, settings: { provider: 'openai', model: 'test-model', baseURL: llm.baseURL } }));
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.counts()).toMatchObject({ succeeded: 20, failed: 0 });
    expect(maxRunning).toBe(4);
    expect(llm.maxInFlight).toBeLessThanOrEqual(8);
    expect(llm.requests.some((r) => r.status === 429)).toBe(true);
    expect(orchestrator.gate.inFlight).toBe(0); // every permit came back, 429s included
    expect([...llm.paidCounts().values()].every((n) => n === 1)).toBe(true);
  });

  it('replaces a worker killed mid-job and resumes the job without paying twice for a finished step', async () => {
    const llm = await server({ latencyMs: 150 });
    const { store, orchestrator, events, out } = setup({ apiKey: () => 'sk-test', concurrency: 2 });
    const victim = orchestrator.enqueue(enqueueInput('Victim', out, { lessons: 6, settings: { provider: 'openai', model: 'test-model', baseURL: llm.baseURL, lessonConcurrency: 2 } })).job.id;
    const bystander = orchestrator.enqueue(enqueueInput('Bystander', out, { lessons: 3, settings: { provider: 'openai', model: 'test-model', baseURL: llm.baseURL } })).job.id;
    let killedPid: number | undefined;
    orchestrator.onDidEmitEvent((e) => {
      if (e.jobId === victim && e.type === 'lesson-done' && e.lessonsDone === 2 && !killedPid) {
        killedPid = orchestrator.workers().find((w) => w.jobId === victim)!.pid!;
        process.kill(killedPid, 'SIGKILL');
      }
    });
    orchestrator.start();
    await orchestrator.onIdle();
    expect(killedPid).toBeDefined();
    expect(store.get(victim)).toMatchObject({ state: 'succeeded', attempts: 2, lessonsDone: 6 });
    expect(store.get(bystander)!.state).toBe('succeeded');
    expect(events.find((e) => e.jobId === victim && e.type === 'job-retrying')).toMatchObject({ reason: 'the worker stopped: crashed (SIGKILL)', attempt: 1 });
    // Steps finished before the kill were never asked for again.
    expect([...llm.paidCounts().entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(orchestrator.workers().every((w) => w.pid !== killedPid)).toBe(true);
  });

  it('kills a hung worker, retries its job, and finishes the rest of the queue', async () => {
    const { store, orchestrator, out } = setup({ host: nodeHost(MISBEHAVING_WORKER), heartbeatTimeoutMs: 1500 });
    const hung = orchestrator.enqueue(enqueueInput('Stuck [hang-once]', out)).job.id;
    const others = ['Fine 1', 'Fine 2'].map((t) => orchestrator.enqueue(enqueueInput(t, out)).job.id);
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.get(hung)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(store.logs(hung).map((l) => l.message)).toContain('will retry in 0 s: the worker stopped responding (no heartbeat for 2 s)');
    for (const id of others) expect(store.get(id)!.state).toBe('succeeded');
  });

  it('fails a job whose worker hangs every time, after maxAttempts, with the reason', async () => {
    const { store, orchestrator, out } = setup({ host: nodeHost(MISBEHAVING_WORKER), heartbeatTimeoutMs: 1500, maxAttempts: 2 });
    const hung = orchestrator.enqueue(enqueueInput('Always [hang]', out)).job.id;
    const fine = orchestrator.enqueue(enqueueInput('Fine', out)).job.id;
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.get(hung)).toMatchObject({ state: 'failed', attempts: 2, error: 'gave up after 2 attempts in a row with no progress: the worker stopped responding (no heartbeat for 2 s)' });
    expect(store.get(fine)!.state).toBe('succeeded');
  });

  it('retries a job whose worker exits at start, then fails it with the exit reason if it keeps happening', async () => {
    const flaky = new SwitchingHost(1, EXIT_AT_START_WORKER);
    const first = setup({ host: flaky });
    const once = first.orchestrator.enqueue(enqueueInput('Once', first.out)).job.id;
    first.orchestrator.start();
    await first.orchestrator.onIdle();
    expect(first.store.get(once)).toMatchObject({ state: 'succeeded', attempts: 2 });

    const broken = new SwitchingHost(99, EXIT_AT_START_WORKER);
    const second = setup({ host: broken, maxAttempts: 3 });
    const never = second.orchestrator.enqueue(enqueueInput('Never', second.out, { force: true })).job.id;
    second.orchestrator.start();
    await second.orchestrator.onIdle();
    expect(second.store.get(never)).toMatchObject({ state: 'failed', attempts: 3 });
    expect(second.store.get(never)!.error).toMatch(/^gave up after 3 attempts in a row with no progress: the worker exited at start \(abnormal-exit \(code 3, Error: Cannot find module \.\/missing\.js\)\)$/);
  });

  it('cancels a running job: the worker stops, finished steps are kept, retry resumes from them', async () => {
    const { store, orchestrator, out } = setup();
    const id = orchestrator.enqueue(enqueueInput('Cancel me', out, { lessons: 8, settings: { demoDelayMs: 300, lessonConcurrency: 1 } })).job.id;
    orchestrator.onDidEmitEvent((e) => {
      if (e.jobId === id && e.type === 'lesson-done' && e.lessonsDone === 1) orchestrator.cancel(id);
    });
    orchestrator.start();
    await orchestrator.onIdle();
    const cancelled = store.get(id)!;
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.lessonsDone).toBeGreaterThanOrEqual(1);
    expect(cancelled.lessonsDone).toBeLessThan(8);
    orchestrator.retry(id);
    await orchestrator.onIdle();
    expect(store.get(id)).toMatchObject({ state: 'succeeded', lessonsDone: 8 });
  });

  it('cancels a running job when another process asks through the store', async () => {
    const { store, orchestrator, out } = setup();
    const id = orchestrator.enqueue(enqueueInput('Remote cancel', out, { lessons: 8, settings: { demoDelayMs: 300, lessonConcurrency: 1 } })).job.id;
    const cli = new JobStore(store.db.name);
    cleanups.push(() => cli.close());
    orchestrator.onDidEmitEvent((e) => {
      if (e.jobId === id && e.type === 'outline-done') cli.requestCancel(id);
    });
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.get(id)!.state).toBe('cancelled');
  });

  it('kills a worker that ignores a cancel after the grace period', async () => {
    const { store, orchestrator, out } = setup({ host: nodeHost(MISBEHAVING_WORKER), cancelGraceMs: 300, heartbeatTimeoutMs: 60_000 });
    const id = orchestrator.enqueue(enqueueInput('Deaf [hang]', out)).job.id;
    orchestrator.start();
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    orchestrator.cancel(id);
    await orchestrator.onIdle();
    expect(store.get(id)!.state).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reuses workers and recycles each after recycleAfterJobs', async () => {
    const host = new SwitchingHost(0, '');
    const { store, orchestrator, out } = setup({ host, concurrency: 1, recycleAfterJobs: 2 });
    for (let i = 0; i < 5; i++) orchestrator.enqueue(enqueueInput(`Recycle ${i}`, out, { lessons: 1 }));
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.counts().succeeded).toBe(5);
    expect(host.spawned).toHaveLength(3);
  });

  it('lets concurrency change while running', async () => {
    const { store, orchestrator, out } = setup({ concurrency: 1 });
    for (let i = 0; i < 6; i++) orchestrator.enqueue(enqueueInput(`Scale ${i}`, out, { lessons: 2, settings: { demoDelayMs: 100 } }));
    let maxRunning = 0;
    orchestrator.onDidChangeJob(() => (maxRunning = Math.max(maxRunning, store.counts().running)));
    orchestrator.start();
    expect(store.counts().running).toBe(1);
    orchestrator.concurrency = 3;
    expect(store.counts().running).toBe(3);
    await orchestrator.onIdle();
    expect(maxRunning).toBe(3);
  });

  it('never sends the API key anywhere but the worker: not to the log, not to events', async () => {
    const llm = await server();
    const { store, orchestrator, events, out } = setup({ apiKey: () => 'sk-secret-in-memory-only' });
    const id = orchestrator.enqueue(enqueueInput('Secret', out, { settings: { provider: 'openai', model: 'test-model', baseURL: llm.baseURL } })).job.id;
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.get(id)!.state).toBe('succeeded');
    const everything = JSON.stringify([store.db.prepare('SELECT * FROM jobs').all(), store.logs(id), events]);
    expect(everything).not.toContain('sk-secret');
  });
});
