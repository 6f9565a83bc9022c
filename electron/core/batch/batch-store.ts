import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { LlmAnswer } from '../providers/provider.js';
import { FIRST_POLL_MS, isFinished, pollDelayMs, type BatchSnapshot, type BatchState } from './batch-client.js';
import { parseCustomId, type BatchRequest } from './batch-line.js';
import type { BatchResults } from './jsonl-reader.js';
import { batchProgress, type BatchProgress } from '../store/batch-mode-jobs.js';

// The durable half of batch mode: which lines wait, which batch holds each, what came back.
// Every change that moves lines is one transaction, so a crash never leaves a line in two
// batches or an answer half-recorded. Tables: migration 10 (core/store/migrations.ts).

export type LineState = 'pending' | 'submitted' | 'answered' | 'done' | 'failed' | 'live';
export type StoredBatchState = 'submitting' | BatchState;

export interface StoredLine {
  customId: string;
  jobId: string;
  step: string;
  state: LineState;
  batchId?: string;
  request: BatchRequest;
  /** The answer, once it arrived (`answered`). */
  answer?: LlmAnswer;
  error?: string;
  /** How many batches this line was put in. */
  submissions: number;
}

export interface StoredBatch {
  /** Ours; also the provider batch's `fluentpro_batch` metadata. */
  id: string;
  providerBatchId?: string;
  model: string;
  /** Which round it carries ("plan 1", "lessons", "repairs 1"). */
  round: string;
  state: StoredBatchState;
  inputFileId?: string;
  outputFileId?: string;
  errorFileId?: string;
  counts: { total: number; completed: number; failed: number };
  error?: string;
  tokenLimited: boolean;
  createdAt: number;
  submittedAt?: number;
  completedAt?: number;
  resultsReadAt?: number;
  polls: number;
  nextPollAt?: number;
}

/** The metadata key that names our batch id in the provider's batch. */
export const BATCH_METADATA_KEY = 'fluentpro_batch';

interface LineRow {
  custom_id: string;
  job_id: string;
  step: string;
  state: LineState;
  batch_id: string | null;
  request_json: string;
  answer_json: string | null;
  error: string | null;
  submissions: number;
}

interface BatchRow {
  id: string;
  provider_batch_id: string | null;
  model: string;
  round: string;
  state: StoredBatchState;
  input_file_id: string | null;
  output_file_id: string | null;
  error_file_id: string | null;
  total: number;
  completed: number;
  failed: number;
  error: string | null;
  token_limited: number;
  created_at: number;
  submitted_at: number | null;
  completed_at: number | null;
  results_read_at: number | null;
  polls: number;
  next_poll_at: number | null;
}

export class BatchStore {
  readonly #db: Database.Database;
  readonly #now: () => number;

