import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeWorkerHost } from '../electron/core/queue/node-worker-host.js';
import { Orchestrator } from '../electron/core/queue/orchestrator.js';
import { JobStore } from '../electron/core/store/job-store.js';
import { enqueueInput } from '../test/support/job-fixtures.js';
import { spawnFakeLlmServer } from '../test/support/spawn-fake-llm-server.js';
import { idealMs } from './engine-throughput.js';
import { report } from './report.js';

const MiB = 1024 * 1024;

/**
 * The engine's workload through the durable queue: every job in its own worker process, every
 * step committed to SQLite before it counts, permits brokered over IPC. Same ideal as the
 * engine benchmark, so the ratio shows what durability and isolation cost.
 */
export async function queueThroughput(): Promise<void> {
  // 200 ms as in the engine benchmark; 1 s, nearer a real model's latency, shows how much of the
  // gap is a fixed cost per request (IPC hops, commits) that longer requests hide.
  const fast = await measureQueue(200);
  const slow = await measureQueue(1000);
  report(
    'queue-throughput',
    [
      { name: 'wall time, 200 ms requests', value: fast.wallMs, unit: 'ms', ideal: fast.idealMs },
      { name: 'wall time, 1 s requests', value: slow.wallMs, unit: 'ms', ideal: slow.idealMs },
      { name: 'peak requests open at the server', value: Math.max(fast.peakRequests, slow.peakRequests), unit: 'requests', ideal: 8 },
      { name: 'orchestrator rss, 4 workers busy', value: fast.orchestratorRssMiB, unit: 'MiB' },
      { name: 'per worker rss, peak', value: fast.workerRssMiB, unit: 'MiB' },
    ],
    { jobs: 8, lessons: 8, concurrency: 4, lessonConcurrency: 4, maxInFlight: 8, memorySamples: fast.samples },
  );
}

async function measureQueue(latencyMs: number) {
  const params = { jobs: 8, lessons: 8, concurrency: 4, lessonConcurrency: 4, maxInFlight: 8, latencyMs };
  const server = await spawnFakeLlmServer(params.latencyMs);
  const dir = mkdtempSync(join(tmpdir(), 'fluentpro-bench-queue-'));
  const store = new JobStore(join(dir, 'queue.sqlite'));
  const orchestrator = new Orchestrator({ store, host: new NodeWorkerHost(), concurrency: params.concurrency, maxInFlightRequests: params.maxInFlight, apiKey: () => 'sk-bench' });
  try {
    const settings = { provider: 'openai' as const, model: 'bench', baseURL: server.baseURL, lessonConcurrency: params.lessonConcurrency };
    // Warm-up: start the 4 workers (a worker's start-up is paid once, then it is reused).
    for (let i = 0; i < params.concurrency; i++) orchestrator.enqueue(enqueueInput(`Warm-up ${i}`, join(dir, 'out'), { lessons: 1, settings }));
    orchestrator.start();
    await orchestrator.onIdle();

    // Earlier benchmarks in this process leave garbage behind: collect it, so RSS is this run's.
    (globalThis as { gc?: () => void }).gc?.();
    let peakOrchestratorRss = 0;
    let peakWorkerRss = 0;
    let samplesWithFourBusy = 0;
    const sampler = setInterval(() => {
      const busy = orchestrator.workers().filter((w) => w.jobId && w.rssBytes);
      if (busy.length < params.concurrency) return;
      samplesWithFourBusy++;
      peakOrchestratorRss = Math.max(peakOrchestratorRss, process.memoryUsage.rss());
      for (const w of busy) peakWorkerRss = Math.max(peakWorkerRss, w.rssBytes!);
    }, 100);
    const started = performance.now();
    for (let i = 0; i < params.jobs; i++) orchestrator.enqueue(enqueueInput(`Queue bench ${i}`, join(dir, 'out'), { lessons: params.lessons, settings }));
    await orchestrator.onIdle();
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    const counts = store.counts();
    if (counts.succeeded !== params.jobs + params.concurrency) throw new Error(`queue bench: ${JSON.stringify(counts)}`);
    const stats = await server.stats();
    return {
      wallMs: Math.round(wallMs),
      idealMs: idealMs(params),
      peakRequests: stats.maxInFlight,
      orchestratorRssMiB: Math.round(peakOrchestratorRss / MiB),
      workerRssMiB: Math.round(peakWorkerRss / MiB),
      samples: samplesWithFourBusy,
    };
  } finally {
    await orchestrator.stop();
    store.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
