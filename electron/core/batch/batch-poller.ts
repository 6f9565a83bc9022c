import type { EngineSettings } from '../config/settings.js';
import { describeBaseUrl } from '../config/settings.js';
import { batchProgress, byBatchProvider, queuedBatchJobs } from '../store/batch-mode-jobs.js';
import { readQueuePause } from '../store/queue-pause.js';
import type { JobStore } from '../store/job-store.js';

export interface BatchPollerOptions {
  store: JobStore;
  /** The provider's key and address, read at each pass (Settings may change). */
  settings: () => EngineSettings;
  /** The batch clock (the store's poll times). Default Date.now. */
  now?: () => number;
  /**
   * The longest wait between passes. Default 30 s: new batch-mode jobs (a schedule, another
   * process) are taken up within it; a batch itself is polled when its backoff says (a minute,
   * doubling up to ten), which the store keeps.
   */
  intervalMs?: number;
  /** Told when a batch-mode job's state, usage or batches changed (the board). */
  onJobChanged?: (jobId: string) => void;
  /** A pass failed (the provider unreachable, a full disk): logged, and tried again after intervalMs. */
  onError?: (error: Error) => void;
}

/**
 * Works the queue's batch-mode jobs in the app (and serve): a BatchJobWork pass at start, after
 * each interval, whenever a batch's next poll is due and on wake from sleep (`wake()`, which
 * main calls on powerMonitor 'resume'). Every fact it needs is in SQLite, so a pass after a
 * quit, a crash or a night asleep finds the polls overdue and simply makes them. Plain Node: the
 * openai SDK and the engine load at the first pass that has a batch-mode job.
 */
export class BatchPoller {
  readonly #o: BatchPollerOptions;
  readonly #intervalMs: number;
  readonly #abort = new AbortController();
  #work: import('./batch-job-work.js').BatchJobWork | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #wakeAgain = false;
  #stopped = false;
  #passes = 0;

  constructor(options: BatchPollerOptions) {
    this.#o = options;
    this.#intervalMs = options.intervalMs ?? 30_000;
    if (!(this.#intervalMs > 0)) throw new TypeError(`Expected \`intervalMs\` to be a number above 0, got \`${options.intervalMs}\` (${typeof options.intervalMs})`);
  }

  /** Passes made so far (tests). */
  get passes(): number {
    return this.#passes;
  }

  /** Starts: a first pass at once (batches left by a quit or a crash are taken up). */
  start(): void {
    this.wake();
  }

  /** A pass now (start, resume from sleep); one already running is followed by another. */
  wake(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    if (this.#running) {
      this.#wakeAgain = true;
      return;
    }
    this.#running = this.#pass().finally(() => {
      this.#running = undefined;
      if (this.#wakeAgain) {
        this.#wakeAgain = false;
        this.wake();
      }
    });
  }

  /** Stops polling; a pass under way stops at its next step (the batches go on at the provider). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#abort.abort();
    await this.#running;
    if (this.#work) this.#o.store.removeOwner(this.#work.ownerId);
  }

  /** Jobs queued for another provider whose log already says so. */
  readonly #toldElsewhere = new Set<string>();

  async #pass(): Promise<void> {
    const { store } = this.#o;
    let delay = this.#intervalMs;
    try {
      // Paused ("pause until"): a job whose requests are already at the provider goes on (its
      // batches are paid for and will be answered); one not yet begun waits, as a live one does.
      const paused = readQueuePause(store.db, Date.now()) !== undefined;
      const queued = queuedBatchJobs(store.db).filter((id) => !paused || this.#work?.open.has(id) || batchProgress(store.db, id).lines > 0);
      // A job's batches are at the provider it was queued for: one queued for another (Settings
      // changed since) waits, said once in its log, rather than be polled at the wrong address.
      // (Settings are read only when a batch job waits: reading them reads the key, which on a Mac
      // is a Keychain access.)
      const { mine: ids, others } = queued.length ? byBatchProvider(store.db, queued, this.#o.settings()) : { mine: [], others: [] };
      for (const { id, provider } of others) {
        this.#work?.open.delete(id);
        if (this.#toldElsewhere.has(id)) continue;
        this.#toldElsewhere.add(id);
        store.log(id, 'warn', `waits for its provider (${provider === 'demo' ? 'demo' : describeBaseUrl(provider)}): the app is set to another; choose that one in Settings to go on`);
      }
      if (ids.length || this.#work?.open.size) {
        const work = await this.#workFor();
        store.heartbeatOwner(work.ownerId);
        work.add(ids);
        const pass = await work.pass();
        const now = (this.#o.now ?? Date.now)();
        if (pass.again) delay = 0;
        else if (pass.nextAt !== undefined) delay = Math.min(delay, Math.max(0, pass.nextAt - now));
      }
    } catch (error) {
      this.#o.onError?.(error as Error);
    } finally {
      this.#passes++;
    }
    if (!this.#stopped) this.#timer = setTimeout(() => this.wake(), delay);
  }

  async #workFor(): Promise<import('./batch-job-work.js').BatchJobWork> {
    if (this.#work) return this.#work;
    const { BatchJobWork } = await import('./batch-job-work.js');
    this.#work = new BatchJobWork({ store: this.#o.store, settings: this.#o.settings, now: this.#o.now, onJobChanged: this.#o.onJobChanged, signal: this.#abort.signal });
    this.#o.store.registerOwner(this.#work.ownerId);
    return this.#work;
  }
}
