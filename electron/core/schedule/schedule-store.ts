import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { SpecProblem } from '../spec/spec-error.js';
import type { JobSettings } from '../../shared/jobs.js';
import type { ScheduleDraft } from '../../shared/schedules.js';
import { ScheduleError } from './schedule-error.js';
import { CronTime, localTimeZone } from './schedule-time.js';

/**
 * What a schedule is made from: the form's draft (electron/shared/schedules.ts, the one place its
 * fields are documented) plus the settings its jobs are queued with (default: those of the
 * process that fires it). Paths are absolute (the CLI resolves them against its cwd).
 */
export interface ScheduleInput extends ScheduleDraft {
  settings?: JobSettings;
}

export interface Schedule {
  id: number;
  name: string;
  cron?: string;
  timeZone?: string;
  onChange: boolean;
  folder?: string;
  specFiles: string[];
  onlyChanged: boolean;
  catchUp: boolean;
  enabled: boolean;
  /** Batch mode on or off for its jobs; absent: as the settings it fires with say. */
  batch?: boolean;
  settings?: JobSettings;
  createdAt: string;
  /** When it last fired, for any reason. */
  lastRunAt?: string;
  /** The last scheduled time handled (fired, or passed over with catch-up off). */
  lastScheduledAt?: string;
  /** The next scheduled time from now (cron schedules that are enabled). */
  nextRunAt?: string;
  /** A scheduled time that passed while nothing ran: fired (once) at the next launch or wake when catch-up is on. */
  missedRunAt?: string;
}

export type RunReason = 'scheduled' | 'catch-up' | 'manual' | 'folder-change';
export const RUN_REASONS: readonly RunReason[] = ['scheduled', 'catch-up', 'manual', 'folder-change'];

export interface QueuedSpec {
  file: string;
  jobId: string;
  title: string;
  /** An identical job was already queued or running: that one is followed. */
  reused: boolean;
}

export interface InvalidSpec {
  file: string;
  problems: SpecProblem[];
}

/** One firing of a schedule and what it did. */
export interface ScheduleRun {
  id: number;
  scheduleName: string;
  at: string;
  reason: RunReason;
  /** The scheduled time it stands for (scheduled and catch-up runs). */
  scheduledAt?: string;
  queued: QueuedSpec[];
  /** Specs skipped because their content and settings already made a succeeded job (onlyChanged). */
  unchanged: string[];
  invalid: InvalidSpec[];
  /** Absent while the run is being made, or when the process stopped in the middle of it. */
  finishedAt?: string;
}

export interface RunResult {
  queued: QueuedSpec[];
  unchanged: string[];
  invalid: InvalidSpec[];
}

interface ScheduleRow {
  id: number;
  name: string;
  cron: string | null;
  time_zone: string | null;
  on_change: number;
  folder: string | null;
  spec_files_json: string;
  only_changed: number;
  catch_up: number;
  enabled: number;
  batch: number | null;
  settings_json: string | null;
  created_at: number;
  last_run_at: number | null;
  last_slot_at: number | null;
}

interface RunRow {
  id: number;
  name: string;
  at: number;
  reason: RunReason;
  slot_at: number | null;
  queued_json: string;
  unchanged_json: string;
  invalid_json: string;
  finished_at: number | null;
}

/** Spec files a folder schedule takes: `*.course.yaml`, `.yml`, `.json`, not hidden. */
export const SPEC_FILE_PATTERN = /^[^.].*\.course\.(ya?ml|json)$/i;

const RUNS_KEPT_PER_SCHEDULE = 200;

/**
 * Schedules, their runs and the files their watched folders last held, in the queue database.
 * Any process may read; firing a scheduled time goes through `claimScheduledTime`, a
 * compare-and-set, so the app and a `fluentpro run --watch` never both fire it.
 */
