import { afterEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import type { CourseSpec } from '../../electron/core/spec/spec-schema.js';
import { generateCourse } from '../../electron/core/workflow/generate-course.js';
import { OPEN_CONTEXT, runBatched, type BatchedRun } from '../support/batch-run.js';
import { specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';
import { useTempDir } from '../support/temp-dir.js';

// The whole batch path short of the orchestrator: each job runs the unchanged workflow with
// BatchLineProvider; a run that stops on AwaitingBatchError is run again after a round. The
// courses must come out as the live path writes them, for as many paid requests.

const tempDir = useTempDir();
const servers: FakeLlmServer[] = [];
const runs: BatchedRun[] = [];
afterEach(async () => {
  for (const run of runs.splice(0)) run.close();
  for (const s of servers.splice(0)) await s.close();
});

async function serve(options: FakeLlmServerOptions = {}) {
  const server = await FakeLlmServer.start(options);
  servers.push(server);
  return server;
}

async function batched(server: FakeLlmServer, specs: CourseSpec[], options: { liveFallback?: boolean } = {}) {
  const run = await runBatched(server, specs, tempDir(), options);
  runs.push(run);
  return run;
}

async function runLive(server: FakeLlmServer, spec: CourseSpec) {
  return generateCourse(spec, { ...OPEN_CONTEXT, provider: new OpenAiProvider({ apiKey: 'k', baseURL: server.baseURL, model: 'test-model' }) });
}

describe('a course through the batch path', () => {
  it('comes out as the live path writes it, for the same paid requests, in one round per plan part and one for the lessons', async () => {
    const specs = [specOf({ title: 'Batch One', lessons: 20 }).spec, specOf({ title: 'Batch Two', lessons: 12 }).spec, specOf({ title: 'Batch Three', lessons: 4 }).spec];
    const batchServer = await serve();
    const { results, rounds } = await batched(batchServer, specs);
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
    const { results, rounds } = await batched(batchServer, [spec]);
    const live = await runLive(await serve({ fault: spoilQuiz }), spec);
    expect(results[0]!.lessons).toEqual(live.lessons);
    expect(results[0]!.repairs).toEqual(live.repairs);
    expect(live.repairs.some((r) => r.kind === 'part-asked-again')).toBe(true);
    expect(rounds).toBe(3); // the plan, the lessons, the quiz questions of lesson 2
    expect(results[0]!.usage.requests).toBe(live.usage.requests);
  });

  it('goes live when the provider has no Batch API, and a replay pays for no live answer twice', async () => {
    const spec = specOf({ title: 'Local Model', lessons: 5 }).spec;
    const server = await serve({ batch: { mode: 'absent' } });
    const { results, rounds, store, jobIds } = await batched(server, [spec], { liveFallback: true });
    const live = await runLive(await serve(), spec);
    expect(results[0]!.lessons).toEqual(live.lessons);
    expect(rounds).toBe(0);
    expect(server.batch.batches).toEqual([]);
    expect(server.requests.length).toBe(live.usage.requests);
    expect([...server.paidCounts().values()].every((n) => n === 1)).toBe(true);
    expect(store.progress(jobIds[0]!)).toMatchObject({ answered: live.usage.requests, waiting: 0 });
  });
});
