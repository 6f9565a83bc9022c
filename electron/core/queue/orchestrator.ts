import { randomUUID } from 'node:crypto';
import pLimit, { type LimitFunction } from 'p-limit';
import type { JobEvent } from '../../shared/job-events.js';
import type { JobSummary } from '../../shared/jobs.js';
import type { ClaimedJob, EnqueueInput, JobStore } from '../store/job-store.js';
import { readQueuePause } from '../store/queue-pause.js';
import type { LessonJobInput } from '../store/lesson-jobs.js';
import { Admission } from '../pacing/admission.js';
import { DataFolderFullError, isDiskFull } from '../config/disk-full.js';
import { sweepWritingFoldersOfQueue } from './stale-writing.js';
import { isProgressMessage, recordProgress } from './step-recorder.js';
import { settleWorkerLoss } from './worker-losses.js';
import { rememberAnswerSizes } from '../store/answer-size-store.js';
import { followedJobEvents, type BareJobEvent } from './followed-job-events.js';
import { spawnWorkerSlot, type WorkerSlot } from './worker-slot.js';
import { Emitter } from './emitter.js';
import type { WorkerExit, WorkerHost } from './worker-host.js';
import type { FromWorker } from './worker-protocol.js';

export interface OrchestratorOptions {
  store: JobStore;
  host: WorkerHost;
  /** Jobs run at once. Default 4; can be changed while running. */
  concurrency?: number;
  /** LLM requests open at once across every worker. Default 8. */
  maxInFlightRequests?: number;
  /** Requests open at first, before the adaptive limit learns (1 for a local server). Default: the admission's. */
  initialInFlight?: number;
  /** The provider's requests and tokens per minute, set by hand (`--rpm`, `--tpm`); else learned from its headers. */
  rpm?: number;
  tpm?: number;
  /** Runs of a job whose worker crashed or hung before it is failed. Default 3. */
  maxAttempts?: number;
  /** A worker is replaced after running this many jobs. Default 20. */
  recycleAfterJobs?: number;
  /** A busy worker silent this long is taken for hung and killed. Default 30 s. */
  heartbeatTimeoutMs?: number;
  /** A worker that has not said "ready" this long after starting failed to start. Default 15 s. */
  readyTimeoutMs?: number;
  /** After asking a worker to cancel, how long before it is killed. Default 3 s. */
  cancelGraceMs?: number;
  /** Wait before a crashed job's first retry; doubles each attempt. Default 2 s. */
  retryBaseDelayMs?: number;
  /** How often cancel requests from other processes, hung workers and the owner lease are checked. Default 500 ms. */
  pollMs?: number;
  /** The API key, asked for each job and sent only to its worker. */
  apiKey?: () => string | undefined;
  /** Run only these jobs (`fluentpro generate` runs its own, not the whole queue). */
  onlyJobIds?: ReadonlySet<string>;
}

interface RunningJob {
  slot: WorkerSlot;
  done: () => void;
  cancelling: boolean;
  /** Set when every job is stopped for a provider refusal (no credit left): the job fails with it, checkpoints kept. */
  stopReason?: string;
}

export interface WorkerInfo {
  name: string;
  pid?: number;
  jobId?: string;
  rssBytes?: number;
}

/**
 * The queue's engine room, in plain Node: claims a queued job only when a slot is free
 * (prefetch 1), runs each in its own worker process, lends request permits from one shared
 * gate, commits every finished step before it counts, and turns crashes, hangs and cancels into
 * the job states the store allows.
 */