export class ScheduleStore {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Checks and saves a new schedule. A watched folder's present files are its baseline: only
   * changes from now on are queued. The folder is read before the transaction, asynchronously.
   */
  async add(input: ScheduleInput): Promise<Schedule> {
    const checked = await checkScheduleInput(input);
    const baseline = checked.onChange && checked.folder ? await hashFolder(checked.folder) : [];
    return this.#db.transaction(() => {
      if (this.#row(checked.name)) {
        throw new ScheduleError('NAME_TAKEN', 'name', `a schedule named "${checked.name}" already exists`, `pick another name, or remove it first (fluentpro schedule remove ${quoteArg(checked.name)})`);
      }
      const { lastInsertRowid } = this.#db
        .prepare(
          `INSERT INTO schedules (name, cron, time_zone, on_change, folder, spec_files_json, only_changed, catch_up, enabled, batch, settings_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          ...definitionColumns(checked),
          checked.settings ? JSON.stringify(checked.settings) : null,
          this.#now(),
        );
      const id = Number(lastInsertRowid);
      for (const { path, hash } of baseline) this.#db.prepare('INSERT INTO schedule_files (schedule_id, path, content_hash) VALUES (?, ?, ?)').run(id, path, hash);
      return this.require(checked.name);
    })();
  }

  /** Every schedule, by name. */
  list(): Schedule[] {
    const now = this.#now();
    return (this.#db.prepare('SELECT * FROM schedules ORDER BY name').all() as ScheduleRow[]).map((row) => toSchedule(row, now));
  }

  get(name: string): Schedule | undefined {
    const row = this.#row(name);
    return row && toSchedule(row, this.#now());
  }

  require(name: string): Schedule {
    const schedule = this.get(name);
    if (!schedule) throw new ScheduleError('SCHEDULE_NOT_FOUND', 'name', `no schedule named "${name}"`, 'see "fluentpro schedule list"');
    return schedule;
  }

  /** Removes a schedule with its history. Jobs it queued stay in the queue. */
  remove(name: string): void {
    const schedule = this.require(name);
    this.#db.prepare('DELETE FROM schedules WHERE id = ?').run(schedule.id);
  }

  /**
   * Replaces a schedule's name, timing, source and options (its history and settings stay). It
   * starts from now: times that passed under the old timing are not caught up; a newly watched
   * folder's present files are its baseline, as for add.
   */
  async update(name: string, input: ScheduleInput): Promise<Schedule> {
    const checked = await checkScheduleInput(input);
    const baseline = checked.onChange && checked.folder ? await hashFolder(checked.folder) : [];
    return this.#db.transaction(() => {
      const old = this.require(name);
      if (checked.name !== old.name && this.#row(checked.name)) {
        throw new ScheduleError('NAME_TAKEN', 'name', `a schedule named "${checked.name}" already exists`, 'pick another name');
      }
      const now = this.#now();
      this.#db
        .prepare(
          `UPDATE schedules SET name = ?, cron = ?, time_zone = ?, on_change = ?, folder = ?, spec_files_json = ?, only_changed = ?, catch_up = ?, enabled = ?, batch = ?,
             last_slot_at = MAX(COALESCE(last_slot_at, 0), ?) WHERE id = ?`,
        )
        .run(
          ...definitionColumns(checked),
          now,
          old.id,
        );
      if (checked.onChange && checked.folder && (old.folder !== checked.folder || !old.onChange)) {
        this.#db.prepare('DELETE FROM schedule_files WHERE schedule_id = ?').run(old.id);
        for (const { path, hash } of baseline) this.#db.prepare('INSERT INTO schedule_files (schedule_id, path, content_hash) VALUES (?, ?, ?)').run(old.id, path, hash);
      }
      return this.require(checked.name);
    })();
  }

  /** Enables or disables; a schedule enabled again starts from now (the times it was off are not caught up). */
  setEnabled(name: string, enabled: boolean): Schedule {
    const schedule = this.require(name);
    if (schedule.enabled !== enabled) {
      this.#db.prepare('UPDATE schedules SET enabled = ?, last_slot_at = CASE WHEN ? THEN MAX(COALESCE(last_slot_at, 0), ?) ELSE last_slot_at END WHERE id = ?').run(enabled ? 1 : 0, enabled ? 1 : 0, this.#now(), schedule.id);
    }
    return this.require(name);
  }

  /**
   * Moves a schedule's last handled time from `expected` to `scheduledAt`, if no one did it
   * first, and when `fire` is given records the start of its run in the same transaction.
   * Returns the run's id (or 0 when only advancing), or undefined when another process or an
   * earlier call already handled that time.
   */
  claimScheduledTime(id: number, expected: number | undefined, scheduledAt: number, fire?: 'scheduled' | 'catch-up'): number | undefined {
    return this.#db.transaction((): number | undefined => {
      const now = this.#now();
      const moved = this.#db
        .prepare(`UPDATE schedules SET last_slot_at = ?, last_run_at = CASE WHEN ? THEN ? ELSE last_run_at END WHERE id = ? AND last_slot_at IS ? AND enabled = 1`)
        .run(scheduledAt, fire ? 1 : 0, now, id, expected ?? null);
      if (moved.changes === 0) return undefined;
      return fire ? this.#insertRun(id, fire, scheduledAt, now) : 0;
    }).immediate();
  }

  /** Records the start of a run that is not at a scheduled time (manual, folder-change). */
  startRun(id: number, reason: 'manual' | 'folder-change'): number {
    return this.#db.transaction(() => {
      const now = this.#now();
      this.#db.prepare('UPDATE schedules SET last_run_at = ? WHERE id = ?').run(now, id);
      return this.#insertRun(id, reason, undefined, now);
    })();
  }

  finishRun(runId: number, result: RunResult): ScheduleRun {
    this.#db
      .prepare('UPDATE schedule_runs SET queued_json = ?, unchanged_json = ?, invalid_json = ?, finished_at = ? WHERE id = ?')
      .run(JSON.stringify(result.queued), JSON.stringify(result.unchanged), JSON.stringify(result.invalid), this.#now(), runId);
    return this.#run(runId)!;
  }

  /** A schedule's runs, newest first. */
  runs(name: string, limit = 50): ScheduleRun[] {
    const schedule = this.require(name);
    const rows = this.#db
      .prepare('SELECT schedule_runs.*, schedules.name FROM schedule_runs JOIN schedules ON schedules.id = schedule_runs.schedule_id WHERE schedule_id = ? ORDER BY schedule_runs.id DESC LIMIT ?')
      .all(schedule.id, limit) as RunRow[];
    return rows.map(toRun);
  }

  /**
   * Records `hash` as the content handled of a watched file, if it differs from the one recorded:
   * true when this call changed it (so this process queues it, once per change).
   */
  claimFileContent(scheduleId: number, path: string, hash: string): boolean {
    const result = this.#db
      .prepare(
        `INSERT INTO schedule_files (schedule_id, path, content_hash) VALUES (?, ?, ?)
         ON CONFLICT (schedule_id, path) DO UPDATE SET content_hash = excluded.content_hash WHERE content_hash <> excluded.content_hash`,
      )
      .run(scheduleId, path, hash);
    return result.changes > 0;
  }

  /** The content hash last handled of each file of a watched folder. */
  fileContents(scheduleId: number): Map<string, string> {
    const rows = this.#db.prepare('SELECT path, content_hash FROM schedule_files WHERE schedule_id = ?').all(scheduleId) as { path: string; content_hash: string }[];
    return new Map(rows.map((r) => [r.path, r.content_hash]));
  }

  /** A schedule's current row, by id (the scheduler re-reads before it fires). */
  byId(id: number): Schedule | undefined {
    const row = this.#db.prepare('SELECT * FROM schedules WHERE id = ?').get(id) as ScheduleRow | undefined;
    return row && toSchedule(row, this.#now());
  }

  /** The stored last handled time (ms), exactly as the compare-and-set expects it. */
  lastScheduledTime(id: number): number | undefined {
    const row = this.#db.prepare('SELECT last_slot_at FROM schedules WHERE id = ?').get(id) as { last_slot_at: number | null } | undefined;
    return row?.last_slot_at ?? undefined;
  }

  #insertRun(id: number, reason: RunReason, scheduledAt: number | undefined, now: number): number {
    const { lastInsertRowid } = this.#db.prepare('INSERT INTO schedule_runs (schedule_id, at, reason, slot_at) VALUES (?, ?, ?, ?)').run(id, now, reason, scheduledAt ?? null);
    // Bounded: a folder that changes all day cannot grow the file without end.
    this.#db.prepare('DELETE FROM schedule_runs WHERE schedule_id = ? AND id <= (SELECT id FROM schedule_runs WHERE schedule_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)').run(id, id, RUNS_KEPT_PER_SCHEDULE);
    return Number(lastInsertRowid);
  }

  #run(runId: number): ScheduleRun | undefined {
    const row = this.#db.prepare('SELECT schedule_runs.*, schedules.name FROM schedule_runs JOIN schedules ON schedules.id = schedule_runs.schedule_id WHERE schedule_runs.id = ?').get(runId) as RunRow | undefined;
    return row && toRun(row);
  }

  #row(name: string): ScheduleRow | undefined {
    return this.#db.prepare('SELECT * FROM schedules WHERE name = ?').get(name) as ScheduleRow | undefined;
  }
}

/**
 * Checks a schedule before it is saved; throws ScheduleError naming the field and the fix. The
 * folder and files are looked at asynchronously, as every read of a person's folders here: the
 * first read of Desktop, Downloads or a removable volume waits on macOS's privacy prompt, and a
 * file in iCloud Drive waits for its download, and the app's main process must not wait with them.
 */
export async function checkScheduleInput(input: ScheduleInput): Promise<ScheduleInput & { timeZone: string }> {
  const name = input.name?.trim() ?? '';
  if (!name) throw new ScheduleError('INVALID_NAME', 'name', 'the schedule has no name', 'give it one, e.g. "nightly"');
  if (name.length > 100 || /[\u0000-\u001f]/.test(name)) throw new ScheduleError('INVALID_NAME', 'name', `"${name.slice(0, 40)}…" cannot be a schedule name`, 'use a short name of letters, digits and dashes');
  if (input.cron !== undefined && input.onChange) throw new ScheduleError('TWO_TRIGGERS', 'cron', 'a schedule runs at cron times or when its folder changes, not both', 'choose one');
  if (input.cron === undefined && !input.onChange) throw new ScheduleError('NO_TRIGGER', 'cron', 'the schedule does not say when it runs', 'give a cron expression such as "0 2 * * *" (every day at 02:00), or make it run when its folder changes');
  const timeZone = input.timeZone ?? localTimeZone();
  if (input.cron !== undefined) new CronTime(input.cron, timeZone); // throws what is wrong with either
  const files = input.specFiles ?? [];
  if (input.folder !== undefined && files.length) throw new ScheduleError('TWO_SOURCES', 'folder', 'a schedule takes a folder or a list of spec files, not both', 'choose one');
  if (input.folder === undefined && !files.length) throw new ScheduleError('NO_SOURCE', 'folder', 'the schedule does not say what to generate', 'name a folder (every *.course.yaml, .yml or .json in it) or spec files');
  if (input.onChange && input.folder === undefined) throw new ScheduleError('ON_CHANGE_NEEDS_FOLDER', 'onChange', 'only a folder can be watched for changes', 'name a folder instead of spec files');
  if (input.folder !== undefined) {
    if (!isAbsolute(input.folder)) throw new TypeError(`Expected \`folder\` to be an absolute path, got \`${input.folder}\``);
    const info = await statOrUndefined(input.folder);
    if (!info) throw new ScheduleError('FOLDER_NOT_FOUND', 'folder', `the folder ${input.folder} does not exist`, 'create it first, or check the path');
    if (!info.isDirectory()) throw new ScheduleError('NOT_A_FOLDER', 'folder', `${input.folder} is a file, not a folder`, 'name the folder that holds the specs, or name the file as a spec file');
  }
  for (const file of files) {
    if (!isAbsolute(file)) throw new TypeError(`Expected \`specFiles\` to hold absolute paths, got \`${file}\``);
    if (!(await statOrUndefined(file))?.isFile()) throw new ScheduleError('SPEC_NOT_FOUND', 'specFiles', `the spec file ${file} does not exist`, 'check the path');
  }
  return { ...input, name, timeZone, specFiles: files };
}

