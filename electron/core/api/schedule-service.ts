import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { JobSettings } from '../../shared/jobs.js';
import { describeCron, type QueuePauseView, type ScheduleDraft, type ScheduleProblem, type SchedulePreview, type ScheduleRunView, type ScheduleView } from '../../shared/schedules.js';
import { Emitter } from '../queue/emitter.js';
import type { Orchestrator } from '../queue/orchestrator.js';
import { ScheduleError } from '../schedule/schedule-error.js';
import { checkScheduleInput, type Schedule, type ScheduleInput } from '../schedule/schedule-store.js';
import { CronTime, checkTimeZone, localTimeZone } from '../schedule/schedule-time.js';
import { Scheduler } from '../schedule/scheduler.js';
import type { JobStore } from '../store/job-store.js';
import { QueuePauseStore } from '../store/queue-pause.js';

export interface ScheduleServiceOptions {
  store: JobStore;
  orchestrator: Orchestrator;
  /** Settings for the jobs of schedules saved without their own: the app's current settings. */
  defaultSettings: () => JobSettings;
  /** Wall clock. Default Date.now. */
  now?: () => number;
  /** How often changes made by another process (the command) or by the clock are looked for. Default 5 s. */
  pollMs?: number;
  /** Options for the Scheduler (tests: timers, watcher timings). */
  scheduler?: Partial<ConstructorParameters<typeof Scheduler>[0]>;
}

/** How many run times a preview shows. */
const PREVIEW_RUNS = 3;

/**
 * Schedules and the queue pause behind the API: a Scheduler firing into the orchestrator, the
 * schedule store, and "pause until". FluentProService hands its schedule methods to this.
 */
export class ScheduleService {
  readonly scheduler: Scheduler;
  readonly #pause: QueuePauseStore;
  readonly #now: () => number;
  readonly #pollMs: number;
  readonly #didChangeSchedules = new Emitter<ScheduleView[]>();
  readonly #didChangePause = new Emitter<QueuePauseView | null>();
  readonly #didRun = new Emitter<ScheduleRunView>();
  #pollTimer: NodeJS.Timeout | undefined;
  #liftTimer: NodeJS.Timeout | undefined;
  #lastSeen = '';

  /** Every schedule, after one was added, changed, removed or ran (here or in another process). */
  readonly onDidChangeSchedules = this.#didChangeSchedules.on;
  /** The pause began, changed or ended (null). */
  readonly onDidChangeQueuePause = this.#didChangePause.on;
  /** A schedule fired, for any reason, with what it queued. */
  readonly onDidRun = this.#didRun.on;
  /** Firing a schedule failed for a reason other than its specs. */
  readonly onDidFail: Scheduler['onDidFail'];

  constructor(options: ScheduleServiceOptions) {
    this.#now = options.now ?? Date.now;
    this.#pollMs = options.pollMs ?? 5000;
    this.scheduler = new Scheduler({
      jobs: options.store,
      enqueue: (input) => options.orchestrator.enqueue(input),
      defaultSettings: options.defaultSettings,
      now: this.#now,
      ...options.scheduler,
    });
    this.#pause = new QueuePauseStore(options.store.db, { now: this.#now });
    this.onDidFail = this.scheduler.onDidFail;
    this.scheduler.onDidRun((run) => {
      this.#didRun.fire(run);
      this.#changedSchedules();
    });
  }

  /** Fires what is due (catch-up included), keeps time, and watches for changes from elsewhere. */
  async start(): Promise<void> {
    this.#lastSeen = this.#signature();
    this.#armLift();
    this.#pollTimer = setInterval(() => this.#poll(), this.#pollMs);
    this.#pollTimer.unref();
    await this.scheduler.start();
  }

  /** Wake from sleep: timers re-armed, missed times made up once. */
  async resume(): Promise<void> {
    await this.scheduler.resume();
    this.#poll();
  }

