import { setMaxListeners } from 'node:events';
import type { EngineSettings } from '../core/config/settings.js';
import { NodeWorkerHost } from '../core/queue/node-worker-host.js';
import { Orchestrator } from '../core/queue/orchestrator.js';
import type { JobStore } from '../core/store/job-store.js';
import type { JobSummary } from '../shared/jobs.js';
import type { ProgressView } from './progress-view.js';

export interface QueueRunOptions {
  store: JobStore;
  settings: Pick<EngineSettings, 'concurrency' | 'maxInFlightRequests' | 'apiKey'>;
  view: ProgressView;
  /** Only these jobs (generate); all of the queue otherwise (run). */
  onlyJobIds?: ReadonlySet<string>;
  /** Keep running when the queue is empty, until the signal fires. */
  watch?: boolean;
  signal?: AbortSignal;
}

/**
 * Works the queue in worker processes until its jobs end (or, with `watch`, until stopped).
 * A stop (Ctrl-C) leaves unfinished jobs in the queue, to resume from their checkpoints.
 * Returns whether it was stopped before the work was done.
 */
export async function runQueue(options: QueueRunOptions): Promise<{ interrupted: boolean }> {
  const { store } = options;
  const orchestrator = new Orchestrator({
    store,
    host: new NodeWorkerHost(),
    concurrency: options.settings.concurrency,
    maxInFlightRequests: options.settings.maxInFlightRequests,
    apiKey: () => options.settings.apiKey,
    onlyJobIds: options.onlyJobIds,
  });
  // Show what is waiting before anything starts, so a live view lists every job from the top.
  const pending = store.list().filter((j) => (j.state === 'queued' || j.state === 'running') && (!options.onlyJobIds || options.onlyJobIds.has(j.id)));
  for (const job of pending) options.view.onEvent(queuedEvent(job));
  orchestrator.onDidEmitEvent((e) => options.view.onEvent(e));

  const stopped = new Promise<void>((resolve) => {
    if (!options.signal) return;
    setMaxListeners(0, options.signal);
    if (options.signal.aborted) resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  orchestrator.start();
  const done = options.watch ? new Promise<void>(() => {}) : orchestrator.onIdle();
  const interrupted = await Promise.race([done.then(() => false), stopped.then(() => true)]);
  await orchestrator.stop();
  options.view.close();
  return { interrupted };
}

function queuedEvent(job: JobSummary) {
  return { type: 'job-queued' as const, jobId: job.id, at: job.createdAt, file: job.specPath, title: job.title, lessonsTotal: job.lessonsTotal };
}
