import { randomUUID } from 'node:crypto';
import { BatchClient } from '../core/batch/batch-client.js';
import { BatchDriver } from '../core/batch/batch-driver.js';
import { BatchLineProvider } from '../core/batch/batch-line-provider.js';
import { BatchStore, type StoredLine } from '../core/batch/batch-store.js';
import type { EngineSettings } from '../core/config/settings.js';
import type { LlmProvider } from '../core/providers/provider.js';
import { Admission } from '../core/pacing/admission.js';
import type { CourseSpec } from '../core/spec/spec-schema.js';
import type { JobStore } from '../core/store/job-store.js';
import { recordBatchJobUsage, switchToLive } from '../core/store/batch-mode-jobs.js';
import type { DriverEvent } from '../core/batch/batch-driver.js';
import { clockTime, type JobSettings } from '../shared/jobs.js';

// Batch-mode jobs, run in the command's own process (`generate --batch`, and `run` resuming them).
// A batch run is hours of waiting and seconds of CPU, so it needs no worker: each pass replays
// every waiting job's unchanged workflow (produceCourse) with a BatchLineProvider, which serves
// the answers the store holds and turns every other request into a batch line; then the driver
// submits the new lines as a round, or polls the open batches. A job whose replay gets every
// answer writes its course as a live run would, and only then leaves 'queued' (claimed and
// moved to succeeded at once), so a job waiting for a batch is simply queued: a kill -9 or a
// Ctrl-C leaves nothing to recover, and the next `generate --batch` or `run` carries on from
// the batch store (SQLite) without submitting a line twice.

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

/** Plan steps go alone, first (every lesson is asked after the whole plan); then everything else. */
export function planStepsFirst(pending: StoredLine[]): { name: string; lines: StoredLine[] } {
  const plan = pending.filter((l) => l.step.startsWith('outline-part:') || l.step.startsWith('terms:'));
  return plan.length ? { name: 'plan', lines: plan } : { name: 'lessons and repairs', lines: pending };
}

