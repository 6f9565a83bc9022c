import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCourses } from '../electron/core/engine/run-courses.js';
import { createProvider } from '../electron/core/providers/create-provider.js';
import { nextRange } from '../electron/core/workflow/plan-outline.js';
import { settingsFor, specOf } from '../test/support/engine-fixtures.js';
import { FakeLlmServer, type ServedRequest } from '../test/support/fake-llm-server.js';
import type { RealModelOptions } from '../test/support/real-model.js';
import { report } from './report.js';

// Courses against a model that answers the schema but not the rules (the test server's
// real-model mode): how many fail, and what the repairs cost in requests and tokens against a
// perfect model's run of the same batch. Plus how prompts and answers scale with course length.

const LATENCY_MS = 20;
/**
 * Real-model rates: the test server's defaults — per lesson answer 5 % a quiz index out of range,
 * 3 % an empty section, 10 % unused vocabulary; 2 % of answers cut off; 2 % of planned terms
 * repeated; 30 % of planned titles numbered.
 */
const REAL_MODEL: RealModelOptions = { seed: 1 };

/** Requests a course needs at the least: one per part of the plan, one per lesson. */
function minimumRequests(lessons: number): number {
  let parts = 0;
  for (let planned = 0; planned < lessons; parts++) planned += nextRange(planned, lessons).count;
  return parts + lessons;
}

async function runBatch(batch: { title: string; lessons: number }[], realModel?: RealModelOptions) {
  const server = await FakeLlmServer.start({ latencyMs: LATENCY_MS, realModel });
  const out = mkdtempSync(join(tmpdir(), 'fluentpro-bench-'));
  try {
    const settings = settingsFor(out, { baseURL: server.baseURL });
    const results = await runCourses(batch.map((c) => specOf(c)), { settings, provider: await createProvider(settings) });
    return { results, requests: [...server.requests] };
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}

const tokens = (requests: ServedRequest[]) => requests.reduce((sum, r) => sum + r.promptTokens + r.completionTokens, 0);
const isLesson = (r: ServedRequest) => /^lesson \d+\|/.test(r.key);
const isPlan = (r: ServedRequest) => r.key.startsWith('outline');

export async function robustGeneration(): Promise<void> {
  const batch = [...[1, 2, 3, 4].map((i) => ({ title: `Robust Twenty ${i}`, lessons: 20 })), { title: 'Robust Sixty', lessons: 60 }];
  const perfect = await runBatch(batch);
  const real = await runBatch(batch, REAL_MODEL);
  const failed = real.results.filter((r) => !r.ok);
  const minimum = batch.reduce((sum, c) => sum + minimumRequests(c.lessons), 0);

  // Scaling with course length, on perfect answers: prompt tokens per lesson request, and the largest answer.
  const scaling: Record<number, { promptPerLesson: number; largestAnswer: number }> = {};
  for (const lessons of [8, 30, 60]) {
    const { requests } = await runBatch([{ title: `Scale ${lessons}`, lessons }]);
    const lessonRequests = requests.filter(isLesson);
    scaling[lessons] = {
      promptPerLesson: Math.round(lessonRequests.reduce((s, r) => s + r.promptTokens, 0) / lessonRequests.length),
      largestAnswer: Math.max(...requests.map((r) => r.completionTokens)),
    };
  }
  const largestPlanAnswer = (requests: ServedRequest[]) => Math.max(...requests.filter(isPlan).map((r) => r.completionTokens));

  report(
    'robust-generation',
    [
      { name: 'failed courses (goal 0)', value: failed.length, unit: 'courses' },
      { name: 'requests vs minimum (goal ≤ ×1.15)', value: real.requests.length, unit: 'requests', ideal: minimum },
      { name: 'tokens vs a perfect model (goal ≤ ×1.2)', value: tokens(real.requests), unit: 'tokens', ideal: tokens(perfect.requests) },
      { name: 'largest answer, 8 lessons', value: scaling[8]!.largestAnswer, unit: 'tokens' },
      { name: 'largest answer, 30 lessons', value: scaling[30]!.largestAnswer, unit: 'tokens' },
      // A plan part holds at most 12 lessons, so from 12 lessons on the largest answer stays put.
      { name: 'largest answer, 60 lessons (vs 30)', value: scaling[60]!.largestAnswer, unit: 'tokens', ideal: scaling[30]!.largestAnswer },
      { name: 'largest plan answer, real model', value: largestPlanAnswer(real.requests), unit: 'tokens' },
      { name: 'prompt tokens per lesson, 8', value: scaling[8]!.promptPerLesson, unit: 'tokens' },
      { name: 'prompt tokens per lesson, 30 (vs 8)', value: scaling[30]!.promptPerLesson, unit: 'tokens', ideal: scaling[8]!.promptPerLesson },
      { name: 'prompt tokens per lesson, 60 (vs 8; goal ≤ ×2)', value: scaling[60]!.promptPerLesson, unit: 'tokens', ideal: scaling[8]!.promptPerLesson },
    ],
    {
      batch: '4 × 20 lessons + 1 × 60 lessons',
      realModel: '5 % quiz index, 3 % empty section, 2 % cut off, 2 % repeated terms, 10 % unused terms, 30 % numbered titles; seed 1',
      failures: failed.map((f) => f.error),
      requestsOverMinimum: real.requests.length - minimum,
      repairRequests: real.requests.filter((r) => !isLesson(r) && !isPlan(r)).length,
    },
  );
}
