import type { JobSummary } from '../../shared/jobs.js';
import type { ScheduleRunView } from '../../shared/schedules.js';

export interface Notice {
  title: string;
  body: string;
}

/**
 * What deserves a notification, from the service's events: a course that finished or failed,
 * once; the jobs of a schedule's run are told together when the last of them finishes ("nightly:
 * 3 courses written, 1 failed") instead of one by one. Cancelled jobs are not told (someone did it).
 */
export class NotificationFeed {
  readonly #notify: (notice: Notice) => void;
  readonly #since: number;
  readonly #told = new Set<string>();
  /** Jobs of schedule runs not yet finished, by job id, with their batch. */
  readonly #batchOf = new Map<string, Batch>();

  constructor(notify: (notice: Notice) => void, options: { now?: () => number } = {}) {
    this.#notify = notify;
    // Jobs that finished before this process started are not news.
    this.#since = (options.now ?? Date.now)() - 1000;
  }

  jobsChanged(jobs: JobSummary[]): void {
    for (const job of jobs) {
      if (job.state !== 'succeeded' && job.state !== 'failed' && job.state !== 'cancelled') continue;
      if (this.#told.has(job.id) || !job.finishedAt || Date.parse(job.finishedAt) < this.#since) continue;
      this.#told.add(job.id);
      const batch = this.#batchOf.get(job.id);
      if (batch) {
        this.#batchOf.delete(job.id);
        batch.done.set(job.id, job.state);
        if (batch.done.size === batch.jobIds.size) this.#notify(batchNotice(batch));
      } else if (job.state === 'succeeded') this.#notify({ title: 'Course written', body: `${job.title} is ready.` });
      else if (job.state === 'failed') this.#notify({ title: 'Course failed', body: `${job.title}: ${job.error ?? 'it could not be written'}` });
    }
  }

  scheduleRan(run: ScheduleRunView): void {
    const jobIds = new Set(run.queued.map((q) => q.jobId).filter((id) => !this.#told.has(id)));
    if (!jobIds.size) {
      if (run.invalid.length) this.#notify({ title: `Schedule “${run.scheduleName}”`, body: `Nothing queued: ${specs(run.invalid.length)} not valid. Open FluentPro to see why.` });
      return;
    }
    const batch: Batch = { schedule: run.scheduleName, jobIds, done: new Map(), invalid: run.invalid.length };
    for (const id of jobIds) this.#batchOf.set(id, batch);
  }
}

interface Batch {
  schedule: string;
  jobIds: Set<string>;
  done: Map<string, string>;
  invalid: number;
}

function batchNotice(batch: Batch): Notice {
  const states = [...batch.done.values()];
  const written = states.filter((s) => s === 'succeeded').length;
  const failed = states.filter((s) => s === 'failed').length;
  const cancelled = states.filter((s) => s === 'cancelled').length;
  const parts = [`${written} course${written === 1 ? '' : 's'} written`];
  if (failed) parts.push(`${failed} failed`);
  if (cancelled) parts.push(`${cancelled} cancelled`);
  if (batch.invalid) parts.push(`${specs(batch.invalid)} not valid`);
  return { title: failed || batch.invalid ? `Schedule “${batch.schedule}” finished with problems` : `Schedule “${batch.schedule}” finished`, body: `${parts.join(', ')}.` };
}

const specs = (n: number) => `${n} spec${n === 1 ? '' : 's'}`;
