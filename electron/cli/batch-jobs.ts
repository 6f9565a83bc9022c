import type { EngineSettings } from '../core/config/settings.js';
import { BatchJobWork } from '../core/batch/batch-job-work.js';
import { batchProgress } from '../core/store/batch-mode-jobs.js';
import type { JobStore } from '../core/store/job-store.js';
import { readQueuePause } from '../core/store/queue-pause.js';
import { describeUntil } from './commands/pause.js';

// Batch-mode jobs, run in the command's own process (`generate --batch`, and `run` resuming
// them): a loop of BatchJobWork passes (core/batch/batch-job-work.ts, which the app's poller
// also runs), sleeping until the earliest poll is due. A job waiting for a batch is simply
// queued: a kill -9 or a Ctrl-C leaves nothing to recover, and the next `generate --batch` or
// `run` carries on from the batch store without submitting a line twice.

/**
 * Test only: the batch clock runs this many times faster than real time (from a fixed epoch, the
 * same in every process), so the documented poll backoff (a minute, doubling up to ten) takes
 * milliseconds. Hidden: not in the help or the docs a user reads.
 */
export const BATCH_SPEEDUP_ENV = 'FLUENTPRO_TEST_BATCH_SPEEDUP';
const SPEEDUP_EPOCH = 1_700_000_000_000;

export interface BatchRunOptions {
  store: JobStore;
  settings: EngineSettings;
  jobIds: string[];
  env: NodeJS.ProcessEnv;
  /** Progress and notices, one line each ("waiting for the batch: 340 of 420 answered, submitted 02:00"). */
  say: (line: string) => void;
  signal?: AbortSignal;
}

export type BatchRunResult =
  | { outcome: 'finished' }
  | { outcome: 'interrupted' }
  /** The provider has no Batch API: the jobs were left queued as live jobs, for the live queue. */
  | { outcome: 'unsupported'; message: string };

export async function runBatchJobs(options: BatchRunOptions): Promise<BatchRunResult> {
  const { store, settings, say, signal } = options;
  const speed = Number(options.env[BATCH_SPEEDUP_ENV]) || 1;
  const now = speed === 1 ? Date.now : () => SPEEDUP_EPOCH + (Date.now() - SPEEDUP_EPOCH) * speed;
  const work = new BatchJobWork({ store, settings: () => settings, now, say, signal });
  // A paused queue (`fluentpro pause`) starts no new batch job, as it starts no live one; a job
  // whose requests are already at the provider goes on (the app's poller does the same).
  let held = options.jobIds;
  let toldPause = false;
  const startWhatMayStart = () => {
    const pause = readQueuePause(store.db, Date.now());
    const mayStart = held.filter((id) => !pause || batchProgress(store.db, id).lines > 0);
    held = held.filter((id) => !mayStart.includes(id));
    work.add(mayStart);
    if (pause && held.length && !toldPause) {
      say(`the queue is paused until ${describeUntil(pause)}: ${held.length} batch job${held.length === 1 ? '' : 's'} wait${held.length === 1 ? 's' : ''} until then ("fluentpro resume" to start now)`);
      toldPause = true;
    }
    return pause;
  };
  startWhatMayStart();
  store.recoverOrphans();
  store.registerOwner(work.ownerId);
  try {
    while (work.open.size || held.length) {
      if (signal?.aborted) return { outcome: 'interrupted' };
      if (held.length) {
        const pause = startWhatMayStart();
        if (!work.open.size) {
          // Only held jobs: wait for the pause to end (or a resume from another process).
          const until = pause?.pausedUntil ? Date.parse(pause.pausedUntil) : Infinity;
          await sleep(Math.min(PAUSE_CHECK_MS, Math.max(10, until - Date.now())), signal);
          continue;
        }
      }
      const pass = await work.pass();
      if (pass.unsupported) return { outcome: 'unsupported', message: pass.unsupported };
      if (pass.again || !work.open.size) continue;
      await sleep(Math.max(10, ((pass.nextAt ?? now() + 60_000) - now()) / speed), signal);
    }
    return signal?.aborted ? { outcome: 'interrupted' } : { outcome: 'finished' };
  } finally {
    store.removeOwner(work.ownerId);
  }
}

/** How often a command waiting out a pause looks whether someone resumed the queue. */
const PAUSE_CHECK_MS = 1000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
