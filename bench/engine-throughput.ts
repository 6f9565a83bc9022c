import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCourses } from '../electron/core/engine/run-courses.js';
import { Admission } from '../electron/core/pacing/admission.js';
import { createProvider } from '../electron/core/providers/create-provider.js';
import { settingsFor, specOf } from '../test/support/engine-fixtures.js';
import { spawnFakeLlmServer } from '../test/support/spawn-fake-llm-server.js';
import { report } from './report.js';

/**
 * The lower bound on wall time for `jobs` courses of `lessons` lessons when every request takes
 * `latency`: a job's outline must finish before its lessons start, so in the first latency period
 * only the first wave of outlines (min(jobs, concurrency)) can be open; every later period can
 * hold at most maxInFlight requests; and each job needs 1 + ceil(lessons / lessonConcurrency)
 * periods, in ceil(jobs / concurrency) waves.
 */
export function idealMs(p: { jobs: number; lessons: number; concurrency: number; lessonConcurrency: number; maxInFlight: number; latencyMs: number }): number {
  const requests = p.jobs * (1 + p.lessons);
  const firstWave = Math.min(p.jobs, p.concurrency, p.maxInFlight);
  const byRequests = 1 + Math.ceil((requests - firstWave) / p.maxInFlight);
  const byChain = Math.ceil(p.jobs / p.concurrency) * (1 + Math.ceil(p.lessons / p.lessonConcurrency));
  return Math.max(byRequests, byChain) * p.latencyMs;
}

const RUNS = 3;

/**
 * One full "period" as this machine and test server deliver it: the median time for
 * `concurrent` raw HTTP requests at once, without the engine. Periods × this is the ideal the
 * engine could reach here; the gap to it is the engine's own overhead.
 */
async function measurePeriodMs(baseURL: string, concurrent: number): Promise<number> {
  const body = JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Course "Calibrate" Write lesson 1 of 1' }], response_format: { type: 'json_schema', json_schema: { name: 'x', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } } } } } });
  const once = async () => (await fetch(`${baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrent }, once));
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[3]!;
}

export async function engineThroughput(): Promise<void> {
  const params = { jobs: 8, lessons: 8, concurrency: 4, lessonConcurrency: 4, maxInFlight: 8, latencyMs: 200 };
  // The server runs in its own process, as a real provider does, so its CPU time is not ours.
  const server = await spawnFakeLlmServer(params.latencyMs);
  const out = mkdtempSync(join(tmpdir(), 'fluentpro-bench-'));
  try {
    const settings = settingsFor(out, { baseURL: server.baseURL, concurrency: params.concurrency, lessonConcurrency: params.lessonConcurrency, maxInFlightRequests: params.maxInFlight });
    const provider = await createProvider(settings);
    const batch = (run: number, jobs: number) => Array.from({ length: jobs }, (_, i) => specOf({ title: `Bench ${run}-${i + 1}`, lessons: params.lessons }));
    // The test server stands in for a remote provider: on loopback the engine would otherwise treat
    // it as a server on this Mac and start at one request at a time. Each run gets a fresh admission.
    const admission = () => new Admission({ maxInFlight: params.maxInFlight });
    await runCourses(batch(0, 1), { settings, provider, admission: admission() }); // warm-up: JIT, first connection
    const walls: number[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const started = performance.now();
      const results = await runCourses(batch(run, params.jobs), { settings, provider, admission: admission() });
      walls.push(performance.now() - started);
      if (!results.every((r) => r.ok)) throw new Error(`bench run failed: ${JSON.stringify(results.filter((r) => !r.ok))}`);
    }
    (globalThis as { gc?: () => void }).gc?.(); // RSS of what the runs keep, not of garbage not yet collected
    const stats = await server.stats();
    const periodMs = await measurePeriodMs(server.baseURL, params.maxInFlight);
    const periods = idealMs(params) / params.latencyMs;
    walls.sort((a, b) => a - b);
    report(
      'engine-throughput',
      [
        { name: `wall time (median of ${RUNS})`, value: Math.round(walls[1]!), unit: 'ms', ideal: idealMs(params) },
        { name: 'wall time vs this rig (calibrated)', value: Math.round(walls[1]!), unit: 'ms', ideal: Math.round(periods * periodMs) },
        { name: 'peak requests open at the server', value: stats.maxInFlight, unit: 'requests', ideal: params.maxInFlight },
        { name: 'rss after runs', value: Math.round(process.memoryUsage().rss / 1024 / 1024), unit: 'MiB' },
      ],
      { ...params, runs: walls.map(Math.round), measuredPeriodMs: Math.round(periodMs) },
    );
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
