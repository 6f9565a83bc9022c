import type { EngineSettings } from '../core/config/settings.js';
import { BatchJobWork } from '../core/batch/batch-job-work.js';
import type { JobStore } from '../core/store/job-store.js';

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
  work.add(options.jobIds);
  store.recoverOrphans();
  store.registerOwner(work.ownerId);
  try {
    while (work.open.size) {
      if (signal?.aborted) return { outcome: 'interrupted' };
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