  /** `db` has been migrated (JobStore opens and migrates it). */
  constructor(db: Database.Database, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  /** Adds steps' requests as pending lines; a line already known (any state) is left as it is. Returns how many were new. */
  addLines(requests: readonly BatchRequest[]): number {
    const now = this.#now();
    const insert = this.#db.prepare(
      `INSERT INTO batch_lines (custom_id, job_id, step, state, model, request_json, created_at, updated_at)
       VALUES (?, ?, ?, 'pending', ?, ?, ?, ?) ON CONFLICT (custom_id) DO NOTHING`,
    );
    return this.#db.transaction(() => {
      let added = 0;
      for (const request of requests) {
        const id = parseCustomId(request.customId);
        if (!id) throw new TypeError(`Expected a custom_id "<job id>/<step>", got \`${request.customId}\``);
        added += insert.run(request.customId, id.jobId, id.step, request.body.model, JSON.stringify(request.body), now, now).changes;
      }
      return added;
    })();
  }

  /** Lines waiting for a batch, oldest first; of one model when given. */
  pending(model?: string): StoredLine[] {
    const rows = model
      ? this.#db.prepare(`SELECT * FROM batch_lines WHERE state = 'pending' AND model = ? ORDER BY created_at, rowid`).all(model)
      : this.#db.prepare(`SELECT * FROM batch_lines WHERE state = 'pending' ORDER BY created_at, rowid`).all();
    return (rows as LineRow[]).map(lineOf);
  }

  line(customId: string): StoredLine | undefined {
    const row = this.#db.prepare('SELECT * FROM batch_lines WHERE custom_id = ?').get(customId) as LineRow | undefined;
    return row ? lineOf(row) : undefined;
  }

  /**
   * Before the upload: a new batch (ours, 'submitting') takes the lines, all of which must be
   * pending, so no line is ever in two batches. Put the returned id in the provider batch's
   * metadata (`BATCH_METADATA_KEY`).
   */
  beginSubmission(model: string, round: string, customIds: readonly string[]): string {
    if (customIds.length === 0) throw new TypeError('Expected `customIds` to hold at least one custom_id');
    const id = `fpb-${randomUUID()}`;
    const now = this.#now();
    this.#db.transaction(() => {
      this.#db.prepare(`INSERT INTO batches (id, model, round, state, total, created_at) VALUES (?, ?, ?, 'submitting', ?, ?)`).run(id, model, round, customIds.length, now);
      const take = this.#db.prepare(
        `UPDATE batch_lines SET state = 'submitted', batch_id = ?, submissions = submissions + 1, updated_at = ? WHERE custom_id = ? AND state = 'pending' AND model = ?`,
      );
      for (const customId of customIds) {
        if (take.run(id, now, customId, model).changes !== 1) throw new Error(`the line ${customId} is not waiting for a batch of ${model}`);
      }
    })();
    return id;
  }

  /** The provider created the batch: its id and first state, and the first poll in a minute. */
  recordSubmitted(id: string, snapshot: BatchSnapshot): void {
    const now = this.#now();
    this.#db
      .prepare(`UPDATE batches SET provider_batch_id = ?, input_file_id = ?, state = ?, submitted_at = ?, next_poll_at = ? WHERE id = ? AND state = 'submitting'`)
      .run(snapshot.id, snapshot.inputFileId, snapshot.state, snapshot.createdAt || now, now + FIRST_POLL_MS, id);
  }

  /** The submission never reached the provider (the upload or create failed): its lines wait again. */
  abandonSubmission(id: string): void {
    this.#db.transaction(() => {
      this.#db.prepare(`UPDATE batch_lines SET state = 'pending', batch_id = NULL, submissions = submissions - 1, updated_at = ? WHERE batch_id = ? AND state = 'submitted'`).run(this.#now(), id);
      this.#db.prepare(`DELETE FROM batches WHERE id = ? AND state = 'submitting'`).run(id);
    })();
  }

  /** A poll's answer: state, counts, files, and when to poll next (a minute, doubling to ten). */
  recordPoll(id: string, snapshot: BatchSnapshot): void {
    const row = this.#batchRow(id);
    if (!row) return;
    const now = this.#now();
    const finished = isFinished(snapshot.state);
    this.#db
      .prepare(
        `UPDATE batches SET state = ?, total = ?, completed = ?, failed = ?, output_file_id = ?, error_file_id = ?, error = ?, token_limited = ?,
           completed_at = ?, polls = polls + 1, next_poll_at = ? WHERE id = ?`,
      )
      .run(
        snapshot.state,
        snapshot.counts.total || row.total,
        snapshot.counts.completed,
        snapshot.counts.failed,
        snapshot.outputFileId ?? null,
        snapshot.errorFileId ?? null,
        snapshot.errors.length ? snapshot.errors.join('; ') : null,
        snapshot.tokenLimited ? 1 : 0,
        finished ? (snapshot.finishedAt ?? now) : null,
        finished ? null : now + pollDelayMs(row.polls + 1),
        id,
      );
  }

  /**
   * A finished batch's files, read: answers wait for their steps' checks; lines that never ran,
   * failed for a passing reason or are missing wait for the next round; a request the provider
   * refused is failed with its reason. Only lines still in this batch are touched, so a late or
   * repeated read changes nothing. A token-limited batch ran nothing: its lines wait again.
   */
  applyResults(id: string, results: BatchResults | undefined): void {
    const now = this.#now();
    this.#db.transaction(() => {
      const again = this.#db.prepare(`UPDATE batch_lines SET state = 'pending', batch_id = NULL, error = ?, updated_at = ? WHERE custom_id = ? AND batch_id = ? AND state = 'submitted'`);
      if (results) {
        const answer = this.#db.prepare(`UPDATE batch_lines SET state = 'answered', answer_json = ?, error = NULL, updated_at = ? WHERE custom_id = ? AND batch_id = ? AND state = 'submitted'`);
        const fail = this.#db.prepare(`UPDATE batch_lines SET state = 'failed', error = ?, updated_at = ? WHERE custom_id = ? AND batch_id = ? AND state = 'submitted'`);
        for (const outcome of results.outcomes.values()) {
          if (outcome.kind === 'answer') answer.run(JSON.stringify(outcome.answer), now, outcome.customId, id);
          else if (outcome.retryable) again.run(outcome.message, now, outcome.customId, id);
          else fail.run(outcome.message, now, outcome.customId, id);
        }
      }
      // Whatever is still in the batch (missing from both files, or no results at all) waits again.
      this.#db.prepare(`UPDATE batch_lines SET state = 'pending', batch_id = NULL, updated_at = ? WHERE batch_id = ? AND state = 'submitted'`).run(now, id);
      this.#db.prepare(`UPDATE batches SET results_read_at = ?, next_poll_at = NULL WHERE id = ?`).run(now, id);
    })();
  }

  /** Pending lines to be asked live instead (`reason` is kept as the line's error, for the log). */
  markLive(customIds: readonly string[], reason: string): void {
    const live = this.#db.prepare(`UPDATE batch_lines SET state = 'live', error = ?, updated_at = ? WHERE custom_id = ? AND state = 'pending'`);
    const now = this.#now();
    this.#db.transaction(() => customIds.forEach((id) => live.run(reason, now, id)))();
  }

  /** A line's live answer, kept like a batch answer: a replay of the job finds it instead of paying again. */
  recordLiveAnswer(customId: string, answer: LlmAnswer): void {
    this.#db.prepare(`UPDATE batch_lines SET state = 'answered', answer_json = ?, updated_at = ? WHERE custom_id = ? AND state = 'live'`).run(JSON.stringify(answer), this.#now(), customId);
  }

  /** Answers that wait for their steps' accept / repair path; of one job when given. */
  answered(jobId?: string): StoredLine[] {
    const rows = jobId
      ? this.#db.prepare(`SELECT * FROM batch_lines WHERE state = 'answered' AND job_id = ? ORDER BY created_at, rowid`).all(jobId)
      : this.#db.prepare(`SELECT * FROM batch_lines WHERE state = 'answered' ORDER BY created_at, rowid`).all();
    return (rows as LineRow[]).map(lineOf);
  }

  /**
   * The step's checkpoint holds the answer now: the line is done (its answer dropped). Call it in
   * the transaction that saves the checkpoint, so the two never disagree after a crash.
   */
  /** A job that succeeded: every answered line of it is done (its answers are no longer kept). */
  markJobDone(jobId: string): void {
    this.#db.prepare(`UPDATE batch_lines SET state = 'done', answer_json = NULL, updated_at = ? WHERE job_id = ? AND state = 'answered'`).run(this.#now(), jobId);
  }

  markDone(customId: string): void {
    this.#db.prepare(`UPDATE batch_lines SET state = 'done', answer_json = NULL, updated_at = ? WHERE custom_id = ? AND state = 'answered'`).run(this.#now(), customId);
  }

  /**
   * Drops a cancelled job's lines. Returns the provider ids of unfinished batches that now hold
   * no other job's lines: cancel those (a batch shared with other jobs runs on; its answers for
   * the dropped job are ignored, as their lines are gone).
   */
  dropJob(jobId: string): string[] {
    return this.#db.transaction(() => {
      const batches = this.#db.prepare(`SELECT DISTINCT batch_id FROM batch_lines WHERE job_id = ? AND state = 'submitted'`).pluck().all(jobId) as string[];
      this.#db.prepare('DELETE FROM batch_lines WHERE job_id = ?').run(jobId);
      const toCancel: string[] = [];
      for (const id of batches) {
        const row = this.#batchRow(id);
        const others = this.#db.prepare(`SELECT COUNT(*) FROM batch_lines WHERE batch_id = ? AND state = 'submitted'`).pluck().get(id) as number;
        if (row?.provider_batch_id && others === 0 && !isFinished(row.state as BatchState)) toCancel.push(row.provider_batch_id);
      }
      return toCancel;
    })();
  }

  /** The custom_ids still waiting in a batch: what its result files are read for. */
  linesOfBatch(id: string): string[] {
    return this.#db.prepare(`SELECT custom_id FROM batch_lines WHERE batch_id = ? AND state = 'submitted' ORDER BY rowid`).pluck().all(id) as string[];
  }

  /** Batches at the provider whose results are not read yet. */
  openBatches(): StoredBatch[] {
    return (this.#db.prepare(`SELECT * FROM batches WHERE provider_batch_id IS NOT NULL AND results_read_at IS NULL ORDER BY created_at`).all() as BatchRow[]).map(batchOf);
  }

  /** Batches whose next poll is due (a poll after quit, sleep or a reboot is simply overdue). */
  dueForPoll(now = this.#now()): StoredBatch[] {
    const rows = this.#db
      .prepare(`SELECT * FROM batches WHERE provider_batch_id IS NOT NULL AND results_read_at IS NULL AND (next_poll_at IS NULL OR next_poll_at <= ?) ORDER BY next_poll_at`)
      .all(now) as BatchRow[];
    return rows.map(batchOf);
  }

  /** Submissions a crash interrupted: look each up by metadata before its lines go again. */
  interruptedSubmissions(): StoredBatch[] {
    return (this.#db.prepare(`SELECT * FROM batches WHERE state = 'submitting' ORDER BY created_at`).all() as BatchRow[]).map(batchOf);
  }

  /** The batches that hold or held a job's lines, newest first (the job's details). */
  batchesOfJob(jobId: string): StoredBatch[] {
    const rows = this.#db
      .prepare(`SELECT * FROM batches WHERE id IN (SELECT batch_id FROM batch_lines WHERE job_id = ? AND batch_id IS NOT NULL) ORDER BY created_at DESC`)
      .all(jobId) as BatchRow[];
    return rows.map(batchOf);
  }

  batch(id: string): StoredBatch | undefined {
    const row = this.#batchRow(id);
    return row ? batchOf(row) : undefined;
  }

  /** "340 of 420 answered, submitted 02:00": a job's lines by progress, and its first submission. */
  progress(jobId: string): BatchProgress {
    return batchProgress(this.#db, jobId);
  }

  #batchRow(id: string): BatchRow | undefined {
    return this.#db.prepare('SELECT * FROM batches WHERE id = ?').get(id) as BatchRow | undefined;
  }
}

function lineOf(row: LineRow): StoredLine {
  return {
    customId: row.custom_id,
    jobId: row.job_id,
    step: row.step,
    state: row.state,
    ...(row.batch_id ? { batchId: row.batch_id } : {}),
    request: { customId: row.custom_id, body: JSON.parse(row.request_json) as BatchRequest['body'] },
    ...(row.answer_json ? { answer: JSON.parse(row.answer_json) as LlmAnswer } : {}),
    ...(row.error ? { error: row.error } : {}),
    submissions: row.submissions,
  };
}

function batchOf(row: BatchRow): StoredBatch {
  return {
    id: row.id,
    ...(row.provider_batch_id ? { providerBatchId: row.provider_batch_id } : {}),
    model: row.model,
    round: row.round,
    state: row.state,
    ...(row.input_file_id ? { inputFileId: row.input_file_id } : {}),
    ...(row.output_file_id ? { outputFileId: row.output_file_id } : {}),
    ...(row.error_file_id ? { errorFileId: row.error_file_id } : {}),
    counts: { total: row.total, completed: row.completed, failed: row.failed },
    ...(row.error ? { error: row.error } : {}),
    tokenLimited: row.token_limited === 1,
    createdAt: row.created_at,
    ...(row.submitted_at ? { submittedAt: row.submitted_at } : {}),
    ...(row.completed_at ? { completedAt: row.completed_at } : {}),
    ...(row.results_read_at ? { resultsReadAt: row.results_read_at } : {}),
    polls: row.polls,
    ...(row.next_poll_at ? { nextPollAt: row.next_poll_at } : {}),
  };
}
