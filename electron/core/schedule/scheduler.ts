import { enqueueSpecFiles } from '../queue/enqueue-spec-files.js';
import { Emitter } from '../queue/emitter.js';
import type { EnqueueInput, JobStore } from '../store/job-store.js';
import type { JobSettings, JobSummary } from '../../shared/jobs.js';
import { FolderWatcher, type SettledFile } from './folder-watcher.js';
import { specFilesIn, ScheduleStore, type RunResult, type Schedule, type ScheduleRun } from './schedule-store.js';
import { CronTime } from './schedule-time.js';

export interface SchedulerOptions {
  /** The queue; schedules live in its database. */
  jobs: JobStore;
  /**
   * How a job is added. Default `jobs.enqueue`; a process that works the queue passes its
   * orchestrator's, which wakes the queue and tells the views.
   */
  enqueue?: (input: EnqueueInput) => { job: JobSummary; reused: boolean };
  /** Settings for the jobs of schedules saved without their own (the app's current settings). */
  defaultSettings: () => JobSettings;
  /** Wall clock. Default Date.now. */
  now?: () => number;
  /** Timer functions (a fake clock in tests; `run` returns the tick it starts). Default setTimeout / clearTimeout, unref'd. */
  setTimer?: (run: () => Promise<void>, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /**
   * The longest single wait; after each the wall clock is read again, so sleep never leaves a
   * timer aimed at the wrong time (timers do not count time asleep). Default 60 s.
   */
  maxWaitMs?: number;
  /** A scheduled time found passed by more than this is a missed one (a catch-up run). Default 2 min. */
  graceMs?: number;
  /** Watch the folders of "when the folder changes" schedules. Default true. */
  watchFolders?: boolean;
  /** See FolderWatcherOptions. Defaults 500 ms and 2 s. */
  settleMs?: number;
  rescanMs?: number;
}

/**
 * Fires schedules: at their cron times, once on launch or wake for times missed while asleep
 * or quit (unless catch-up is off), and when a watched folder changes. Each scheduled time is
 * claimed in the database before it fires, so it fires once even when the process restarts or
 * two processes (the app, `fluentpro run --watch`) run schedulers on one queue.
 */
export class Scheduler {
  readonly store: ScheduleStore;
  readonly #jobs: JobStore;
  readonly #enqueue: (input: EnqueueInput) => { job: JobSummary; reused: boolean };
  readonly #defaultSettings: () => JobSettings;
  readonly #now: () => number;
  readonly #setTimer: (run: () => Promise<void>, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;
  readonly #maxWaitMs: number;
  readonly #graceMs: number;
  readonly #watchFolders: boolean;
  readonly #settleMs: number | undefined;
  readonly #rescanMs: number | undefined;
  readonly #watchers = new Map<number, FolderWatcher>();
  readonly #didRun = new Emitter<ScheduleRun>();
  readonly #didFail = new Emitter<{ schedule: string; error: Error }>();
  #timer: unknown;
  #chain: Promise<unknown> = Promise.resolve();
  #started = false;
  #stopped = false;

  /** A schedule fired (for any reason); carries what it queued, skipped and found invalid. */
  readonly onDidRun = this.#didRun.on;
  /** Firing a schedule failed for a reason other than its specs (the database, the disk). */
  readonly onDidFail = this.#didFail.on;

