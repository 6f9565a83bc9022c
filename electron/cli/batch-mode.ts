import type { JobStore } from '../core/store/job-store.js';
import { queuedBatchJobs as queuedBatchJobsOf } from '../core/store/batch-mode-jobs.js';

// What the commands need to know about batch mode before loading it (batch-jobs.ts loads the
// openai SDK and the engine, so `generate` without --batch and `run` with no batch job never do).

/** Whether `generate` should queue its jobs in batch mode: `--batch`, or FLUENTPRO_BATCH=1. */
export function batchRequested(flag: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return flag === true || /^(1|true|yes)$/i.test(env.FLUENTPRO_BATCH ?? '');
}

/** Queued batch-mode jobs (what `run` resumes before the live queue). */
export function queuedBatchJobs(store: JobStore): string[] {
  return queuedBatchJobsOf(store.db);
}