export class Orchestrator {
  readonly ownerId = `owner-${randomUUID()}`;
  /** The one admission to the provider (budgets, adaptive in-flight limit) every worker borrows permits from. */
  readonly gate: Admission;
  readonly #store: JobStore;
  readonly #host: WorkerHost;
  readonly #limit: LimitFunction;
  readonly #options: Required<Omit<OrchestratorOptions, 'store' | 'host' | 'apiKey' | 'onlyJobIds' | 'concurrency' | 'maxInFlightRequests' | 'initialInFlight' | 'rpm' | 'tpm'>>;
  readonly #apiKey: () => string | undefined;
  readonly #only?: ReadonlySet<string>;
  readonly #idle: WorkerSlot[] = [];
  readonly #slots = new Set<WorkerSlot>();
  readonly #running = new Map<string, RunningJob>();
  /** Last seen summary of followed jobs that run in another process. */
  readonly #followed = new Map<string, JobSummary>();
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #didChangeJob = new Emitter<JobSummary>();
  readonly #didEmit = new Emitter<JobEvent>();
  readonly #becameIdle = new Emitter<void>();
  readonly #didFail = new Emitter<Error>();
  #storeFailure: Error | undefined;
  #wakeTimer: NodeJS.Timeout | undefined;
  #workerCount = 0;
  /** Jobs claimed and not yet settled, including those still waiting for a worker to start. */
  #claimed = 0;
  #started = false;
  #stopping = false;

  /** A job's state, progress or usage changed; carries its new summary. */
  readonly onDidChangeJob = this.#didChangeJob.on;
  /** A job event, as the CLI prints them. */
  readonly onDidEmitEvent = this.#didEmit.on;
  /** The runner cannot go on (the data folder is full): every worker was stopped; the error says what to do. */
  readonly onDidFail = this.#didFail.on;

  /** Why the runner stopped on its own, if it did (see onDidFail). */
  get failure(): Error | undefined {
    return this.#storeFailure;
  }

