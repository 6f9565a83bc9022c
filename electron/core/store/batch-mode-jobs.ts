import type Database from 'better-sqlite3';
import type { JobStore } from './job-store.js';

// Which jobs are in batch mode (settings_json's mode = 'batch'), kept apart from job-store.ts.
// The live queue never claims them (JobStore.claimNext); the batch runner works them by id.

/** Queued batch-mode course jobs, oldest first: what the batch runner works. */
export function queuedBatchJobs(db: Database.Database): string[] {
  return db.prepare(`SELECT id FROM jobs WHERE state = 'queued' AND kind = 'course' AND json_extract(settings_json, '$.mode') = 'batch' ORDER BY seq`).pluck().all() as string[];
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