/** The spec files of a folder schedule, sorted (read asynchronously: see checkScheduleInput). */
export async function specFilesIn(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return []; // a folder removed since: nothing to generate (the run says so by queuing nothing)
  }
  const paths = names
    .filter((name) => SPEC_FILE_PATTERN.test(name))
    .sort()
    .map((name) => join(folder, name));
  const isFile = await Promise.all(paths.map(async (path) => (await statOrUndefined(path))?.isFile() === true));
  return paths.filter((_, i) => isFile[i]);
}

export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function hashFolder(folder: string): Promise<{ path: string; hash: string }[]> {
  const hashed: { path: string; hash: string }[] = [];
  for (const path of await specFilesIn(folder)) {
    try {
      hashed.push({ path, hash: contentHash(await readFile(path)) });
    } catch {
      // gone or unreadable since the listing: not part of the baseline
    }
  }
  return hashed;
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

function quoteArg(value: string): string {
  return /^[\w.@/-]+$/.test(value) ? value : `"${value.replace(/"/g, '\\"')}"`;
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : new Date(ms).toISOString());

function toSchedule(row: ScheduleRow, now: number): Schedule {
  let nextRunAt: number | undefined;
  let missedRunAt: number | undefined;
  if (row.cron && row.time_zone && row.enabled) {
    const time = new CronTime(row.cron, row.time_zone);
    const anchor = row.last_slot_at ?? row.created_at;
    nextRunAt = time.nextAfter(Math.max(anchor, now));
    const latest = time.latestAtOrBefore(now);
    if (latest !== undefined && latest > anchor) missedRunAt = latest;
  }
  const schedule: Schedule = {
    id: row.id,
    name: row.name,
    onChange: row.on_change === 1,
    specFiles: JSON.parse(row.spec_files_json) as string[],
    onlyChanged: row.only_changed === 1,
    catchUp: row.catch_up === 1,
    enabled: row.enabled === 1,
    createdAt: iso(row.created_at)!,
  };
  if (row.cron) schedule.cron = row.cron;
  if (row.time_zone) schedule.timeZone = row.time_zone;
  if (row.folder) schedule.folder = row.folder;
  if (row.batch !== null) schedule.batch = row.batch === 1;
  if (row.settings_json) schedule.settings = JSON.parse(row.settings_json) as JobSettings;
  if (row.last_run_at !== null) schedule.lastRunAt = iso(row.last_run_at);
  if (row.last_slot_at !== null) schedule.lastScheduledAt = iso(row.last_slot_at);
  if (nextRunAt !== undefined) schedule.nextRunAt = iso(nextRunAt);
  if (missedRunAt !== undefined) schedule.missedRunAt = iso(missedRunAt);
  return schedule;
}

function toRun(row: RunRow): ScheduleRun {
  const run: ScheduleRun = {
    id: row.id,
    scheduleName: row.name,
    at: iso(row.at)!,
    reason: row.reason,
    queued: JSON.parse(row.queued_json) as QueuedSpec[],
    unchanged: JSON.parse(row.unchanged_json) as string[],
    invalid: JSON.parse(row.invalid_json) as InvalidSpec[],
  };
  if (row.slot_at !== null) run.scheduledAt = iso(row.slot_at);
  if (row.finished_at !== null) run.finishedAt = iso(row.finished_at);
  return run;
}

/** The columns that define a schedule, in the order add and update write them. */
function definitionColumns(checked: ScheduleInput): (string | number | null)[] {
  return [
    checked.name,
    checked.cron ?? null,
    checked.cron ? (checked.timeZone ?? null) : null,
    checked.onChange ? 1 : 0,
    checked.folder ?? null,
    JSON.stringify(checked.specFiles ?? []),
    checked.onlyChanged ? 1 : 0,
    checked.catchUp === false ? 0 : 1,
    checked.enabled === false ? 0 : 1,
    checked.batch === undefined ? null : checked.batch ? 1 : 0,
  ];
}
