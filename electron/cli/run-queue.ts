import { setMaxListeners } from 'node:events';
import type { EngineSettings } from '../core/config/settings.js';
import { NodeWorkerHost } from '../core/queue/node-worker-host.js';
import { initialInFlightFor } from '../core/providers/local-servers.js';
import { Orchestrator } from '../core/queue/orchestrator.js';
import type { HeldJob, JobStore } from '../core/store/job-store.js';
import type { JobEvent } from '../shared/job-events.js';
import type { JobSummary } from '../shared/jobs.js';
import type { ProgressView } from './progress-view.js';

export interface QueueRunOptions {
  store: JobStore;
  settings: Pick<EngineSettings, 'concurrency' | 'maxInFlightRequests' | 'apiKey' | 'rpm' | 'tpm' | 'baseURL'>;
  view: ProgressView;
  /** Only these jobs (generate); all of the queue otherwise (run). */
  onlyJobIds?: ReadonlySet<string>;
  /** Keep running when the queue is empty, until the signal fires. */
  watch?: boolean;
  /** Work that runs beside the queue while it is worked (run --watch: the schedules); stopped first. */
  alongside?: (orchestrator: Orchestrator) => { stop(): Promise<void> };
  signal?: AbortSignal;
  /**
   * Told of jobs that another process runs when nothing else is left to do here: they are
   * waited for, and taken over if that process is found gone. Each job is told once.
   */
  onWaiting?: (held: HeldJob[]) => void;
}

/** How often jobs held by another process are looked at while waiting for them. */
const HELD_POLL_MS = 250;

/**
 * Works the queue in worker processes until its jobs end (or, with `watch`, until stopped).
 * A stop (Ctrl-C, SIGTERM) leaves unfinished jobs in the queue, to resume from their checkpoints.
 * Returns whether it was stopped before the work was done; rejects with DataFolderFullError when
 * the queue could no longer be written (every worker stopped, what was saved kept).
 */
export async function runQueue(options: QueueRunOptions): Promise<{ interrupted: boolean }> {
  const { store } = options;
  const orchestrator = new Orchestrator({
    store,
    host: new NodeWorkerHost(),
    concurrency: options.settings.concurrency,
    maxInFlightRequests: options.settings.maxInFlightRequests,
    initialInFlight: initialInFlightFor(options.settings.baseURL),
    rpm: options.settings.rpm,
    tpm: options.settings.tpm,
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
  const beside = options.alongside?.(orchestrator);
  let ended = false;
  const done = options.watch ? new Promise<void>(() => {}) : untilNothingRuns(orchestrator, options, new Set(pending.map((j) => j.id)), () => ended);
  // The runner cannot go on (the data folder is full): stop cleanly and say why (the caller prints it).
  const failed = new Promise<never>((_, reject) => orchestrator.onDidFail(reject));
  failed.catch(() => {});
  try {
    return { interrupted: await Promise.race([done.then(() => false), stopped.then(() => true), failed]) };
  } finally {
    ended = true;
    await beside?.stop();
    await orchestrator.stop();
    options.view.close();
  }
}

function queuedEvent(job: JobSummary) {
  return { type: 'job-queued' as const, jobId: job.id, at: job.createdAt, file: job.specPath, title: job.title, lessonsTotal: job.lessonsTotal };
}

/**
 * Resolves when the orchestrator is idle and no other process holds a job (of `onlyJobIds`):
 * one that does is waited for until it ends there, or until its owner is found gone (exited, a
 * zombie, its pid taken by another process, its lease run out) and the orchestrator takes it
 * over. Working the whole queue, the progress of held jobs is reported as if they ran here
 * (following `onlyJobIds`, the orchestrator does that itself).
 */
async function untilNothingRuns(orchestrator: Orchestrator, options: QueueRunOptions, announced: Set<string>, ended: () => boolean): Promise<void> {
  const { store, view } = options;
  const told = new Set<string>();
  const followed = new Map<string, JobSummary>(); // held elsewhere, as last seen
  // Taken over here: its events come from its worker from now on.
  orchestrator.onDidEmitEvent((e) => e.type === 'job-started' && followed.delete(e.jobId));
  const emit = (jobId: string, event: DistributiveOmit<JobEvent, 'at' | 'jobId'>) => view.onEvent({ ...event, jobId, at: new Date().toISOString() } as JobEvent);

  const follow = (held: HeldJob[]) => {
    if (options.onlyJobIds) return;
    for (const { job } of held) {
      if (!announced.has(job.id)) view.onEvent(queuedEvent(job));
      announced.add(job.id);
      if (!followed.has(job.id)) followed.set(job.id, job);
    }
    for (const [id, before] of followed) {
      const job = store.get(id);
      if (!job) {
        followed.delete(id);
        continue;
      }
      if (job.outlineDone && !before.outlineDone) emit(id, { type: 'outline-done' });
      for (let n = before.lessonsDone + 1; n <= job.lessonsDone; n++) emit(id, { type: 'lesson-done', lessonNumber: n, lessonsDone: n, lessonsTotal: job.lessonsTotal });
      followed.set(id, job);
      if (job.state === 'succeeded') emit(id, { type: 'job-succeeded', outputPath: job.outputPath ?? '', usage: job.usage });
      else if (job.state === 'failed') emit(id, { type: 'job-failed', reason: job.error ?? 'failed' });
      else if (job.state === 'cancelled') emit(id, { type: 'job-cancelled' });
      else continue;
      followed.delete(id);
    }
  };

  let idle: Promise<boolean> | undefined;
  for (;;) {
    // Held jobs are followed every poll, also while this process is busy with jobs of its own.
    idle ??= orchestrator.onIdle().then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const isIdle = await Promise.race([idle, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HELD_POLL_MS)))]);
    clearTimeout(timer);
    if (ended()) return;
    const held = store.runningElsewhere(orchestrator.ownerId, options.onlyJobIds);
    follow(held);
    if (!isIdle) continue;
    idle = undefined;
    if (!held.length) return;
    const untold = held.filter((h) => !told.has(h.job.id));
    for (const h of untold) told.add(h.job.id);
    if (untold.length) options.onWaiting?.(untold);
    // onIdle() answers at once while idle: give the orchestrator's timers a turn before asking
    // again (they take over the jobs of an owner found gone).
    await new Promise((resolve) => setTimeout(resolve, HELD_POLL_MS));
    if (ended()) return;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