  constructor(options: SchedulerOptions) {
    this.#jobs = options.jobs;
    this.#now = options.now ?? Date.now;
    this.store = new ScheduleStore(options.jobs.db, { now: this.#now });
    this.#enqueue = options.enqueue ?? ((input) => options.jobs.enqueue(input));
    this.#defaultSettings = options.defaultSettings;
    this.#setTimer =
      options.setTimer ??
      ((run, ms) => {
        const timer = setTimeout(run, ms);
        timer.unref();
        return timer;
      });
    this.#clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout));
    this.#maxWaitMs = positive('maxWaitMs', options.maxWaitMs ?? 60_000);
    this.#graceMs = positive('graceMs', options.graceMs ?? 120_000);
    this.#watchFolders = options.watchFolders ?? true;
    this.#settleMs = options.settleMs;
    this.#rescanMs = options.rescanMs;
  }

  /** Launch: fires what is due (once per schedule, catch-up for missed times), then keeps time. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    await this.#tickAndArm();
  }

  /** Wake from sleep (powerMonitor 'resume'): the same as a launch, at once. */
  async resume(): Promise<void> {
    if (!this.#started || this.#stopped) return;
    await this.#tickAndArm();
  }

  /** Stops the timer and the folder watchers; a run in progress finishes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimer(this.#timer);
    for (const watcher of this.#watchers.values()) watcher.close();
    this.#watchers.clear();
    await this.#chain.catch(() => {});
  }

  /** Fires every schedule whose time has come; returns the runs made. Never runs two ticks at once. */
  tick(): Promise<ScheduleRun[]> {
    return this.#serial(() => this.#tick());
  }

  /** Fires a schedule now ("Run now", `fluentpro schedule run`), enabled or not. */
  runNow(name: string): Promise<ScheduleRun> {
    return this.#serial(async () => {
      const schedule = this.store.require(name);
      const runId = this.store.startRun(schedule.id, 'manual');
      return this.#fire(schedule, runId, schedule.folder ? await specFilesIn(schedule.folder) : schedule.specFiles);
    });
  }

  /** The soonest next scheduled run of any enabled schedule. */
  nextRun(): { schedule: string; at: string } | undefined {
    let best: { schedule: string; at: string } | undefined;
    for (const s of this.store.list()) if (s.nextRunAt && (!best || s.nextRunAt < best.at)) best = { schedule: s.name, at: s.nextRunAt };
    return best;
  }

  /** Folders being watched now, by schedule name. */
  watchedFolders(): { schedule: string; folder: string }[] {
    const names = new Map(this.store.list().map((s) => [s.id, s.name]));
    return [...this.#watchers].map(([id, w]) => ({ schedule: names.get(id) ?? String(id), folder: w.folder }));
  }

  async #tickAndArm(): Promise<void> {
    try {
      await this.tick();
    } finally {
      this.#arm();
    }
  }

  #arm(): void {
    if (this.#stopped) return;
    this.#clearTimer(this.#timer);
    const now = this.#now();
    let next = now + this.#maxWaitMs;
    for (const s of this.store.list()) if (s.nextRunAt) next = Math.min(next, Date.parse(s.nextRunAt));
    // Never one long timeout: at most maxWaitMs, then the wall clock is read again.
    this.#timer = this.#setTimer(() => this.#tickAndArm().catch(() => {}), Math.max(0, Math.min(next - now, this.#maxWaitMs)));
  }

  async #tick(): Promise<ScheduleRun[]> {
    if (this.#stopped) return [];
    const runs: ScheduleRun[] = [];
    const schedules = this.store.list();
    this.#syncWatchers(schedules);
    for (const schedule of schedules) {
      if (!schedule.enabled || !schedule.cron || !schedule.timeZone) continue;
      const now = this.#now();
      const last = this.store.lastScheduledTime(schedule.id);
      const anchor = last ?? Date.parse(schedule.createdAt);
      const latest = new CronTime(schedule.cron, schedule.timeZone).latestAtOrBefore(now);
      if (latest === undefined || latest <= anchor) continue;
      // However many times passed, the schedule fires once, for the latest of them.
      const onTime = now - latest <= this.#graceMs;
      if (!onTime && !schedule.catchUp) {
        this.store.claimScheduledTime(schedule.id, last, latest); // passed over, not fired
        continue;
      }
      const runId = this.store.claimScheduledTime(schedule.id, last, latest, onTime ? 'scheduled' : 'catch-up');
      if (!runId) continue; // another process fired it
      runs.push(await this.#fire(schedule, runId, schedule.folder ? await specFilesIn(schedule.folder) : schedule.specFiles));
    }
    return runs;
  }

  #syncWatchers(schedules: Schedule[]): void {
    if (!this.#watchFolders || this.#stopped) return;
    const wanted = new Map(schedules.filter((s) => s.enabled && s.onChange && s.folder).map((s) => [s.id, s.folder!]));
    for (const [id, watcher] of this.#watchers) {
      if (wanted.get(id) === watcher.folder) continue;
      watcher.close();
      this.#watchers.delete(id);
    }
    for (const [id, folder] of wanted) {
      if (this.#watchers.has(id)) continue;
      const watcher = new FolderWatcher({ folder, settleMs: this.#settleMs, rescanMs: this.#rescanMs, onSettled: (files) => this.#folderChanged(id, files) });
      this.#watchers.set(id, watcher);
      watcher.start();
    }
  }

  /** Files of a watched folder settled with new content: those this process claims first are queued. */
  #folderChanged(id: number, files: SettledFile[]): Promise<void> {
    return this.#serial(async () => {
      const schedule = this.store.byId(id);
      if (!schedule?.enabled || this.#stopped) return;
      const claimed = files.filter((f) => this.store.claimFileContent(id, f.path, f.hash)).map((f) => f.path);
      if (claimed.length) await this.#fire(schedule, this.store.startRun(id, 'folder-change'), claimed);
    });
  }

  async #fire(schedule: Schedule, runId: number, files: readonly string[]): Promise<ScheduleRun> {
    const result: RunResult = { queued: [], unchanged: [], invalid: [] };
    try {
      const settings = withBatchMode(schedule.settings ?? this.#defaultSettings(), schedule.batch);
      const outcomes = await enqueueSpecFiles(files, (loaded) => {
        if (schedule.onlyChanged && this.#jobs.hasSucceeded(loaded.spec, settings)) return undefined;
        return this.#enqueue({ spec: loaded.spec, source: loaded.source, specPath: loaded.file, settings });
      });
      for (const outcome of outcomes) {
        if (!outcome.ok) result.invalid.push({ file: outcome.file, problems: outcome.error.problems });
        else if (!outcome.queued) result.unchanged.push(outcome.file);
        else result.queued.push({ file: outcome.file, jobId: outcome.queued.job.id, title: outcome.queued.job.title, reused: outcome.queued.reused });
      }
    } catch (error) {
      this.#didFail.fire({ schedule: schedule.name, error: error as Error });
    }
    const run = this.store.finishRun(runId, result);
    this.#didRun.fire(run);
    return run;
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#chain.then(work, work);
    this.#chain = result.catch(() => {});
    return result;
  }
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`Expected \`${name}\` to be a number above 0, got \`${value}\` (${typeof value})`);
  return value;
}

/**
 * A schedule's jobs' settings with its own batch switch applied (absent: the settings decide).
 * The demo provider has no Batch API: its jobs stay live.
 */
export function withBatchMode(settings: JobSettings, batch: boolean | undefined): JobSettings {
  if (batch === undefined) return settings;
  const { mode: _mode, ...live } = settings;
  return batch && settings.provider !== 'demo' ? { ...live, mode: 'batch' } : live;
}
