import type Database from 'better-sqlite3';
import type { BatchView } from '../../shared/jobs.js';
import type { JobStore } from './job-store.js';

// Which jobs are in batch mode (settings_json's mode = 'batch'), kept apart from job-store.ts.
// The live queue never claims them (JobStore.claimNext); the batch runner works them by id.

/** Queued batch-mode course jobs, oldest first: what the batch runner works. */
export function queuedBatchJobs(db: Database.Database): string[] {
  return db.prepare(`SELECT id FROM jobs WHERE state = 'queued' AND kind = 'course' AND json_extract(settings_json, '$.mode') = 'batch' ORDER BY seq`).pluck().all() as string[];
}

/**
 * Where a job's batches live: the provider and base URL it was queued with (`demo` has none).
 * Its batches can be polled, and its next rounds sent, only through that provider: a process set
 * to another one (Settings changed since, `run --base-url …`) leaves the job queued.
 */
export function batchProviderOf(settings: { provider?: string; baseURL?: string }): string {
  if (settings.provider === 'demo') return 'demo';
  return (settings.baseURL?.trim() || 'https://api.openai.com/v1').replace(/\/+$/, '');
}

/** Of these batch-mode jobs, those queued for `current`'s provider, and the others with theirs. */
export function byBatchProvider(db: Database.Database, ids: readonly string[], current: { provider?: string; baseURL?: string }): { mine: string[]; others: { id: string; provider: string }[] } {
  const here = batchProviderOf(current);
  const settingsOf = db.prepare(`SELECT settings_json FROM jobs WHERE id = ?`).pluck();
  const mine: string[] = [];
  const others: { id: string; provider: string }[] = [];
  for (const id of ids) {
    const json = settingsOf.get(id) as string | undefined;
    const provider = batchProviderOf(json ? (JSON.parse(json) as { provider?: string; baseURL?: string }) : {});
    if (provider === here) mine.push(id);
    else others.push({ id, provider });
  }
  return { mine, others };
}

/** Whether a job runs through the Batch API. */
export function isBatchModeJob(db: Database.Database, id: string): boolean {
  return db.prepare(`SELECT 1 FROM jobs WHERE id = ? AND json_extract(settings_json, '$.mode') = 'batch'`).get(id) !== undefined;
}

/**
 * Queued batch-mode jobs become live jobs, with the reason in their log (the provider has no
 * Batch API): the live queue runs them from then on, and their cost is the live price.
 */
export function switchToLive(store: JobStore, ids: readonly string[], reason: string): void {
  const update = store.db.prepare(`UPDATE jobs SET settings_json = json_remove(settings_json, '$.mode'), updated_at = ? WHERE id = ? AND state = 'queued' AND json_extract(settings_json, '$.mode') = 'batch'`);
  store.db.transaction(() => {
    for (const id of ids) if (update.run(Date.now(), id).changes) store.log(id, 'warn', `runs live: ${reason}`);
  })();
}

/** A batch-mode job's requests so far: how many, how many answered, and its first submission. */
export interface BatchProgress {
  lines: number;
  answered: number;
  waiting: number;
  failed: number;
  firstSubmittedAt?: number;
}

/** "340 of 420 answered, submitted 02:00": a job's lines by progress, and its first submission (batch_lines, migration 10). */
export function batchProgress(db: Database.Database, jobId: string): BatchProgress {
  const counts = db.prepare(`SELECT state, COUNT(*) AS n FROM batch_lines WHERE job_id = ? GROUP BY state`).all(jobId) as { state: string; n: number }[];
  const n = (s: string) => counts.find((c) => c.state === s)?.n ?? 0;
  const first = db
    .prepare(`SELECT MIN(b.submitted_at) FROM batches b WHERE b.id IN (SELECT batch_id FROM batch_lines WHERE job_id = ? AND batch_id IS NOT NULL)`)
    .pluck()
    .get(jobId) as number | null;
  return {
    lines: counts.reduce((sum, c) => sum + c.n, 0),
    answered: n('answered') + n('done'),
    waiting: n('pending') + n('submitted') + n('live'),
    failed: n('failed'),
    ...(first ? { firstSubmittedAt: first } : {}),
  };
}

/** The batches that hold or held a job's lines, newest first, as the job's details show them. */
export function batchViewsOfJob(db: Database.Database, jobId: string): BatchView[] {
  const rows = db
    .prepare(
      `SELECT id, provider_batch_id, round, state, total, completed, failed, created_at, submitted_at, completed_at FROM batches
       WHERE id IN (SELECT batch_id FROM batch_lines WHERE job_id = ? AND batch_id IS NOT NULL) ORDER BY created_at DESC`,
    )
    .all(jobId) as { id: string; provider_batch_id: string | null; round: string; state: string; total: number; completed: number; failed: number; created_at: number; submitted_at: number | null; completed_at: number | null }[];
  return rows.map((r) => ({
    id: r.provider_batch_id ?? r.id,
    round: r.round,
    state: r.state,
    counts: { total: r.total, completed: r.completed, failed: r.failed },
    createdAt: new Date(r.submitted_at ?? r.created_at).toISOString(),
    ...(r.completed_at ? { completedAt: new Date(r.completed_at).toISOString() } : {}),
  }));
}

/**
 * Sets a batch-mode job's usage from the answers its lines hold: every answer it was paid for
 * once, and of those, what the Batch API answered (billed at half; a line asked live has no
 * batch). Call it before the lines are marked done (that drops their answers).
 */
export function recordBatchJobUsage(db: Database.Database, jobId: string, now: number): void {
  const sum = db
    .prepare(
      `SELECT COUNT(*) AS requests, COALESCE(SUM(json_extract(answer_json, '$.promptTokens')), 0) AS prompt, COALESCE(SUM(json_extract(answer_json, '$.completionTokens')), 0) AS completion,
         COALESCE(SUM(batch_id IS NOT NULL), 0) AS batchRequests,
         COALESCE(SUM(CASE WHEN batch_id IS NOT NULL THEN json_extract(answer_json, '$.promptTokens') END), 0) AS batchPrompt,
         COALESCE(SUM(CASE WHEN batch_id IS NOT NULL THEN json_extract(answer_json, '$.completionTokens') END), 0) AS batchCompletion
       FROM batch_lines WHERE job_id = ? AND state = 'answered' AND answer_json IS NOT NULL`,
    )
    .get(jobId) as { requests: number; prompt: number; completion: number; batchRequests: number; batchPrompt: number; batchCompletion: number };
  if (sum.requests === 0) return;
  db.prepare(
    `UPDATE jobs SET requests = ?, prompt_tokens = ?, completion_tokens = ?, batch_requests = ?, batch_prompt_tokens = ?, batch_completion_tokens = ?, updated_at = ? WHERE id = ?`,
  ).run(sum.requests, sum.prompt, sum.completion, sum.batchRequests, sum.batchPrompt, sum.batchCompletion, now, jobId);
}