export async function runBatchJobs(options: BatchRunOptions): Promise<BatchRunResult> {
  const { store, settings, say, signal } = options;
  const speed = Number(options.env[BATCH_SPEEDUP_ENV]) || 1;
  const now = speed === 1 ? Date.now : () => SPEEDUP_EPOCH + (Date.now() - SPEEDUP_EPOCH) * speed;
  const batches = new BatchStore(store.db, { now });
  const client = new BatchClient({ apiKey: settings.apiKey ?? 'none', baseURL: settings.baseURL });
  let unsupported: string | undefined;
  // Jobs to replay on the next pass: all at first, then those with new answers.
  const dirty = new Set(options.jobIds);
  const driver = new BatchDriver({
    store: batches,
    client,
    now,
    round: planStepsFirst,
    onAnswered: (ids) => ids.forEach((id) => dirty.add(id)),
    onLive: (lines) => lines.forEach((l) => dirty.add(l.jobId)),
    onEvent: (event) => {
      if (event.type === 'unsupported') unsupported = event.message;
      if (event.type === 'submitted') say(`submitted a batch of ${event.lines} request${event.lines === 1 ? '' : 's'} (${event.round}): ${event.providerBatchId}`);
      if (event.type === 'finished' && event.again) say(`a batch ended ${event.state}: ${event.answered} answered, ${event.again} to ask again`);
      logBatchEvent(store, event);
    },
  });
  const ownerId = `batch-${randomUUID()}`;
  store.recoverOrphans();
  store.registerOwner(ownerId);
  const permits = new Admission({ maxInFlight: 1000 });
  let live: Promise<LlmProvider> | undefined;
  const liveProvider = () => (live ??= import('../core/providers/create-provider.js').then((m) => m.createProvider(settings)));
  const open = new Set(options.jobIds);
  let lastProgress = '';
  let idle = 0;
  try {
    while (open.size) {
      if (signal?.aborted) return { outcome: 'interrupted' };
      for (const id of [...open]) {
        if (store.get(id)?.state !== 'queued') {
          // Cancelled (or taken by another process): its lines go, and a batch holding only them is cancelled.
          open.delete(id);
          await driver.cancelJob(id).catch(() => []);
        }
      }
      const replay = [...open].filter((id) => dirty.has(id));
      dirty.clear();
      await Promise.all(replay.map((id) => replayJob(id)));
      // The board's tokens and cost: every answer so far, the batch's at the batch price.
      for (const id of replay) if (open.has(id)) recordBatchJobUsage(store.db, id, Date.now());
      if (!open.size || signal?.aborted) continue;

      await driver.tick();
      if (unsupported) {
        // The live queue never takes a batch-mode job: these become live jobs, for it to run.
        for (const id of open) batches.dropJob(id);
        switchToLive(store, [...open], unsupported);
        return { outcome: 'unsupported', message: unsupported };
      }
      reportProgress();
      if (dirty.size) continue;
      const next = batches.openBatches().map((b) => b.nextPollAt ?? now()).sort((a, b) => a - b)[0];
      if (next === undefined && batches.pending().length === 0) {
        // Nothing open, nothing to send, no new answer: replay everything once more, in case a
        // line was answered by another process; a run that still cannot move has failed.
        if (++idle > 2) {
          for (const id of open) finish(id, new Error('the batch run stopped making progress (no request waits for a batch)'));
          break;
        }
        open.forEach((id) => dirty.add(id));
        continue;
      }
      idle = 0;
      await sleep(Math.max(10, ((next ?? now() + 60_000) - now()) / speed), signal);
    }
    return signal?.aborted ? { outcome: 'interrupted' } : { outcome: 'finished' };
  } finally {
    store.removeOwner(ownerId);
  }

  async function replayJob(id: string): Promise<void> {
    const { spec, jobSettings } = jobOf(store, id);
    const provider = new BatchLineProvider(id, jobSettings.model, batches, await liveProvider());
    try {
      const { produceCourse } = await import('../core/engine/produce-course.js');
      const { outputPath } = await produceCourse(spec, {
        provider,
        permits,
        settings: { lessonConcurrency: 1000, outDir: jobSettings.outDir, maxAttempts: jobSettings.maxRequestAttempts },
        priority: 0,
        signal,
        jobId: id,
      });
      finish(id, undefined, outputPath);
    } catch (error) {
      // generateCourse reports a lesson that stopped for the batch as failed: a run with any
      // request waiting is waiting, not failing (its real failures show on the last replay).
      if (provider.awaiting.length || (error as { code?: string }).code === 'AWAITING_BATCH' || signal?.aborted) return;
      finish(id, error as Error);
    }
  }

  function finish(id: string, error: Error | undefined, outputPath?: string): void {
    open.delete(id);
    if (!store.claimNext(ownerId, new Set([id]))) return; // cancelled or taken meanwhile
    recordBatchJobUsage(store.db, id, Date.now()); // before markJobDone drops the answers
    if (error) store.moveToFailed(id, error.message);
    else {
      store.moveToSucceeded(id, outputPath!);
      batches.markJobDone(id);
    }
  }

  function reportProgress(): void {
    let lines = 0;
    let answered = 0;
    let first: number | undefined;
    for (const id of open) {
      const p = batches.progress(id);
      lines += p.lines;
      answered += p.answered;
      if (p.firstSubmittedAt !== undefined) first = Math.min(first ?? Infinity, p.firstSubmittedAt);
    }
    const line = `waiting for the batch: ${answered} of ${lines} answered${first === undefined ? '' : `, submitted ${clockTime(first)}`}`;
    if (line !== lastProgress) say(line);
    lastProgress = line;
  }
}

/** What `fluentpro logs` and the job's details say of its batches: each submission, state change, end, expiry and re-submission. */
export function logBatchEvent(store: JobStore, event: DriverEvent): void {
  const say = (jobIds: string[], level: 'info' | 'warn', message: string) => {
    for (const id of jobIds) if (store.get(id)) store.log(id, level, message);
  };
  if (event.type === 'submitted') say(event.jobIds, 'info', `submitted to the Batch API: batch ${event.providerBatchId} (${event.round}, ${event.lines} request${event.lines === 1 ? '' : 's'} in all)`);
  if (event.type === 'state-changed') say(event.jobIds, 'info', `batch ${event.providerBatchId} is ${event.state.replace('_', ' ')}: ${event.counts.completed} of ${event.counts.total} answered`);
  if (event.type === 'finished') {
    const again = event.again ? `; ${event.again} not answered go in the next batch` : '';
    say(event.jobIds, event.state === 'completed' && !event.again ? 'info' : 'warn', `batch ${event.providerBatchId} ${event.state}: ${event.answered} answered${again}`);
  }
}

function jobOf(store: JobStore, id: string): { spec: CourseSpec; jobSettings: JobSettings } {
  const row = store.db.prepare('SELECT spec_json, settings_json FROM jobs WHERE id = ?').get(id) as { spec_json: string; settings_json: string };
  return { spec: JSON.parse(row.spec_json) as CourseSpec, jobSettings: JSON.parse(row.settings_json) as JobSettings };
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
