import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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
import { specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The whole batch path short of the orchestrator: each job runs the unchanged workflow with
// BatchLineProvider; a run that stops on AwaitingBatchError is run again after a round. The
// courses must come out as the live path writes them, for as many paid requests.

const tempDir = useTempDir();
const servers: FakeLlmServer[] = [];
let jobs: JobStore | undefined;
afterEach(async () => {
  jobs?.close();
  jobs = undefined;
  for (const s of servers.splice(0)) await s.close();
});

async function serve(options: FakeLlmServerOptions = {}) {
  const server = await FakeLlmServer.start(options);
  servers.push(server);
  return server;
}

const ctx = { permits: new Admission({ maxInFlight: 1000 }), retry: DEFAULT_RETRY_POLICY, priority: 0, lessonConcurrency: 1000 };

/** Plan steps go first, alone, as rounds.ts phases them; then everything else. */
function planFirst(pending: StoredLine[]) {
  const plan = pending.filter((l) => l.step.startsWith('outline-part:') || l.step.startsWith('terms:'));
  return plan.length ? { name: 'plan', lines: plan } : { name: 'lessons and repairs', lines: pending };
}

async function runBatched(server: FakeLlmServer, specs: CourseSpec[]) {
  jobs = new JobStore(join(tempDir(), 'queue.sqlite'));
  const ids = specs.map((spec) => jobs!.enqueue(enqueueInput(spec.title, tempDir())).job.id);
  const clock = { now: 1_000_000 };
  const store = new BatchStore(jobs.db, { now: () => clock.now });
  const driver = new BatchDriver({ store, client: new BatchClient({ apiKey: 'k', baseURL: server.baseURL }), now: () => clock.now, round: planFirst });
  const done = new Map<string, GeneratedContent>();
  let rounds = 0;
  for (let pass = 0; done.size < specs.length; pass++) {
    if (pass > 20) throw new Error('too many passes');
    for (const [i, id] of ids.entries()) {
      if (done.has(id)) continue;
      const provider = new BatchLineProvider(id, 'test-model', store);
      try {
        done.set(id, await generateCourse(specs[i]!, { ...ctx, provider }));
      } catch (error) {
        if (provider.awaiting.length === 0 && !(error instanceof AwaitingBatchError)) throw error;
      }
    }
    if (done.size === specs.length) break;
    // One round: submit, then tick until it is read.
    await driver.tick();
    rounds++;
    while (store.openBatches().length) {
      clock.now += 600_000;
      await new Promise((r) => setTimeout(r, 10));
      await driver.tick();
    }
  }
  return { results: ids.map((id) => done.get(id)!), rounds, store, ids };
}

async function runLive(server: FakeLlmServer, spec: CourseSpec) {
  return generateCourse(spec, { ...ctx, provider: new OpenAiProvider({ apiKey: 'k', baseURL: server.baseURL, model: 'test-model' }) });
}

describe('a course through the batch path', () => {
  it('comes out as the live path writes it, for the same paid requests, in one round per plan part and one for the lessons', async () => {
    const specs = [specOf({ title: 'Batch One', lessons: 20 }).spec, specOf({ title: 'Batch Two', lessons: 12 }).spec, specOf({ title: 'Batch Three', lessons: 4 }).spec];
    const batchServer = await serve();
    const { results, rounds } = await runBatched(batchServer, specs);
    const liveServer = await serve();
    for (const [i, spec] of specs.entries()) {
      const live = await runLive(liveServer, spec);
      expect(results[i]!.outline).toEqual(live.outline);
      expect(results[i]!.lessons).toEqual(live.lessons);
      expect(results[i]!.usage.requests).toBe(live.usage.requests);
    }
    // 20 lessons plan in two parts of 10, the others in one: two plan rounds, one lesson round.
    expect(rounds).toBe(3);
    expect(batchServer.requests.length).toBe(liveServer.requests.length);
    expect([...batchServer.paidCounts().values()].every((n) => n === 1)).toBe(true);
    const flat = batchServer.batch.submittedIds().flat();
    expect(new Set(flat).size).toBe(flat.length);
  });

  it('repairs a broken lesson part through a further round, as the live path repairs it', async () => {
    const spoilQuiz = (r: { key: string; attempt: number }) => (r.key === 'lesson 2|Repaired' && r.attempt === 0 ? { kind: 'spoil' as const, spoil: (a: Record<string, unknown>) => void (a.quiz = (a.quiz as { answerIndex?: number }[]).map((q) => ({ ...q, answerIndex: 99 }))) } : undefined);
    const spec = specOf({ title: 'Repaired', lessons: 3 }).spec;
    const batchServer = await serve({ fault: spoilQuiz });
    const { results, rounds } = await runBatched(batchServer, [spec]);
    const live = await runLive(await serve({ fault: spoilQuiz }), spec);
    expect(results[0]!.lessons).toEqual(live.lessons);
    expect(results[0]!.repairs).toEqual(live.repairs);
    expect(live.repairs.some((r) => r.kind === 'part-asked-again')).toBe(true);
    expect(rounds).toBe(3); // the plan, the lessons, the quiz questions of lesson 2
    expect(results[0]!.usage.requests).toBe(live.usage.requests);
  });
});
