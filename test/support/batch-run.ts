import { join } from 'node:path';
import { BatchClient } from '../../electron/core/batch/batch-client.js';
import { BatchDriver } from '../../electron/core/batch/batch-driver.js';
import { AwaitingBatchError, BatchLineProvider } from '../../electron/core/batch/batch-line-provider.js';
import { BatchStore, type StoredLine } from '../../electron/core/batch/batch-store.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import type { CourseSpec } from '../../electron/core/spec/spec-schema.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { generateCourse, type GeneratedContent } from '../../electron/core/workflow/generate-course.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/workflow/retry-policy.js';
import type { FakeLlmServer } from './fake-llm-server.js';
import { enqueueInput } from './job-fixtures.js';

// The batch path short of the orchestrator, for tests and benchmarks: each job runs the unchanged
// workflow with BatchLineProvider; a run that stops to wait for the batch is run again after a
// round (submitted, polled on a clock moved ten minutes a tick, read).

/** Wide open: neither path should be held back by pacing when the two are compared. */
export const OPEN_CONTEXT = { permits: new Admission({ maxInFlight: 1000 }), retry: DEFAULT_RETRY_POLICY, priority: 0, lessonConcurrency: 1000 };

/** Plan steps go first, alone, as rounds.ts phases them; then everything else. */
export function planFirst(pending: StoredLine[]) {
  const plan = pending.filter((l) => l.step.startsWith('outline-part:') || l.step.startsWith('terms:'));
  return plan.length ? { name: 'plan', lines: plan } : { name: 'lessons and repairs', lines: pending };
}

export interface BatchedRun {
  /** Each course, in the order given: its content, or why it failed (a reason that is not "waiting"). */
  results: GeneratedContent[];
  failed: Map<number, Error>;
  /** Rounds submitted (a round may be several files, several batches). */
  rounds: number;
  store: BatchStore;
  jobIds: string[];
  close(): void;
}

/** With `liveFallback`, lines the driver marks 'live' are asked of the same server's live endpoint. */
export async function runBatched(server: FakeLlmServer, specs: CourseSpec[], dir: string, options: { liveFallback?: boolean } = {}): Promise<BatchedRun> {
  const live = options.liveFallback ? new OpenAiProvider({ apiKey: 'k', baseURL: server.baseURL, model: 'test-model' }) : undefined;
  const jobs = new JobStore(join(dir, 'queue.sqlite'));
  const ids = specs.map((spec) => jobs.enqueue(enqueueInput(spec.title, dir)).job.id);
  const clock = { now: 1_000_000 };
  const store = new BatchStore(jobs.db, { now: () => clock.now });
  const driver = new BatchDriver({ store, client: new BatchClient({ apiKey: 'k', baseURL: server.baseURL }), now: () => clock.now, round: planFirst });
  const done = new Map<string, GeneratedContent>();
  const failed = new Map<number, Error>();
  let rounds = 0;
  try {
    for (let pass = 0; ; pass++) {
      if (pass > 30) throw new Error('the batch run did not finish in 30 rounds');
      await Promise.all(
        ids.map(async (id, i) => {
          if (done.has(id) || failed.has(i)) return;
          const provider = new BatchLineProvider(id, 'test-model', store, live);
          try {
            done.set(id, await generateCourse(specs[i]!, { ...OPEN_CONTEXT, provider }));
          } catch (error) {
            if (provider.awaiting.length === 0 && !(error instanceof AwaitingBatchError)) failed.set(i, error as Error);
          }
        }),
      );
      if (done.size + failed.size === specs.length) break;
      const before = store.openBatches().length + store.interruptedSubmissions().length;
      await driver.tick();
      if (store.openBatches().length > before) rounds++;
      while (store.openBatches().length) {
        clock.now += 600_000;
        await new Promise((r) => setTimeout(r, 10));
        await driver.tick();
      }
    }
  } catch (error) {
    jobs.close();
    throw error;
  }
  return { results: ids.map((id) => done.get(id)!), failed, rounds, store, jobIds: ids, close: () => jobs.close() };
}
