import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Usage } from '../course/course-schema.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import type { Checkpoints, StepDone } from '../workflow/generate-course.js';
import type { JobLogLine, JobSettings, JobState, JobSummary } from '../../shared/jobs.js';
import { batchProgress } from './batch-mode-jobs.js';
import { countAnswered, loadCheckpoints, saveCheckpoint, saveDraft } from './checkpoint-store.js';
import { newJobId } from './job-id.js';
import { enqueueLessonJob, lessonSummaryFields, lessonTargetOf, type LessonColumns, type LessonJobInput, type LessonTarget } from './lesson-jobs.js';
import { migrate } from './migrations.js';
import { heartbeatOwner, loadOwners, ownerFates, registerOwner, removeOwner, whyOwnerGone } from './owner-store.js';

export { OWNER_LEASE_MS } from './owner-store.js';

/** A move between states that the job's current state does not allow. */
export class InvalidTransitionError extends Error {
  readonly code = 'INVALID_TRANSITION';
  constructor(
    readonly jobId: string,
    readonly from: JobState | 'missing',
    readonly to: string,
  ) {
    super(from === 'missing' ? `no job ${jobId}` : `job ${jobId} is ${from} and cannot be ${to}`);
    this.name = this.constructor.name;
  }
}

export class JobNotFoundError extends Error {
  readonly code = 'JOB_NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

export interface EnqueueInput {
  spec: CourseSpec;
  source: string;
  specPath: string;
  settings: JobSettings;
  /** Make a new job even when an identical one is queued or running. */
  force?: boolean;
}

/** A job handed to a runner: everything needed to run or resume it. */
export interface ClaimedJob {
  job: JobSummary;
  /** Position in the queue (older is lower): the job's priority for request permits. */
  seq: number;
  spec: CourseSpec;
  settings: JobSettings;
  checkpoints: Checkpoints;
  /** Set for a job that regenerates one lesson of a finished course (lesson-jobs.ts). */
  target?: LessonTarget;
}

interface JobRow extends LessonColumns {
  seq: number;
  id: string;
  title: string;
  language: string;
  level: string;
  spec_path: string;
  spec_json: string;
  settings_json: string;
  state: JobState;
  attempts: number;
  lessons_total: number;
  lessons_done: number;
  outline_done: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  error: string | null;
  output_path: string | null;
  batch_requests: number;
  batch_prompt_tokens: number;
  batch_completion_tokens: number;
  waiting_until: number | null;
  waiting_reason: string | null;
  cancel_requested: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/** A running job and the process that holds it (unknown when its owner is no longer registered). */
export interface HeldJob {
  job: JobSummary;
  pid?: number;
  hostname?: string;
}

export interface JobStoreOptions {
  now?: () => number;
  /**
   * better-sqlite3's compiled module to load instead of the one in node_modules: the app in
   * development loads a build for Electron's ABI from its own folder (`npm start` makes it), so
   * node_modules keeps the build for Node and `fluentpro` keeps working.
   */
  nativeBinding?: string;
}

const LOG_LINES_PER_JOB = 500;

/**
 * A queued job the queue may take: one of those named in `@only` (the JSON list of `onlyIds`),
 * or, with none named (NULL), any job that is not in batch mode.
 */
const ONLY_OR_LIVE = `(CASE WHEN @only IS NULL THEN json_extract(settings_json, '$.mode') IS NOT 'batch' ELSE id IN (SELECT value FROM json_each(@only)) END)`;

/**
 * Every job, every finished step and every job's log, in one SQLite file (WAL). The
 * orchestrator is the writer of job progress; other commands only make small atomic requests
 * (enqueue, cancel, retry, remove), which SQLite serialises.
 */
export class JobStore {
  readonly db: Database.Database;
  #now: () => number;
  /** The folder of the database file (the data folder), for messages that name it. */
  readonly dataFolder: string;

  constructor(file: string, options: JobStoreOptions = {}) {
    this.dataFolder = dirname(resolve(file));
    this.db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    // Another process (the app and the CLI share the file) may hold the write lock briefly.
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.#now = options.now ?? Date.now;
  }

  /** Opens (creating if needed) `<dataDir>/queue.sqlite`. */
  static open(dataDir: string, options: JobStoreOptions = {}): JobStore {
    mkdirSync(dataDir, { recursive: true });
    return new JobStore(join(dataDir, 'queue.sqlite'), options);
  }

