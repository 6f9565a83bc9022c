import { randomUUID } from 'node:crypto';
import type { EngineSettings } from '../config/settings.js';
import { Admission } from '../pacing/admission.js';
import type { LlmProvider } from '../providers/provider.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { recordBatchJobUsage, switchToLive } from '../store/batch-mode-jobs.js';
import type { JobStore } from '../store/job-store.js';
import { clockTime, type JobSettings } from '../../shared/jobs.js';
import { BatchClient } from './batch-client.js';
import { BatchDriver, type DriverEvent } from './batch-driver.js';
import { BatchLineProvider } from './batch-line-provider.js';
import { BatchStore, type StoredLine } from './batch-store.js';

// Batch-mode jobs, worked in the process that holds the queue (the app, `generate --batch`,
// `run`), not in a worker: a batch run is hours of waiting and seconds of CPU. Each pass replays
// every job that has new answers with its unchanged workflow (produceCourse) and a
// BatchLineProvider, which serves the answers the store holds and turns every other request
// into a batch line; then the driver submits the new lines as a round, or polls the open
// batches. A job whose replay gets every answer writes its course as a live run would, and only
// then leaves 'queued' (claimed and moved to succeeded at once), so a job waiting for a batch is
// simply queued: a quit, a kill -9 or a crash leaves nothing to recover, and the next pass (in
// this process or another) carries on from the batch store (SQLite) without submitting a line
// twice. The live queue never claims a batch-mode job (JobStore.claimNext).

export interface BatchJobWorkOptions {
  store: JobStore;
  /** The provider's key and address (the batch client's), and the live provider for lines a batch cannot take. */
  settings: () => EngineSettings;
  /** The batch clock (polls and their backoff). Default Date.now. */
  now?: () => number;
  /** Progress and notices, one line each ("waiting for the batch: 340 of 420 answered, submitted 02:00"). */
  say?: (line: string) => void;
  /** Told when a job's state or usage changed (the board). */
  onJobChanged?: (jobId: string) => void;
  signal?: AbortSignal;
}

export interface BatchPass {
  /** When the next pass is worth making: the earliest poll due; undefined when nothing waits at the provider. */
  nextAt?: number;
  /** Jobs have new answers or lines to send: pass again at once. */
  again: boolean;
  /** The provider has no Batch API: the jobs became live jobs (for the live queue). */
  unsupported?: string;
}

/** Plan steps go alone, first (every lesson is asked after the whole plan); then everything else. */
export function planStepsFirst(pending: StoredLine[]): { name: string; lines: StoredLine[] } {
  const plan = pending.filter((l) => l.step.startsWith('outline-part:') || l.step.startsWith('terms:'));
  return plan.length ? { name: 'plan', lines: plan } : { name: 'lessons and repairs', lines: pending };
}

export class BatchJobWork {
  /** Batch-mode jobs this process works (queued, not yet written). */
  readonly open = new Set<string>();
  readonly ownerId = `batch-${randomUUID()}`;
  readonly #o: BatchJobWorkOptions;
  readonly #now: () => number;
  readonly #batches: BatchStore;
  readonly #permits = new Admission({ maxInFlight: 1000 });
  /** Jobs to replay on the next pass: new ones, then those with new answers. */
  readonly #dirty = new Set<string>();
  #driver: BatchDriver | undefined;
  #clientKey = '';
  #live: Promise<LlmProvider> | undefined;
  #unsupported: string | undefined;
  #lastProgress = '';
  #idle = 0;

  constructor(options: BatchJobWorkOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#batches = new BatchStore(options.store.db, { now: this.#now });
  }

