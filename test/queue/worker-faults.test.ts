import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderFullError } from '../../electron/core/config/disk-full.js';
import { Orchestrator, type OrchestratorOptions } from '../../electron/core/queue/orchestrator.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import type { JobEvent } from '../../electron/shared/job-events.js';
import { isAlive } from '../support/child-processes.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// Issue 15, items 4, 7 and 10, with real worker processes: outside kills of a job that makes
// progress, a data folder that fills up mid-run, and what a job is charged.

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(options: Partial<OrchestratorOptions> = {}, file = join(tempDir(), 'queue.sqlite')) {
  const store = new JobStore(file);
  const orchestrator = new Orchestrator({ store, host: nodeHost(), pollMs: 100, retryBaseDelayMs: 20, ...options });
  const events: JobEvent[] = [];
  orchestrator.onDidEmitEvent((e) => events.push(e));
  cleanups.push(() => store.close(), () => orchestrator.stop());
  return { store, orchestrator, events, out: join(tempDir(), 'out') };
}

describe('worker losses', () => {
  it('outside kills of a job that saves a step between them never fail it, however many', async () => {
    const { store, orchestrator, out } = setup({ maxAttempts: 2 });
    const id = orchestrator.enqueue(enqueueInput('Killed Often', out, { lessons: 5, settings: { demoDelayMs: 150, lessonConcurrency: 1 } })).job.id;
    let kills = 0;
    // The OOM killer, Force Quit: a kill -9 of the worker right after each lesson is saved.
    orchestrator.onDidEmitEvent((e) => {
      if (e.type !== 'lesson-done' || e.lessonsDone >= 5) return;
      const pid = orchestrator.workers().find((w) => w.jobId === id)?.pid;
      if (pid) {
        process.kill(pid, 'SIGKILL');
        kills++;
      }
    });
    orchestrator.start();
    await orchestrator.onIdle();
    const job = store.get(id)!;
    expect(kills).toBeGreaterThanOrEqual(3); // more kills than maxAttempts
    expect(job).toMatchObject({ state: 'succeeded', lessonsDone: 5 });
    expect(job.attempts).toBe(kills + 1);
    expect(readdirSync(out)).toEqual(['killed-often']);
  });

  it('a worker that dies the same way each time, saving nothing, is still given up after maxAttempts', async () => {
    const { store, orchestrator, out } = setup({ maxAttempts: 2 });
    const id = orchestrator.enqueue(enqueueInput('Dies Early', out, { lessons: 3, settings: { demoDelayMs: 400 } })).job.id;
    orchestrator.onDidEmitEvent((e) => {
      if (e.type !== 'job-started' || e.jobId !== id) return;
      // Killed before anything is saved, every time.
      const timer = setInterval(() => {
        const pid = orchestrator.workers().find((w) => w.jobId === id)?.pid;
        if (pid) {
          clearInterval(timer);
          process.kill(pid, 'SIGKILL');
        }
      }, 10);
    });
    orchestrator.start();
    await orchestrator.onIdle();
    expect(store.get(id)).toMatchObject({ state: 'failed', attempts: 2 });
    expect(store.get(id)!.error).toMatch(/^gave up after 2 attempts in a row with no progress: the worker stopped: crashed \(SIGKILL\)$/);
  });
});

describe('a full data folder mid-run', () => {
  it('stops the runner cleanly: every worker gone, the reason names the folder, the saved steps resume later', async () => {
    const file = join(tempDir(), 'full.sqlite');
    const first = setup({}, file);
    const ids = ['Full A', 'Full B'].map((t) => first.orchestrator.enqueue(enqueueInput(t, first.out, { lessons: 6, settings: { demoDelayMs: 40, lessonConcurrency: 1 } })).job.id);
    const failed = new Promise<Error>((resolve) => first.orchestrator.onDidFail(resolve));
    let limited = false;
    first.orchestrator.onDidEmitEvent((e) => {
      if (e.type !== 'lesson-done' || limited) return;
      // SQLite's own limit on the file's size: the next pages it needs answer SQLITE_FULL,
      // exactly as a full disk does.
      const pages = first.store.db.pragma('page_count', { simple: true }) as number;
      first.store.db.pragma(`max_page_count = ${pages + 1}`);
      limited = true;
    });
    first.orchestrator.start();
    const error = await failed;
    expect(error).toBeInstanceOf(DataFolderFullError);
    expect(error.message).toBe(`the data folder ${tempDir()} is full (no space left on the disk): free some space, then run "fluentpro run" to go on where the jobs stopped`);
    const pids = first.orchestrator.workers().map((w) => w.pid!);
    await first.orchestrator.stop();
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of pids) expect(isAlive(pid)).toBe(false);
    const saved = ids.map((id) => first.store.get(id)!.lessonsDone);
    expect(saved.some((n) => n > 0)).toBe(true);

    // Space freed: the next runner takes the jobs over and finishes them from their checkpoints.
    const second = setup({}, file);
    second.orchestrator.start();
    await second.orchestrator.onIdle();
    for (const id of ids) expect(second.store.get(id)).toMatchObject({ state: 'succeeded', lessonsDone: 6 });
    expect(second.events.filter((e) => e.type === 'lesson-done').length).toBe(12 - saved.reduce((a, b) => a + b, 0));
  });
});

describe('what a job is charged', () => {
  it('counts every answer the provider sent, refused and repaired ones included, as the server counted them', async () => {
    // Lesson 2's first answer is unusable JSON; its dialogue comes back empty once: requests
    // beyond one per step, paid all the same.
    const llm = await FakeLlmServer.start({
      fault: ({ key, attempt }) =>
        key === 'lesson 2|Charged' && attempt === 0 ? { kind: 'wrong-shape' } : key === 'lesson 3|Charged' && attempt === 0 ? { kind: 'spoil', spoil: (a) => ((a.dialogue as { lines: unknown[] }).lines = []) } : undefined,
    });
    cleanups.push(() => llm.close());
    const { store, orchestrator, out } = setup({ apiKey: () => 'sk-test' });
    const id = orchestrator.enqueue(enqueueInput('Charged', out, { lessons: 3, settings: { provider: 'openai', model: 'test-model', baseURL: llm.baseURL } })).job.id;
    orchestrator.start();
    await orchestrator.onIdle();
    const job = store.get(id)!;
    expect(job.state).toBe('succeeded');
    const answered = llm.requests.filter((r) => r.status === 200);
    expect(job.usage).toEqual({
      requests: answered.length,
      promptTokens: answered.reduce((n, r) => n + r.promptTokens, 0),
      completionTokens: answered.reduce((n, r) => n + r.completionTokens, 0),
    });
    const course = JSON.parse((await import('node:fs')).readFileSync(join(job.outputPath!, 'course.json'), 'utf8')) as { usage: unknown };
    expect(course.usage).toEqual(job.usage);
  });
});
