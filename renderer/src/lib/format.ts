import type { JobSummary } from '../../../electron/shared/jobs.js';
import { formatUsd, jobCostUsd } from '../../../electron/shared/pricing.js';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** Elapsed time of a job, running or finished. */
export function elapsedMs(job: JobSummary, now: number): number | undefined {
  if (!job.startedAt) return undefined;
  return (job.finishedAt ? Date.parse(job.finishedAt) : now) - Date.parse(job.startedAt);
}

/** Time left, from the pace of the lessons done so far; undefined until one lesson is done. */
export function etaMs(job: JobSummary, now: number): number | undefined {
  const elapsed = elapsedMs(job, now);
  if (job.state !== 'running' || !elapsed || job.lessonsDone === 0) return undefined;
  return (elapsed / job.lessonsDone) * (job.lessonsTotal - job.lessonsDone);
}

export function formatTokens(job: JobSummary): string {
  const total = job.usage.promptTokens + job.usage.completionTokens;
  return total >= 10_000 ? `${(total / 1000).toFixed(0)}k tokens` : `${total} tokens`;
}

/** The job's cost in dollars; what the Batch API answered is at the batch price (half). */
export function formatCost(job: JobSummary): string {
  return formatUsd(jobCostUsd(job));
}
