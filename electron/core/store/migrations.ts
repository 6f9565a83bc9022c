import type Database from 'better-sqlite3';

/**
 * Numbered schema changes, applied in order inside one transaction each; PRAGMA user_version
 * records the last one applied. Never edit a shipped migration: add the next number.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'jobs, checkpoints, logs, owners',
    sql: `
      CREATE TABLE jobs (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        language TEXT NOT NULL,
        level TEXT NOT NULL,
        spec_path TEXT NOT NULL,
        spec_source TEXT NOT NULL,
        spec_json TEXT NOT NULL,
        settings_json TEXT NOT NULL,
        dedupe_key TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued','running','succeeded','failed','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        lessons_total INTEGER NOT NULL,
        lessons_done INTEGER NOT NULL DEFAULT 0,
        outline_done INTEGER NOT NULL DEFAULT 0,
        requests INTEGER NOT NULL DEFAULT 0,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        output_path TEXT,
        owner TEXT,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX jobs_state ON jobs (state, next_attempt_at, seq);
      CREATE INDEX jobs_dedupe ON jobs (dedupe_key, state);

      CREATE TABLE checkpoints (
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        content_json TEXT NOT NULL,
        requests INTEGER NOT NULL,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (job_id, step)
      );

      CREATE TABLE job_logs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        level TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX job_logs_job ON job_logs (job_id, id);

      -- Processes that run jobs (the app, a "fluentpro run"): a running job belongs to one, and
      -- is recovered only when its owner is gone, so two processes never take each other's jobs.
      CREATE TABLE owners (
        id TEXT PRIMARY KEY,
        pid INTEGER NOT NULL,
        hostname TEXT NOT NULL,
        heartbeat_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'app settings',
    sql: `
      -- The app's settings (provider, model, concurrency, output folder). Never the API key:
      -- that lives in the Keychain (safeStorage) or the environment.
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'repairs made in each step',
    sql: `
      -- What the program repaired in a step's answer (course quality report). Steps are now also
      -- 'outline-part:<first lesson>'; a legacy 'outline' step is read as the part from lesson 1.
      ALTER TABLE checkpoints ADD COLUMN repairs_json TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 4,
    name: 'owner process start time',
    sql: `
      -- When the owner's process started (process-liveness.ts: /proc start ticks on Linux, ps
      -- lstart on macOS), so a pid that a new process took over is not mistaken for the owner.
      -- NULL for owners registered before: their pid alone is checked.
      ALTER TABLE owners ADD COLUMN process_start TEXT;
    `,
  },
  {
    version: 5,
    name: 'schedules, their runs, watched files, queue pause',
    sql: `
      -- Schedules (electron/core/schedule): when (a cron expression in a time zone, or when a
      -- watched folder changes) and what (a folder's specs, or a list of spec files).
      CREATE TABLE schedules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        cron TEXT,
        time_zone TEXT,
        on_change INTEGER NOT NULL DEFAULT 0,
        folder TEXT,
        spec_files_json TEXT NOT NULL DEFAULT '[]',
        only_changed INTEGER NOT NULL DEFAULT 0,
        catch_up INTEGER NOT NULL DEFAULT 1,
        enabled INTEGER NOT NULL DEFAULT 1,
        -- The job settings its jobs are queued with; NULL: those of the process that fires it.
        settings_json TEXT,
        created_at INTEGER NOT NULL,
        last_run_at INTEGER,
        -- The last scheduled time handled (fired, or passed over with catch-up off). Moved only by
        -- a compare-and-set, so a run time fires once even across restarts and two processes.
        last_slot_at INTEGER,
        CHECK ((cron IS NULL) = (on_change = 1)),
        CHECK (on_change = 0 OR folder IS NOT NULL)
      );

      -- What each firing did: the jobs it queued, the specs it skipped, the invalid ones.
      CREATE TABLE schedule_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('scheduled','catch-up','manual','folder-change')),
        slot_at INTEGER,
        queued_json TEXT NOT NULL DEFAULT '[]',
        unchanged_json TEXT NOT NULL DEFAULT '[]',
        invalid_json TEXT NOT NULL DEFAULT '[]',
        finished_at INTEGER
      );
      CREATE INDEX schedule_runs_schedule ON schedule_runs (schedule_id, id);

      -- The content last handled of each file in a watched folder: a file is queued once per change.
      CREATE TABLE schedule_files (
        schedule_id INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        PRIMARY KEY (schedule_id, path)
      );

      -- "Pause until": one row while the queue is paused; until_at NULL means until resumed.
      CREATE TABLE queue_pause (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        paused_at INTEGER NOT NULL,
        until_at INTEGER
      );
    `,
  },
  {
    version: 6,
    name: 'a running job waiting for the provider',
    sql: `
      -- Set when a request of the job waits for the provider's rate limit (a 429's retry-after):
      -- the board and "fluentpro jobs" say "waiting for the rate limit, 12 s" until then.
      ALTER TABLE jobs ADD COLUMN waiting_until INTEGER;
      ALTER TABLE jobs ADD COLUMN waiting_reason TEXT;
    `,
  },
  {
    version: 7,
    name: 'jobs that regenerate one lesson',
    sql: `
      -- A job makes a whole course ('course', every job before) or writes one lesson of a
      -- finished course again ('lesson'): the course folder, the lesson's number and the
      -- author's note ("simpler dialogue") say which (core/store/lesson-jobs.ts).
      ALTER TABLE jobs ADD COLUMN kind TEXT NOT NULL DEFAULT 'course' CHECK (kind IN ('course','lesson'));
      ALTER TABLE jobs ADD COLUMN target_folder TEXT;
      ALTER TABLE jobs ADD COLUMN target_lesson INTEGER;
      ALTER TABLE jobs ADD COLUMN target_note TEXT;
    `,
  },
  {
    version: 8,
    name: 'drafts of unfinished steps, consecutive worker losses',
    sql: `
      -- What has arrived of a step that is not finished yet (a lesson waiting for repairs of its
      -- broken parts, a plan part waiting for new terms): saved the moment each answer arrives,
      -- so a crash pays only for the requests that were open, never for an answer received.
      -- Replaced by the step's checkpoint when the step is done (checkpoint-store.ts).
      CREATE TABLE step_drafts (
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        draft_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (job_id, step)
      );
      -- Worker losses (a crash, a kill, a hang) in a row with no newly saved step or draft in
      -- between: only these fail a job for good, so an outside kill of a job that makes progress
      -- never does. 'attempts' still counts every run.
      ALTER TABLE jobs ADD COLUMN losses INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 9,
    name: 'what answers have needed',
    sql: `
      -- The sizes of recent answers (usage.completion_tokens), per model and kind of request
      -- ('lesson', 'outline-part', …), newest last: the room each request gets is learned from
      -- them (core/pacing/answer-sizes.ts), and a new run starts with what the last one learned.
      CREATE TABLE answer_sizes (
        model TEXT NOT NULL,
        kind TEXT NOT NULL,
        samples_json TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (model, kind)
      );
    `,
  },
  {
    version: 10,
    name: 'Batch API batches and their lines',
    sql: `
      -- A batch of requests sent through the provider's Batch API (core/batch). id is ours, also put
      -- in the provider batch's metadata, so a crash between "create" and saving the provider's id
      -- finds the batch again instead of submitting its lines twice; provider_batch_id is NULL
      -- until then ('submitting'). results_read_at: the output and error files are read into
      -- batch_lines, and the batch needs nothing more.
      CREATE TABLE batches (
        id TEXT PRIMARY KEY,
        provider_batch_id TEXT UNIQUE,
        model TEXT NOT NULL,
        round TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('submitting','validating','in_progress','finalizing','completed','failed','expired','cancelling','cancelled')),
        input_file_id TEXT,
        output_file_id TEXT,
        error_file_id TEXT,
        total INTEGER NOT NULL DEFAULT 0,
        completed INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        token_limited INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        submitted_at INTEGER,
        completed_at INTEGER,
        results_read_at INTEGER,
        polls INTEGER NOT NULL DEFAULT 0,
        next_poll_at INTEGER
      );
      CREATE INDEX batches_open ON batches (results_read_at, next_poll_at);

      -- One step's request in batch mode: 'pending' (waits for the next round's file),
      -- 'submitted' (in batch_id), 'answered' (answer_json waits for the step's accept / repair
      -- path), 'done' (the step's checkpoint holds it), 'failed' (the provider refused the request
      -- itself, a 400), 'live' (to be asked live: the provider has no Batch API, or the request
      -- alone is over its batch queue; the live answer is then stored as 'answered').
      -- custom_id is '<job id>/<step key>#<hash of the body>'.
      CREATE TABLE batch_lines (
        custom_id TEXT PRIMARY KEY,
        job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending','submitted','answered','done','failed','live')),
        batch_id TEXT REFERENCES batches (id),
        model TEXT NOT NULL,
        request_json TEXT NOT NULL,
        answer_json TEXT,
        error TEXT,
        submissions INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX batch_lines_job ON batch_lines (job_id, state);
      CREATE INDEX batch_lines_batch ON batch_lines (batch_id, state);
      CREATE INDEX batch_lines_pending ON batch_lines (state, model, created_at);
    `,
  },
  {
    version: 11,
    name: 'usage answered through the Batch API',
    sql: `
      -- The part of a job's usage (requests, prompt_tokens, completion_tokens) that the Batch API
      -- answered: billed at half the live price (shared/pricing.ts). A batch-mode job's lines that
      -- were asked live (no Batch API, a request over the queue limit) stay in the live part.
      ALTER TABLE jobs ADD COLUMN batch_requests INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE jobs ADD COLUMN batch_prompt_tokens INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE jobs ADD COLUMN batch_completion_tokens INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 12,
    name: "a schedule's batch mode",
    sql: `
      -- 1: the schedule queues batch-mode jobs (the Batch API), 0: live jobs, NULL: as the app's
      -- Settings say ("Scheduled runs use the Batch API") when it fires.
      ALTER TABLE schedules ADD COLUMN batch INTEGER;
    `,
  },
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS.at(-1)!.version;
  if (current > latest) {
    throw new Error(`the queue database was written by a newer FluentPro (schema ${current}, this one knows ${latest}): update FluentPro`);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