  /** Works these jobs too (a job already worked is left as it is). */
  add(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.open.has(id)) continue;
      this.open.add(id);
      this.#dirty.add(id);
    }
  }

  /** One pass: replay the jobs with news, then tick the driver (recover, poll, submit). */
  async pass(): Promise<BatchPass> {
    const { store, signal } = this.#o;
    const driver = this.#driverFor(this.#o.settings());
    for (const id of [...this.open]) {
      if (store.get(id)?.state !== 'queued') {
        // Cancelled (or taken by another process): its lines go, and a batch holding only them is cancelled.
        this.open.delete(id);
        await driver.cancelJob(id).catch(() => []);
      }
    }
    const replay = [...this.open].filter((id) => this.#dirty.has(id));
    this.#dirty.clear();
    // One job at a time: each replay is a burst of CPU, and the app's main process stays responsive between them.
    for (const id of replay) {
      if (signal?.aborted) return { again: false };
      await this.#replayJob(id);
      // The board's tokens and cost: every answer so far, the batch's at the batch price.
      if (this.open.has(id)) {
        recordBatchJobUsage(store.db, id, Date.now());
        this.#o.onJobChanged?.(id);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!this.open.size || signal?.aborted) return { again: false };
    if (this.#sendRepairsLive()) return { again: true };

    await driver.tick();
    if (this.#unsupported) {
      // The live queue never takes a batch-mode job: these become live jobs, for it to run.
      const message = this.#unsupported;
      this.#unsupported = undefined;
      for (const id of this.open) this.#batches.dropJob(id);
      switchToLive(store, [...this.open], message);
      for (const id of this.open) this.#o.onJobChanged?.(id);
      this.open.clear();
      return { again: false, unsupported: message };
    }
    this.#reportProgress();
    if (this.#dirty.size) return { again: true };
    const next = this.#batches.openBatches().map((b) => b.nextPollAt ?? this.#now()).sort((a, b) => a - b)[0];
    if (next === undefined && this.#batches.pending().length === 0) {
      // Nothing open, nothing to send, no new answer: replay everything once more, in case a
      // line was answered by another process; a run that still cannot move has failed.
      if (++this.#idle > 2) {
        for (const id of [...this.open]) this.#finish(id, new Error('the batch run stopped making progress (no request waits for a batch)'));
        return { again: false };
      }
      this.open.forEach((id) => this.#dirty.add(id));
      return { again: true };
    }
    this.#idle = 0;
    return { again: false, nextAt: next };
  }

  /**
   * For jobs whose repairs go live (`batchRepairs: 'live'`): their pending repairs, a broken part
   * asked again (`lesson:3/part:quiz`) or a step's answer sent back with its problems (a second
   * line of a step that has an answer), are marked live, so the next replay asks them at once at
   * the live price, and its usage counts them so. Plan steps (new terms) stay in the rounds.
   * Returns whether any was marked.
   */
  #sendRepairsLive(): boolean {
    const live = [...this.open].filter((id) => jobOf(this.#o.store, id).jobSettings.batchRepairs === 'live');
    if (!live.length) return false;
    const jobs = new Set(live);
    const asked = new Set(this.#batches.answered().map((line) => `${line.jobId}\n${line.step}`));
    const repairs = this.#batches
      .pending()
      .filter((line) => jobs.has(line.jobId) && (line.step.includes('/part:') || asked.has(`${line.jobId}\n${line.step}`)));
    if (!repairs.length) return false;
    this.#batches.markLive(
      repairs.map((line) => line.customId),
      'a repair, asked live (--batch-repairs live)',
    );
    for (const line of repairs) this.#dirty.add(line.jobId);
    for (const id of new Set(repairs.map((line) => line.jobId))) {
      this.#o.store.log(id, 'info', `${repairs.filter((line) => line.jobId === id).length} repair(s) asked live, at the live price, instead of in another batch`);
    }
    return true;
  }

  /** A client and a driver for the provider now configured (the app's settings may change). */
  #driverFor(settings: EngineSettings): BatchDriver {
    const key = `${settings.baseURL ?? ''}\n${settings.apiKey ?? ''}`;
    if (this.#driver && key === this.#clientKey) return this.#driver;
    this.#clientKey = key;
    this.#live = undefined;
    const client = new BatchClient({ apiKey: settings.apiKey ?? 'none', baseURL: settings.baseURL });
    this.#driver = new BatchDriver({
      store: this.#batches,
      client,
      now: this.#now,
      round: planStepsFirst,
      onAnswered: (ids) => ids.forEach((id) => this.#dirty.add(id)),
      onLive: (lines) => lines.forEach((l) => this.#dirty.add(l.jobId)),
      onEvent: (event) => {
        const say = this.#o.say ?? (() => {});
        if (event.type === 'unsupported') this.#unsupported = event.message;
        if (event.type === 'submitted') say(`submitted a batch of ${event.lines} request${event.lines === 1 ? '' : 's'} (${event.round}): ${event.providerBatchId}`);
        if (event.type === 'finished' && event.again) say(`a batch ended ${event.state}: ${event.answered} answered, ${event.again} to ask again`);
        logBatchEvent(this.#o.store, event);
        if (event.type === 'submitted' || event.type === 'state-changed' || event.type === 'finished') event.jobIds.forEach((id) => this.#o.onJobChanged?.(id));
      },
    });
    return this.#driver;
  }

  async #replayJob(id: string): Promise<void> {
    const { store, signal } = this.#o;
    const { spec, jobSettings } = jobOf(store, id);
    const settings = this.#o.settings();
    this.#live ??= import('../providers/create-provider.js').then((m) => m.createProvider(settings));
    const provider = new BatchLineProvider(id, jobSettings.model, this.#batches, await this.#live);
    try {
      const { produceCourse } = await import('../engine/produce-course.js');
      const { outputPath } = await produceCourse(spec, {
        provider,
        permits: this.#permits,
        settings: { lessonConcurrency: 1000, outDir: jobSettings.outDir, maxAttempts: jobSettings.maxRequestAttempts },
        priority: 0,
        signal,
        jobId: id,
        // The course's audio, as a live job makes it: clips are their own checkpoints (content
        // hashes in the job's clip folder), so a replay speaks only what earlier ones did not.
        speech: jobSettings.speech && { ...jobSettings.speech, apiKey: settings.apiKey, chatBaseURL: jobSettings.baseURL },
      });
      this.#finish(id, undefined, outputPath);
    } catch (error) {
      // generateCourse reports a lesson that stopped for the batch as failed: a run with any
      // request waiting is waiting, not failing (its real failures show on the last replay).
      if (provider.awaiting.length || (error as { code?: string }).code === 'AWAITING_BATCH' || signal?.aborted) return;
      this.#finish(id, error as Error);
    }
  }

  #finish(id: string, error: Error | undefined, outputPath?: string): void {
    const { store } = this.#o;
    this.open.delete(id);
    if (!store.claimNext(this.ownerId, new Set([id]))) return; // cancelled or taken meanwhile
    recordBatchJobUsage(store.db, id, Date.now()); // before markJobDone drops the answers
    if (error) store.moveToFailed(id, error.message);
    else {
      store.moveToSucceeded(id, outputPath!);
      this.#batches.markJobDone(id);
    }
    this.#o.onJobChanged?.(id);
  }

  #reportProgress(): void {
    let lines = 0;
    let answered = 0;
    let first: number | undefined;
    for (const id of this.open) {
      const p = this.#batches.progress(id);
      lines += p.lines;
      answered += p.answered;
      if (p.firstSubmittedAt !== undefined) first = Math.min(first ?? Infinity, p.firstSubmittedAt);
    }
    const line = `waiting for the batch: ${answered} of ${lines} answered${first === undefined ? '' : `, submitted ${clockTime(first)}`}`;
    if (line !== this.#lastProgress) this.#o.say?.(line);
    this.#lastProgress = line;
  }
}

/** What `fluentpro logs` and the job's details say of its batches: each submission, state change, end, expiry and re-submission. */
export function logBatchEvent(store: JobStore, event: DriverEvent): void {
  const say = (jobIds: string[], level: 'info' | 'warn', message: string) => {
    for (const id of jobIds) if (store.get(id)) store.log(id, level, message);
  };
  if (event.type === 'submitted') say(event.jobIds, 'info', `submitted to the Batch API: batch ${event.providerBatchId} (${event.round}, ${event.lines} request${event.lines === 1 ? '' : 's'} in all)`);
  if (event.type === 'state-changed') say(event.jobIds, 'info', `batch ${event.providerBatchId} is ${event.state.replace('_', ' ')}: ${event.counts.completed} of ${event.counts.total} answered`);
  if (event.type === 'finished') {
    const again = event.again ? `; ${event.again} not answered go in the next batch` : '';
    say(event.jobIds, event.state === 'completed' && !event.again ? 'info' : 'warn', `batch ${event.providerBatchId} ${event.state}: ${event.answered} answered${again}`);
  }
}

function jobOf(store: JobStore, id: string): { spec: CourseSpec; jobSettings: JobSettings } {
  const row = store.db.prepare('SELECT spec_json, settings_json FROM jobs WHERE id = ?').get(id) as { spec_json: string; settings_json: string };
  return { spec: JSON.parse(row.spec_json) as CourseSpec, jobSettings: JSON.parse(row.settings_json) as JobSettings };
}
