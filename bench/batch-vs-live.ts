import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAiProvider } from '../electron/core/providers/openai-provider.js';
import { generateCourse } from '../electron/core/workflow/generate-course.js';
import { estimateCostUsd } from '../electron/shared/pricing.js';
import { OPEN_CONTEXT, runBatched } from '../test/support/batch-run.js';
import { specOf } from '../test/support/engine-fixtures.js';
import { FakeLlmServer, type ServedRequest } from '../test/support/fake-llm-server.js';
import type { RealModelOptions } from '../test/support/real-model.js';
import { report } from './report.js';

// Issue 19's measure: 50 courses × 12 lessons through the batch path (rounds across the jobs,
// answers replayed into the unchanged workflow) against the live path, on the same test server:
// the requests each sends, the rounds the batch path takes, and the cost, the batch path's at
// half the live price. With perfect answers and with a real model's slips (repairs). Wall time
// is not measured: the batch path's polls run on a clock the harness moves.

const COURSES = 50;
const LESSONS = 12;
/** The price the cost is shown at: gpt-4o-mini's (the test model has none). */
const PRICED_AS = 'gpt-4o-mini';
const BATCH_DISCOUNT = 0.5;

const specs = () => Array.from({ length: COURSES }, (_, i) => specOf({ title: `Overnight ${i + 1}`, lessons: LESSONS }).spec);

/** Answers to a request identical to one already answered (same messages and schema): paid again. */
function answeredAgain(requests: ServedRequest[]): number {
  const seen = new Set<string>();
  let again = 0;
  for (const r of requests.filter((r) => r.status === 200)) {
    if (seen.has(r.bodyHash)) again++;
    seen.add(r.bodyHash);
  }
  return again;
}

function cost(requests: ServedRequest[], factor = 1): number {
  const usage = requests.reduce((u, r) => ({ requests: u.requests + 1, promptTokens: u.promptTokens + r.promptTokens, completionTokens: u.completionTokens + r.completionTokens }), { requests: 0, promptTokens: 0, completionTokens: 0 });
  return (estimateCostUsd(PRICED_AS, usage) ?? 0) * factor;
}

async function live(realModel?: RealModelOptions) {
  const server = await FakeLlmServer.start({ realModel });
  try {
    const provider = new OpenAiProvider({ apiKey: 'k', baseURL: server.baseURL, model: 'test-model' });
    const results = await Promise.allSettled(specs().map((spec) => generateCourse(spec, { ...OPEN_CONTEXT, provider })));
    return { failed: results.filter((r) => r.status === 'rejected').length, requests: [...server.requests], paidTwice: answeredAgain(server.requests) };
  } finally {
    await server.close();
  }
}

async function batched(realModel?: RealModelOptions) {
  const server = await FakeLlmServer.start({ realModel });
  const dir = mkdtempSync(join(tmpdir(), 'fluentpro-bench-batch-'));
  try {
    const run = await runBatched(server, specs(), dir);
    run.close();
    return { failed: run.failed.size, rounds: run.rounds, batches: server.batch.batches.length, requests: [...server.requests], paidTwice: answeredAgain(server.requests) };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function batchVsLive(): Promise<void> {
  const perfectLive = await live();
  const perfectBatch = await batched();
  const realLive = await live({ seed: 1 });
  const realBatch = await batched({ seed: 1 });
  report(
    'batch-vs-live',
    [
      { name: 'requests, batch vs live', value: perfectBatch.requests.length, unit: 'requests', ideal: perfectLive.requests.length },
      { name: 'rounds (goal: 1 plan + 1 lessons)', value: perfectBatch.rounds, unit: 'rounds', ideal: 2 },
      { name: 'cost at half price (goal ×0.5)', value: cost(perfectBatch.requests, BATCH_DISCOUNT), unit: 'USD', ideal: cost(perfectLive.requests) },
      { name: 'identical requests answered again', value: perfectBatch.paidTwice, unit: 'answers' },
      { name: 'real model: requests vs live', value: realBatch.requests.length, unit: 'requests', ideal: realLive.requests.length },
      { name: 'real model: rounds', value: realBatch.rounds, unit: 'rounds', ideal: 2 },
      { name: 'real model: cost (goal ≈ ×0.5)', value: cost(realBatch.requests, BATCH_DISCOUNT), unit: 'USD', ideal: cost(realLive.requests) },
      { name: 'real model: answered again (vs live)', value: realBatch.paidTwice, unit: 'answers', ...(realLive.paidTwice ? { ideal: realLive.paidTwice } : {}) },
      { name: 'real model: failed courses, batch', value: realBatch.failed, unit: 'courses' },
      { name: 'real model: failed courses, live', value: realLive.failed, unit: 'courses' },
    ],
    { courses: COURSES, lessons: LESSONS, pricedAs: PRICED_AS, batchDiscount: BATCH_DISCOUNT, batches: { perfect: perfectBatch.batches, realModel: realBatch.batches }, liveFailedCourses: { perfect: perfectLive.failed, realModel: realLive.failed } },
  );
}
