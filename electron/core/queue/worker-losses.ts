import type { JobStore } from '../store/job-store.js';
import type { BareJobEvent } from './followed-job-events.js';

export interface LossPolicy {
  /** Losses in a row, with nothing saved in between, before the job fails. */
  maxAttempts: number;
  /** Wait before the first retry; doubles with each loss in a row. */
  retryBaseDelayMs: number;
}

/**
 * A running job's worker died (a crash, a kill, a hang): the job is cancelled if that was asked,
 * else retried with backoff, and failed only after `maxAttempts` losses in a row with no step or
 * draft saved in between. A job that makes progress between outside kills (the OOM killer, Force
 * Quit) is never given up; one that dies the same way each time is. Returns the event to tell.
 */
export function settleWorkerLoss(store: JobStore, jobId: string, reason: string, policy: LossPolicy): BareJobEvent | undefined {
  const job = store.get(jobId);
  if (!job || job.state !== 'running') return undefined;
  store.log(jobId, 'error', reason);
  if (job.cancelRequested) {
    store.moveToCancelled(jobId);
    return { type: 'job-cancelled' };
  }
  const losses = store.recordWorkerLoss(jobId);
  if (losses < policy.maxAttempts) {
    const delayMs = policy.retryBaseDelayMs * 2 ** (losses - 1);
    store.moveToQueuedForRetry(jobId, reason, delayMs);
    return { type: 'job-retrying', reason, attempt: job.attempts, delayMs };
  }
  const message = `gave up after ${losses} attempts in a row with no progress: ${reason}`;
  store.moveToFailed(jobId, message);
  return { type: 'job-failed', reason: message };
}