  async stop(): Promise<void> {
    clearInterval(this.#pollTimer);
    clearTimeout(this.#liftTimer);
    await this.scheduler.stop();
  }

  async listSchedules(): Promise<ScheduleView[]> {
    return this.#views();
  }

  async addSchedule(draft: ScheduleDraft): Promise<ScheduleView> {
    const schedule = await this.scheduler.store.add(toInput(draft));
    this.#changedSchedules();
    void this.scheduler.resume(); // a new watched folder is watched at once
    return this.#view(schedule);
  }

  async updateSchedule(name: string, draft: ScheduleDraft): Promise<ScheduleView> {
    const schedule = await this.scheduler.store.update(name, toInput(draft));
    this.#changedSchedules();
    void this.scheduler.resume();
    return this.#view(schedule);
  }

  async setScheduleEnabled(name: string, enabled: boolean): Promise<ScheduleView> {
    const schedule = this.scheduler.store.setEnabled(name, enabled);
    this.#changedSchedules();
    void this.scheduler.resume();
    return this.#view(schedule);
  }

  async removeSchedule(name: string): Promise<void> {
    this.scheduler.store.remove(name);
    this.#changedSchedules();
    void this.scheduler.resume();
  }

  async runScheduleNow(name: string): Promise<ScheduleRunView> {
    return this.scheduler.runNow(name);
  }

  async getScheduleHistory(name: string): Promise<ScheduleRunView[]> {
    return this.scheduler.store.runs(name);
  }

  /** Every problem of a draft, by field, with its description and next runs. The name is checked on save only. */
  async previewSchedule(draft: ScheduleDraft): Promise<SchedulePreview> {
    const problems: ScheduleProblem[] = [];
    const problemOf = (error: unknown) => {
      if (error instanceof ScheduleError || (error as { field?: string }).field) {
        const e = error as ScheduleError;
        problems.push({ field: e.field, message: e.problem, hint: e.hint });
      } else throw error;
    };
    const catching = (work: () => void) => {
      try {
        work();
      } catch (error) {
        problemOf(error);
      }
    };
    const timeZone = draft.timeZone?.trim() || localTimeZone();
    let description = '';
    let nextRuns: string[] = [];
    if (draft.onChange) description = 'When a spec in the folder is added or changed';
    else if (!draft.cron?.trim()) problems.push({ field: 'cron', message: 'the schedule does not say when it runs', hint: 'write a cron expression such as "0 2 * * *" (every day at 02:00)' });
    else {
      let zoneOk = true;
      catching(() => void checkTimeZone(timeZone));
      if (problems.length) zoneOk = false;
      catching(() => {
        const time = new CronTime(draft.cron!, zoneOk ? timeZone : 'UTC');
        description = describeCron(draft.cron!);
        let after = this.#now();
        for (let i = 0; i < PREVIEW_RUNS; i++) {
          const next = time.nextAfter(after);
          if (next === undefined) break;
          nextRuns.push(new Date(next).toISOString());
          after = next;
        }
      });
      if (!zoneOk) nextRuns = [];
    }
    // The source, checked with a timing known to be good so that only its own problems show.
    await (async () => checkScheduleInput({ ...toInput({ ...draft, name: 'preview' }), cron: draft.onChange ? undefined : '0 0 * * *', timeZone: 'UTC' }))().catch(problemOf);
    return { ok: problems.length === 0, description: problems.some((p) => p.field === 'cron') ? '' : description, timeZone, nextRuns, problems };
  }

  async getQueuePause(): Promise<QueuePauseView | null> {
    return this.#pause.get() ?? null;
  }

  async pauseQueue(untilIso?: string): Promise<QueuePauseView> {
    const until = untilIso === undefined ? undefined : Date.parse(untilIso);
    if (until !== undefined && !(until > this.#now())) {
      throw Object.assign(new Error(`pauseQueue: ${untilIso} has passed; pause until a time in the future`), { name: 'InvalidInputError', code: 'INVALID_INPUT' });
    }
    const pause = this.#pause.pause(until);
    this.#changedPause();
    return pause;
  }

  async resumeQueue(): Promise<void> {
    this.#pause.resume();
    this.#changedPause();
  }

  /** The soonest next run of an enabled schedule (the menu bar's "Next: …"). */
  nextRun(): { schedule: string; at: string; timeZone?: string } | undefined {
    const next = this.scheduler.nextRun();
    return next && { ...next, timeZone: this.scheduler.store.get(next.schedule)?.timeZone };
  }

  /** Schedule names, for "Run a schedule now ▸". */
  scheduleNames(): string[] {
    return this.scheduler.store.list().map((s) => s.name);
  }

  get pause(): QueuePauseView | undefined {
    return this.#pause.get();
  }

  #views(): ScheduleView[] {
    return this.scheduler.store.list().map((s) => this.#view(s));
  }

  #view(s: Schedule): ScheduleView {
    const { id: _id, settings: _settings, lastScheduledAt: _slot, ...rest } = s;
    const lastRun = s.lastRunAt ? this.scheduler.store.runs(s.name, 1)[0] : undefined;
    return { ...rest, description: s.onChange ? 'When a spec in the folder is added or changed' : describeCron(s.cron ?? ''), ...(lastRun ? { lastRun } : {}) };
  }

  #changedSchedules(): void {
    this.#lastSeen = this.#signature();
    this.#didChangeSchedules.fire(this.#views());
  }

  #changedPause(): void {
    this.#lastSeen = this.#signature();
    this.#armLift();
    this.#didChangePause.fire(this.#pause.get() ?? null);
  }