  constructor(options: OrchestratorOptions) {
    this.#store = options.store;
    this.#host = options.host;
    this.#apiKey = options.apiKey ?? (() => undefined);
    this.#only = options.onlyJobIds;
    this.#limit = pLimit(checkWhole('concurrency', options.concurrency ?? 4));
    this.gate = new Admission({ maxInFlight: options.maxInFlightRequests ?? 8, initialInFlight: options.initialInFlight, rpm: options.rpm, tpm: options.tpm });
    // The room answers get is learned from them, per model, and kept across runs.
    rememberAnswerSizes(this.gate.answerSizes, options.store.db);
    this.#options = {
      maxAttempts: checkWhole('maxAttempts', options.maxAttempts ?? 3),
      recycleAfterJobs: checkWhole('recycleAfterJobs', options.recycleAfterJobs ?? 20),
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 30_000,
      readyTimeoutMs: options.readyTimeoutMs ?? 15_000,
      cancelGraceMs: options.cancelGraceMs ?? 3000,
      retryBaseDelayMs: options.retryBaseDelayMs ?? 2000,
      pollMs: options.pollMs ?? 500,
    };
  }

  get concurrency(): number {
    return this.#limit.concurrency;
  }
  set concurrency(value: number) {
    this.#limit.concurrency = checkWhole('concurrency', value);
    this.#pump();
  }
  get runningCount(): number {
    return this.#running.size;
  }

  workers(): WorkerInfo[] {
    return [...this.#slots].map((s) => ({ name: s.process.name, pid: s.process.pid, jobId: s.jobId, rssBytes: s.rss }));
  }

  /** Recovers what a dead process left running, then starts working the queue. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#followElsewhere(); // baseline of followed jobs
    this.#store.registerOwner(this.ownerId);
    for (const job of this.#store.recoverOrphans()) this.#changed(job.id);
    const every = (ms: number, fn: () => void) => {
      const timer = setInterval(fn, ms);
      this.#timers.push(timer);
    };
    every(this.#options.pollMs, () => this.#guard(() => this.#poll()));
    // Take over jobs of another process that died while this one runs.
    every(5000, () =>
      this.#guard(() => {
        for (const job of this.#store.recoverOrphans()) this.#changed(job.id);
        this.#pump();
      }),
    );
    this.#pump();
    void sweepWritingFoldersOfQueue(this.#store).catch(() => {});
  }

  /** Runs a timer's work; a full data folder stops the runner instead of throwing from a timer. */
  #guard(work: () => void): void {
    try {
      work();
    } catch (error) {
      if (isDiskFull(error)) this.#failStore(new DataFolderFullError(this.#store.dataFolder));
      else throw error;
    }
  }

  /** Adds a job (or finds the identical one already queued or running) and wakes the queue. */
  enqueue(input: EnqueueInput): { job: JobSummary; reused: boolean } {
    const result = this.#store.enqueue(input);
    if (!result.reused) {
      this.#emit(result.job.id, { type: 'job-queued', file: input.specPath, title: input.spec.title, lessonsTotal: input.spec.lessons });
      this.#didChangeJob.fire(result.job);
    }
    this.#pump();
    return result;
  }

  /** Queues the regeneration of one lesson (or finds the identical one queued or running) and wakes the queue. */
  enqueueLesson(input: LessonJobInput): { job: JobSummary; reused: boolean } {
    const result = this.#store.enqueueLesson(input);
    if (!result.reused) {
      this.#emit(result.job.id, { type: 'job-queued', file: input.folder, title: result.job.title, lessonsTotal: 1 });
      this.#didChangeJob.fire(result.job);
    }
    this.#pump();
    return result;
  }

  cancel(id: string): JobSummary {
    const job = this.#store.requestCancel(id);
    if (job.state === 'cancelled') this.#emit(id, { type: 'job-cancelled' });
    this.#changed(id);
    if (this.#running.has(id)) this.#cancelRunning(id);
    return job;
  }

  retry(id: string): JobSummary {
    const job = this.#store.retry(id);
    this.#changed(id);
    this.#pump();
    return job;
  }

  /** Resolves when nothing runs and nothing (of `onlyJobIds`) is left in the queue. */
  onIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.#becameIdle.on(() => {
        off();
        resolve();
      });
    });
  }

  /**
   * Stops workers and leaves: running jobs go back to the queue (they resume from their
   * checkpoints next time), queued ones stay queued.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    clearTimeout(this.#wakeTimer);
    const slots = [...this.#slots];
    for (const slot of slots) slot.process.postMessage({ type: 'shutdown' });
    await Promise.all(slots.map((s) => s.process.waitForExit(2000)));
    try {
      this.#store.removeOwner(this.ownerId);
      for (const job of this.#store.recoverOrphans()) this.#changed(job.id);
    } catch (error) {
      // With a full data folder the running jobs stay as recorded: the next runner takes them over.
      if (!this.#storeFailure || !isDiskFull(error)) throw error;
    }
    for (const running of this.#running.values()) running.done();
    this.#running.clear();
  }

  #isIdle(): boolean {
    if (this.#claimed > 0) return false;
    // Following given jobs, idle means they are all finished, wherever they run: another
    // process (the app, a second `generate` of the same spec) may be running one of them.
    if (this.#only) return this.#store.unfinishedCount(this.#only) === 0;
    return this.#store.nextReadyAt() === undefined;
  }

  /** Reports progress of followed jobs that another process runs, as if they ran here. */
  #followElsewhere(): void {
    if (!this.#only) return;
    for (const id of this.#only) {
      if (this.#running.has(id)) continue;
      const job = this.#store.get(id);
      const before = this.#followed.get(id);
      if (!job || (before && before.state === job.state && before.lessonsDone === job.lessonsDone)) continue;
      this.#followed.set(id, job);
      if (!before) continue; // first sight: the baseline
      for (const event of followedJobEvents(before, job)) this.#emit(id, event);
      this.#didChangeJob.fire(job);
    }
  }

  #pump(): void {
    if (!this.#started || this.#stopping) return;
    // Paused ("pause until", queue-pause.ts): nothing new is claimed; running jobs finish, queued
    // ones wait. The poll pumps every pollMs, so the end of a pause (its time, or a resume from
    // any process) is noticed within it.
    const paused = readQueuePause(this.#store.db, Date.now()) !== undefined;
    // Prefetch 1: claim only when a slot is free, so no job sits claimed behind a busy worker.
    while (!paused && this.#limit.activeCount + this.#limit.pendingCount < this.#limit.concurrency) {
      const claimed = this.#store.claimNext(this.ownerId, this.#only);
      if (!claimed) break;
      this.#claimed++;
      this.#followed.delete(claimed.job.id); // runs here now: its events come from its worker
      void this.#limit(() => this.#run(claimed)).finally(() => {
        this.#claimed--;
        this.#pump();
      });
    }
    const next = this.#store.nextReadyAt(this.#only);
    clearTimeout(this.#wakeTimer);
    if (next !== undefined && next > Date.now()) this.#wakeTimer = setTimeout(() => this.#pump(), next - Date.now() + 5);
    if (this.#isIdle()) this.#becameIdle.fire();
  }

  async #run(claimed: ClaimedJob): Promise<void> {
    const { job } = claimed;
    this.#emit(job.id, { type: 'job-started' });
    this.#changed(job.id);
    let slot: WorkerSlot;
    try {
      slot = this.#idle.pop() ?? this.#spawnWorker();
      await slot.ready;
    } catch (error) {
      // A worker stopped while it was starting because the runner is stopping is no loss.
      if (this.#stopping) return;
      this.#guard(() => this.#workerLost(job.id, (error as Error).message));
      return;
    }
    if (this.#stopping) return;
    await new Promise<void>((done) => {
      this.#running.set(job.id, { slot, done, cancelling: false });
      slot.jobId = job.id;
      slot.lastSeen = Date.now();
      const sent = slot.process.postMessage({
        type: 'start-job',
        jobId: job.id,
        attempt: job.attempts,
        spec: claimed.spec,
        settings: claimed.settings,
        apiKey: claimed.settings.provider === 'openai' ? this.#apiKey() : undefined,
        checkpoints: {
          outlineParts: [...claimed.checkpoints.outlineParts.entries()],
          lessons: [...claimed.checkpoints.lessons.entries()],
          drafts: [...(claimed.checkpoints.drafts ?? new Map()).entries()],
        },
        usageBefore: job.usage,
        // Older jobs first, so courses finish one after another rather than all at the end.
        priority: claimed.seq,
        target: claimed.target,
      });
      if (!sent) slot.process.kill(); // its exit handler reports the loss
    });
  }

  #spawnWorker(): WorkerSlot {
    const slot = spawnWorkerSlot(this.#host, `fluentpro-worker-${++this.#workerCount}`, {
      readyTimeoutMs: this.#options.readyTimeoutMs,
      admission: this.gate,
      describeExit,
      onMessage: (s, message) => this.#onWorkerMessage(s, message),
      onOutput: (s, line, stream) =>
        this.#guard(() => {
          if (s.jobId) this.#store.log(s.jobId, stream === 'stderr' ? 'warn' : 'info', `[${s.process.name} pid ${s.process.pid}] ${line}`);
        }),
      onExit: (s, exit) => this.#guard(() => this.#onWorkerExit(s, exit)),
    });
    this.#slots.add(slot);
    return slot;
  }

  #onWorkerMessage(slot: WorkerSlot, message: FromWorker): void {
    try {
      this.#handleWorkerMessage(slot, message);
    } catch (error) {
      // A store write failed inside a worker's message: never an uncaught exception that leaves
      // jobs "running" and workers alive. A full disk stops the runner cleanly (what is saved
      // stays saved; the jobs resume from it); anything else fails only the job it concerns.
      if (isDiskFull(error)) return this.#failStore(new DataFolderFullError(this.#store.dataFolder));
      const jobId = slot.jobId;
      if (jobId && this.#running.has(jobId)) {
        this.#store.log(jobId, 'error', `could not record what the worker sent: ${(error as Error).message}`);
        slot.process.kill();
      }
    }
  }

  #handleWorkerMessage(slot: WorkerSlot, message: FromWorker): void {
    const jobId = slot.jobId;
    switch (message.type) {
      case 'heartbeat':
        slot.rss = message.rss;
        return;
      case 'permit-request':
      case 'permit-abandon':
      case 'permit-release':
        slot.permits.handle(message);
        return;
      case 'cool-down':
        this.gate.coolDown(message.ms);
        return;
      case 'ready':
      case 'load-failed': // both handled by the worker slot, before the worker has a job
        return;
    }
    if (!jobId || message.jobId !== jobId) return; // a late message from a job already settled
    if (isProgressMessage(message)) {
      const event = recordProgress(this.#store, jobId, message, (reply) => slot.process.postMessage(reply));
      if (event) this.#emit(jobId, event);
      if (message.type === 'step-done') this.#didChangeJob.fire(this.#store.get(jobId)!);
      return;
    }
    switch (message.type) {
      case 'rate-limit-wait':
        this.#store.log(jobId, 'info', `waiting for the rate limit: ${Math.max(1, Math.round(message.ms / 1000))} s (${message.reason})`);
        this.#store.setWaiting(jobId, Date.now() + message.ms, message.reason);
        this.#emit(jobId, { type: 'job-waiting', reason: message.reason, delayMs: message.ms });
        this.#didChangeJob.fire(this.#store.get(jobId)!);
        return;
      case 'provider-stop':
        // No credit left: every other running job stops now with the same reason (failed, its
        // checkpoints kept for a retry once credit is added); this job's worker fails it itself.
        this.#store.log(jobId, 'error', message.reason);
        for (const [id, running] of this.#running) {
          if (id === jobId || running.stopReason !== undefined) continue;
          running.stopReason = message.reason;
          this.#cancelRunning(id);
        }
        return;
      case 'workflow-event':
        if (message.event.type === 'lesson-failed') {
          this.#store.log(jobId, 'warn', `lesson ${message.event.lessonNumber} failed: ${message.event.reason}`);
          this.#emit(jobId, { type: 'lesson-failed', lessonNumber: message.event.lessonNumber, reason: message.event.reason });
        } else if (message.event.type === 'speech-note') {
          this.#store.log(jobId, message.event.level, message.event.message);
        } else if (message.event.type === 'answer-cut-off') {
          const { kind, room, nextRoom } = message.event;
          this.#store.log(jobId, 'info', `a ${kind} answer ran out of its room (${room} tokens) and is asked again with ${nextRoom}: paid for, and counted`);
        }
        return;
      case 'job-succeeded':
        this.#store.moveToSucceeded(jobId, message.outputPath);
        this.#emit(jobId, { type: 'job-succeeded', outputPath: message.outputPath, usage: this.#store.get(jobId)!.usage });
        return this.#settle(slot, jobId);
      case 'job-failed':
        if (this.#store.get(jobId)?.cancelRequested || this.#running.get(jobId)?.stopReason !== undefined) return this.#settleCancelled(slot, jobId);
        this.#store.moveToFailed(jobId, message.reason);
        this.#emit(jobId, { type: 'job-failed', reason: message.reason });
        return this.#settle(slot, jobId);
      case 'job-cancelled':
        return this.#settleCancelled(slot, jobId);
    }
  }

  #settleCancelled(slot: WorkerSlot, jobId: string): void {
    const stopReason = this.#running.get(jobId)?.stopReason;
    if (stopReason !== undefined) {
      this.#store.moveToFailed(jobId, stopReason);
      this.#emit(jobId, { type: 'job-failed', reason: stopReason });
      return this.#settle(slot, jobId);
    }
    this.#store.moveToCancelled(jobId);
    this.#emit(jobId, { type: 'job-cancelled' });
    this.#settle(slot, jobId);
  }

  /** The job ended normally: the worker goes back to the pool, or is recycled. */
  #settle(slot: WorkerSlot, jobId: string): void {
    this.#changed(jobId);
    slot.jobId = undefined;
    slot.jobsRun++;
    const running = this.#running.get(jobId);
    this.#running.delete(jobId);
    if (slot.jobsRun >= this.#options.recycleAfterJobs || this.#stopping) {
      // Long-lived processes accumulate memory; a fresh one costs a few hundred ms.
      this.#slots.delete(slot);
      slot.process.postMessage({ type: 'shutdown' });
      void slot.process.waitForExit(2000);
    } else if (this.#idle.length < this.#limit.concurrency) this.#idle.push(slot);
    else {
      this.#slots.delete(slot);
      slot.process.postMessage({ type: 'shutdown' });
    }
    running?.done();
  }

  #onWorkerExit(slot: WorkerSlot, exit: WorkerExit): void {
    this.#slots.delete(slot);
    const idleAt = this.#idle.indexOf(slot);
    if (idleAt >= 0) this.#idle.splice(idleAt, 1);
    // Permits the dead worker held or waited for go back, or the app would slowly run out.
    slot.permits.close();
    const jobId = slot.jobId;
    if (!jobId || this.#stopping) return;
    slot.jobId = undefined;
    const running = this.#running.get(jobId);
    this.#running.delete(jobId);
    if (running?.stopReason !== undefined) {
      this.#store.moveToFailed(jobId, running.stopReason);
      this.#emit(jobId, { type: 'job-failed', reason: running.stopReason });
      this.#changed(jobId);
    } else if (running?.cancelling || this.#store.get(jobId)?.cancelRequested) {
      this.#store.moveToCancelled(jobId);
      this.#emit(jobId, { type: 'job-cancelled' });
      this.#changed(jobId);
    } else {
      this.#workerLost(jobId, slot.hung ? `the worker stopped responding (no heartbeat for ${Math.round(this.#options.heartbeatTimeoutMs / 1000)} s)` : `the worker stopped: ${describeExit(exit)}`);
    }
    running?.done();
  }

  /** A job's worker died: see settleWorkerLoss (worker-losses.ts). */
  #workerLost(jobId: string, reason: string): void {
    const event = settleWorkerLoss(this.#store, jobId, reason, this.#options);
    if (!event) return;
    this.#emit(jobId, event);
    this.#changed(jobId);
  }

  /**
   * The store cannot be written (the data folder is full): every worker is stopped at once and
   * the runner is told; jobs stay as the store last recorded them (running jobs are taken over
   * and resumed by the next runner), so nothing that was saved is lost.
   */
  #failStore(error: Error): void {
    if (this.#storeFailure) return;
    this.#storeFailure = error;
    this.#stopping = true;
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
    clearTimeout(this.#wakeTimer);
    for (const slot of this.#slots) slot.process.kill();
    for (const running of this.#running.values()) running.done();
    this.#running.clear();
    this.#didFail.fire(error);
  }

  #cancelRunning(jobId: string): void {
    const running = this.#running.get(jobId);
    if (!running || running.cancelling) return;
    running.cancelling = true;
    running.slot.process.postMessage({ type: 'cancel-job', jobId });
    // A worker stuck in a request or a loop is not waited for: the finished steps are safe on disk.
    setTimeout(() => {
      if (this.#running.get(jobId) === running) running.slot.process.kill();
    }, this.#options.cancelGraceMs).unref();
  }

  #poll(): void {
    this.#store.heartbeatOwner(this.ownerId);
    this.#followElsewhere();
    // Jobs queued by another process (the app, "fluentpro generate") are noticed here.
    this.#pump();
    for (const id of this.#store.cancelRequests(this.ownerId)) this.#cancelRunning(id);
    const now = Date.now();
    for (const slot of this.#slots) {
      if (slot.jobId && !slot.hung && now - slot.lastSeen > this.#options.heartbeatTimeoutMs) {
        slot.hung = true;
        this.#store.log(slot.jobId, 'error', `${slot.process.name} (pid ${slot.process.pid}) sent nothing for ${Math.round((now - slot.lastSeen) / 1000)} s: killing it`);
        slot.process.kill();
      }
    }
  }

  #changed(jobId: string): void {
    const job = this.#store.get(jobId);
    if (!job) return;
    // A followed job that ran here: what was reported is its baseline, not news to report again.
    if (this.#only?.has(jobId)) this.#followed.set(jobId, job);
    this.#didChangeJob.fire(job);
  }

  #emit(jobId: string, event: BareJobEvent): void {
    this.#didEmit.fire({ ...event, jobId, at: new Date().toISOString() } as JobEvent);
  }
}

function describeExit(exit: WorkerExit): string {
  const detail = exit.detail ? `, ${exit.detail}` : '';
  return `${exit.reason}${exit.code !== null && exit.code !== undefined ? ` (code ${exit.code}${detail})` : detail ? ` (${exit.detail})` : ''}`;
}

function checkWhole(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`Expected \`${name}\` to be a whole number from 1 and up, got \`${value}\` (${typeof value})`);
  return value;
}