  close(): void {
    this.db.close();
  }

  enqueue(input: EnqueueInput): { job: JobSummary; reused: boolean } {
    const dedupeKey = dedupeKeyOf(input.spec, input.settings);
    return this.db.transaction(() => {
      if (!input.force) {
        const existing = this.db.prepare(`SELECT * FROM jobs WHERE dedupe_key = ? AND state IN ('queued','running') ORDER BY seq LIMIT 1`).get(dedupeKey) as JobRow | undefined;
        if (existing) return { job: toSummary(existing), reused: true };
      }
      const now = this.#now();
      const id = newJobId();
      this.db
        .prepare(
          `INSERT INTO jobs (id, title, language, level, spec_path, spec_source, spec_json, settings_json, dedupe_key, state, lessons_total, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
        )
        .run(id, input.spec.title, input.spec.language, input.spec.level, input.specPath, input.source, JSON.stringify(input.spec), JSON.stringify(input.settings), dedupeKey, input.spec.lessons, now, now);
      this.#log(id, 'info', `queued from ${input.specPath}`);
      return { job: this.get(id)!, reused: false };
    })();
  }

  /** Queues the regeneration of one lesson of a finished course (or follows the identical one queued or running). */
  enqueueLesson(input: LessonJobInput): { job: JobSummary; reused: boolean } {
    return enqueueLessonJob(this, input);
  }

  /** Whether this spec with these settings already made a succeeded job (a schedule's onlyChanged). */
  hasSucceeded(spec: CourseSpec, settings: JobSettings): boolean {
    return this.db.prepare(`SELECT 1 FROM jobs WHERE dedupe_key = ? AND state = 'succeeded' LIMIT 1`).get(dedupeKeyOf(spec, settings)) !== undefined;
  }

  get(id: string): JobSummary | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && this.#summary(row);
  }

  /** A job by its id or any unique prefix of it, as typed in the CLI. */
  find(idOrPrefix: string): JobSummary {
    const prefix = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-z]{1,8}$/.test(prefix)) throw new JobNotFoundError(`"${idOrPrefix}" is not a job id (ids are 8 letters and digits; see "fluentpro jobs")`);
    const rows = this.db.prepare(`SELECT * FROM jobs WHERE id >= ? AND id < ? ORDER BY seq LIMIT 3`).all(prefix, prefix + '~') as JobRow[];
    if (rows.length === 0) throw new JobNotFoundError(`no job ${idOrPrefix} (see "fluentpro jobs")`);
    if (rows.length > 1) throw new JobNotFoundError(`"${idOrPrefix}" names more than one job (${rows.map((r) => r.id).join(', ')}): type more of the id`);
    return this.#summary(rows[0]!);
  }

  /** Jobs in the order they were added. */
  list(filter: { state?: JobState; limit?: number } = {}): JobSummary[] {
    const rows = filter.state
      ? this.db.prepare('SELECT * FROM jobs WHERE state = ? ORDER BY seq LIMIT ?').all(filter.state, filter.limit ?? -1)
      : this.db.prepare('SELECT * FROM jobs ORDER BY seq LIMIT ?').all(filter.limit ?? -1);
    return (rows as JobRow[]).map((row) => this.#summary(row));
  }

  counts(): Record<JobState, number> {
    const counts = { queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 };
    for (const row of this.db.prepare('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state').all() as { state: JobState; n: number }[]) counts[row.state] = row.n;
    return counts;
  }

  /** How many of these jobs are not finished (queued or running, here or in another process). */
  unfinishedCount(ids: ReadonlySet<string>): number {
    const row = this.db
      .prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state IN ('queued','running') AND id IN (SELECT value FROM json_each(?))`)
      .get(JSON.stringify([...ids])) as { n: number };
    return row.n;
  }

  /**
   * When the earliest queued job (of `onlyIds`, if given) may run: now, or after its retry
   * backoff. Batch-mode jobs count only when named (see claimNext).
   */
  nextReadyAt(onlyIds?: ReadonlySet<string>): number | undefined {
    const only = onlyIds ? JSON.stringify([...onlyIds]) : null;
    const row = this.db
      .prepare(`SELECT MIN(next_attempt_at) AS at FROM jobs WHERE state = 'queued' AND ${ONLY_OR_LIVE}`)
      .get({ only }) as { at: number | null };
    return row.at ?? undefined;
  }

  /**
   * Takes the oldest ready queued job for `owner` and marks it running, atomically: two
   * processes claiming at once never get the same job. A job whose cancel was requested while
   * queued is cancelled here instead of run. A batch-mode job (settings mode 'batch') is taken
   * only when named in `onlyIds`: the batch runner claims it by id once its answers are in, and
   * the live queue (the app, `run`, serve) never runs it live at full price.
   */
  claimNext(owner: string, onlyIds?: ReadonlySet<string>): ClaimedJob | undefined {
    return this.db.transaction((): ClaimedJob | undefined => {
      const now = this.#now();
      const only = onlyIds ? JSON.stringify([...onlyIds]) : null;
      const row = this.db
        .prepare(
          `UPDATE jobs SET state = 'running', owner = @owner, attempts = attempts + 1, started_at = COALESCE(started_at, @now), updated_at = @now
           WHERE seq = (SELECT seq FROM jobs WHERE state = 'queued' AND next_attempt_at <= @now AND ${ONLY_OR_LIVE} ORDER BY seq LIMIT 1)
           RETURNING *`,
        )
        .get({ owner, now, only }) as (JobRow & { spec_json: string }) | undefined;
      if (!row) return undefined;
      this.#log(row.id, 'info', `started (attempt ${row.attempts})`);
      return {
        job: toSummary(row),
        seq: row.seq,
        spec: JSON.parse(row.spec_json) as CourseSpec,
        settings: JSON.parse(row.settings_json) as JobSettings,
        checkpoints: this.loadCheckpoints(row.id),
        ...(lessonTargetOf(row) ? { target: lessonTargetOf(row) } : {}),
      };
    })();
  }

  /** Every finished step of a job (checkpoint-store.ts). */
  loadCheckpoints(id: string): Checkpoints {
    return loadCheckpoints(this.db, id);
  }

  /** Commits a finished step and the job's progress together; a step saved twice counts once. */
  saveCheckpoint(id: string, done: StepDone): void {
    saveCheckpoint(this.db, id, done, this.#now());
  }

  /** Saves what has arrived of an unfinished step (checkpoint-store.ts); progress, like a finished step. */
  saveDraft(id: string, step: string, draft: unknown): void {
    saveDraft(this.db, id, step, draft, this.#now());
  }

  /** Counts an answer the provider sent against the job as it arrives, whether or not its step is ever finished. */
  countAnswered(id: string, usage: Usage): void {
    countAnswered(this.db, id, usage, this.#now());
  }

  /**
   * A running job's worker was lost (a crash, a kill, a hang): counts the loss and returns how
   * many there have been in a row with no step or draft saved in between.
   */
  recordWorkerLoss(id: string): number {
    const row = this.db.prepare('UPDATE jobs SET losses = losses + 1, updated_at = ? WHERE id = ? RETURNING losses').get(this.#now(), id) as { losses: number } | undefined;
    return row?.losses ?? 0;
  }

  /** A request of the running job waits for the provider's rate limit until `untilMs` (for the board and `jobs`). */
  setWaiting(id: string, untilMs: number, reason: string): void {
    this.db.prepare(`UPDATE jobs SET waiting_until = MAX(COALESCE(waiting_until, 0), ?), waiting_reason = ?, updated_at = ? WHERE id = ? AND state = 'running'`).run(untilMs, reason, this.#now(), id);
  }

  moveToSucceeded(id: string, outputPath: string): JobSummary {
    return this.#transition(id, ['running'], 'succeeded', { output_path: outputPath, error: null }, `finished: ${outputPath}`);
  }

  moveToFailed(id: string, reason: string): JobSummary {
    return this.#transition(id, ['running'], 'failed', { error: reason }, `failed: ${reason}`, 'error');
  }

  moveToCancelled(id: string): JobSummary {
    return this.#transition(id, ['running', 'queued'], 'cancelled', { error: null }, 'cancelled');
  }

  /** A running job whose worker died goes back to the queue, to be tried again after `delayMs`. */
  moveToQueuedForRetry(id: string, reason: string, delayMs: number): JobSummary {
    return this.#transition(id, ['running'], 'queued', { next_attempt_at: this.#now() + delayMs, owner: null, error: reason }, `will retry in ${Math.round(delayMs / 1000)} s: ${reason}`, 'warn');
  }

  /**
   * Cancel as a user asks it: a queued job is cancelled at once; a running one is flagged, and
   * its owner stops the worker and records the cancel.
   */
  requestCancel(id: string): JobSummary {
    return this.db.transaction(() => {
      const job = this.#require(id);
      if (job.state === 'queued') return this.moveToCancelled(id);
      if (job.state !== 'running') throw new InvalidTransitionError(id, job.state, 'cancelled');
      this.db.prepare('UPDATE jobs SET cancel_requested = 1, updated_at = ? WHERE id = ?').run(this.#now(), id);
      this.#log(id, 'info', 'cancel requested');
      return this.get(id)!;
    })();
  }

  /** Running jobs of `owner` that someone asked to cancel. */
  cancelRequests(owner: string): string[] {
    return (this.db.prepare(`SELECT id FROM jobs WHERE state = 'running' AND owner = ? AND cancel_requested = 1`).all(owner) as { id: string }[]).map((r) => r.id);
  }

  /** A failed or cancelled job goes back to the queue and resumes from its checkpoints. */
  retry(id: string): JobSummary {
    return this.#transition(id, ['failed', 'cancelled'], 'queued', { attempts: 0, losses: 0, error: null, next_attempt_at: 0, finished_at: null, output_path: null }, 'queued again (retry)');
  }

  /** Removes a finished job with its checkpoints and log. */
  remove(id: string): void {
    const job = this.#require(id);
    if (job.state === 'queued' || job.state === 'running') throw new InvalidTransitionError(id, job.state, 'removed (cancel it first)');
    this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
  }

  log(id: string, level: JobLogLine['level'], message: string): void {
    this.#log(id, level, message);
  }

  logs(id: string): JobLogLine[] {
    return (this.db.prepare('SELECT at, level, message FROM job_logs WHERE job_id = ? ORDER BY id').all(id) as { at: number; level: JobLogLine['level']; message: string }[]).map((r) => ({
      at: new Date(r.at).toISOString(),
      level: r.level,
      message: r.message,
    }));
  }

  // Owners: leases that say which process runs which jobs.

  /** Records this process as an owner, with its start time (owner-store.ts). */
  registerOwner(id: string): void {
    registerOwner(this.db, id, this.#now());
  }

  heartbeatOwner(id: string): void {
    heartbeatOwner(this.db, id, this.#now());
  }

  removeOwner(id: string): void {
    removeOwner(this.db, id);
  }

  /** Running jobs that an owner other than `ownerId` holds (only `onlyIds`, if given), oldest first, with the process that holds each. */
  runningElsewhere(ownerId: string, onlyIds?: ReadonlySet<string>): HeldJob[] {
    const only = onlyIds ? JSON.stringify([...onlyIds]) : null;
    const rows = this.db
      .prepare(
        `SELECT jobs.*, owners.pid AS owner_pid, owners.hostname AS owner_hostname FROM jobs LEFT JOIN owners ON owners.id = jobs.owner
         WHERE jobs.state = 'running' AND jobs.owner IS NOT ? AND (? IS NULL OR jobs.id IN (SELECT value FROM json_each(?))) ORDER BY jobs.seq`,
      )
      .all(ownerId, only, only) as (JobRow & { owner_pid: number | null; owner_hostname: string | null })[];
    return rows.map((row) => ({ job: toSummary(row), pid: row.owner_pid ?? undefined, hostname: row.owner_hostname ?? undefined }));
  }

  /**
   * Running jobs whose owner is gone (its process died: kill -9, a crash, a power cut) go back
   * to the queue, keeping their checkpoints. An owner is gone when its lease ran out, or at once
   * when it ran on this machine and its process has exited, is a zombie, or is another process
   * that got its pid (its start time differs from the one recorded).
   */
  recoverOrphans(): JobSummary[] {
    // Processes are looked at before the write lock is taken: asking ps can take a while.
    const fates = ownerFates(this.db);
    return this.db.transaction((): JobSummary[] => {
      const now = this.#now();
      const owners = new Map(loadOwners(this.db).map((o) => [o.id, o]));
      const running = this.db.prepare(`SELECT * FROM jobs WHERE state = 'running'`).all() as (JobRow & { owner: string | null })[];
      const recovered: JobSummary[] = [];
      for (const row of running) {
        const owner = row.owner ? owners.get(row.owner) : undefined;
        const gone = owner ? whyOwnerGone(owner, now, fates) : 'the process running it stopped';
        if (!gone) continue;
        // The run was interrupted through no fault of the job: it does not count as an attempt.
        this.db.prepare(`UPDATE jobs SET state = 'queued', owner = NULL, attempts = MAX(attempts - 1, 0), next_attempt_at = 0, updated_at = ? WHERE id = ? AND state = 'running'`).run(now, row.id);
        this.#log(row.id, 'warn', `recovered: ${gone}; resuming from its checkpoints`);
        recovered.push(this.get(row.id)!);
      }
      for (const owner of owners.values()) if (whyOwnerGone(owner, now, fates)) removeOwner(this.db, owner.id);
      return recovered;
    }).immediate();
  }

  /** A row as the board sees it; a queued batch-mode job also says how far its batches are. */
  #summary(row: JobRow): JobSummary {
    const summary = toSummary(row);
    if (summary.mode !== 'batch' || summary.state !== 'queued') return summary;
    const progress = batchProgress(this.db, row.id);
    return { ...summary, batchWait: { lines: progress.lines, answered: progress.answered, ...(progress.firstSubmittedAt ? { firstSubmittedAt: new Date(progress.firstSubmittedAt).toISOString() } : {}) } };
  }

  #require(id: string): JobSummary {
    const job = this.get(id);
    if (!job) throw new JobNotFoundError(`no job ${id}`);
    return job;
  }

  #transition(id: string, from: JobState[], to: JobState, set: Record<string, unknown>, message: string, level: JobLogLine['level'] = 'info'): JobSummary {
    return this.db.transaction(() => {
      const now = this.#now();
      const finished = to === 'succeeded' || to === 'failed' || to === 'cancelled';
      // A job that changes state no longer waits for the provider.
      const fields = { ...set, state: to, updated_at: now, waiting_until: null, waiting_reason: null, ...(finished ? { finished_at: now, owner: null, cancel_requested: 0 } : {}), ...(to === 'queued' ? { cancel_requested: 0 } : {}) };
      const assignments = Object.keys(fields).map((k) => `${k} = @${k}`).join(', ');
      const result = this.db
        .prepare(`UPDATE jobs SET ${assignments} WHERE id = @id AND state IN (${from.map((s) => `'${s}'`).join(',')})`)
        .run({ ...fields, id });
      if (result.changes === 0) throw new InvalidTransitionError(id, this.get(id)?.state ?? 'missing', to);
      this.#log(id, level, message);
      return this.get(id)!;
    })();
  }

  #log(id: string, level: JobLogLine['level'], message: string): void {
    this.db.prepare('INSERT INTO job_logs (job_id, at, level, message) VALUES (?, ?, ?, ?)').run(id, this.#now(), level, message.slice(0, 4000));
    // Bounded: a job that loops on errors cannot grow the file without end.
    this.db
      .prepare(`DELETE FROM job_logs WHERE job_id = ? AND id <= (SELECT id FROM job_logs WHERE job_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`)
      .run(id, id, LOG_LINES_PER_JOB);
  }
}

/** What makes two jobs the same: the spec and the settings (enqueue reuses a queued or running one). */
export function dedupeKeyOf(spec: CourseSpec, settings: JobSettings): string {
  return createHash('sha256').update(JSON.stringify([spec, settings])).digest('hex');
}

function iso(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString();
}

function toSummary(row: JobRow): JobSummary {
  const settings = JSON.parse(row.settings_json) as JobSettings;
  return {
    id: row.id,
    title: row.title,
    language: row.language,
    level: row.level,
    specPath: row.spec_path,
    state: row.state,
    attempts: row.attempts,
    lessonsTotal: row.lessons_total,
    lessonsDone: row.lessons_done,
    outlineDone: row.outline_done === 1,
    provider: settings.provider,
    model: settings.model,
    usage: { requests: row.requests, promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens },
    error: row.error ?? undefined,
    outputPath: row.output_path ?? undefined,
    cancelRequested: row.cancel_requested === 1,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    ...(row.waiting_until !== null && row.state === 'running' ? { waitingUntil: new Date(row.waiting_until).toISOString(), waitingReason: row.waiting_reason ?? undefined } : {}),
    ...lessonSummaryFields(row),
    ...(settings.mode === 'batch' ? { mode: 'batch' as const } : {}),
    ...(row.batch_requests > 0 ? { batchUsage: { requests: row.batch_requests, promptTokens: row.batch_prompt_tokens, completionTokens: row.batch_completion_tokens } } : {}),
  };
}