  /** Fires the pause's end at its time, not up to a poll later. */
  #armLift(): void {
    clearTimeout(this.#liftTimer);
    const until = this.#pause.get()?.pausedUntil;
    if (!until) return;
    // At most a minute at a time: a timer does not count time asleep.
    this.#liftTimer = setTimeout(() => this.#poll(), Math.min(Math.max(0, Date.parse(until) - this.#now() + 50), 60_000));
    this.#liftTimer.unref();
  }

  /** Changes made by another process (`fluentpro pause`, `schedule add`) or by the clock (a pause that ended). */
  #poll(): void {
    const pauseBefore = this.#lastSeen.split('\n')[0];
    const now = this.#signature();
    if (now === this.#lastSeen) return this.#armLift();
    this.#lastSeen = now;
    if (now.split('\n')[0] !== pauseBefore) {
      this.#armLift();
      this.#didChangePause.fire(this.#pause.get() ?? null);
    }
    this.#didChangeSchedules.fire(this.#views());
  }

  #signature(): string {
    const schedules = this.scheduler.store.list().map((s) => [s.name, s.enabled, s.cron, s.timeZone, s.folder, s.lastRunAt, s.nextRunAt]);
    return `${JSON.stringify(this.#pause.get() ?? null)}\n${JSON.stringify(schedules)}`;
  }
}

/** A draft as the store takes it: `~/` is this machine's home, blanks are absent, a relative path is refused. */
function toInput(draft: ScheduleDraft): ScheduleInput {
  const folder = draft.folder?.trim() ? absolute(draft.folder.trim(), 'folder') : undefined;
  const specFiles = (draft.specFiles ?? []).map((f) => f.trim()).filter(Boolean).map((f) => absolute(f, 'specFiles'));
  const input: ScheduleInput = {
    name: draft.name,
    ...(draft.onChange ? { onChange: true } : draft.cron?.trim() ? { cron: draft.cron.trim() } : {}),
    ...(draft.timeZone?.trim() && !draft.onChange ? { timeZone: draft.timeZone.trim() } : {}),
    ...(folder ? { folder } : {}),
    ...(specFiles.length ? { specFiles } : {}),
    onlyChanged: draft.onlyChanged ?? false,
    catchUp: draft.catchUp ?? true,
    enabled: draft.enabled ?? true,
    ...(draft.batch !== undefined ? { batch: draft.batch } : {}),
  };
  return input;
}

function absolute(path: string, field: 'folder' | 'specFiles'): string {
  const expanded = path === '~' ? homedir() : path.startsWith('~/') ? join(homedir(), path.slice(2)) : path;
  if (isAbsolute(expanded)) return expanded;
  throw Object.assign(new Error(`${path} is not a full path: write it from the top, e.g. /Users/ana/Courses/Inbox or ~/Courses/Inbox`), {
    name: 'ScheduleError',
    code: 'NOT_ABSOLUTE',
    field,
    problem: `${path} is not a full path`,
    hint: 'write it from the top, e.g. /Users/ana/Courses/Inbox or ~/Courses/Inbox',
  });
}
