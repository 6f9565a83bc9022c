import type { JobEvent } from '../../shared/job-events.js';
import type { JobSummary } from '../../shared/jobs.js';

/** A job event before it is stamped with its job and time. */
export type BareJobEvent = DistributiveOmit<JobEvent, 'at' | 'jobId'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * The events that take a job from `before` to `after`, as its own worker would have sent them:
 * how a process reports a job that another process (the app, a second `generate`) runs.
 */
export function followedJobEvents(before: JobSummary, after: JobSummary): BareJobEvent[] {
  const events: BareJobEvent[] = [];
  if (after.outlineDone && !before.outlineDone) events.push({ type: 'outline-done' });
  for (let n = before.lessonsDone + 1; n <= after.lessonsDone; n++) events.push({ type: 'lesson-done', lessonNumber: n, lessonsDone: n, lessonsTotal: after.lessonsTotal });
  if (after.state !== before.state) {
    if (after.state === 'running') events.push({ type: 'job-started' });
    else if (after.state === 'succeeded') events.push({ type: 'job-succeeded', outputPath: after.outputPath ?? '', usage: after.usage });
    else if (after.state === 'failed') events.push({ type: 'job-failed', reason: after.error ?? 'failed' });
    else if (after.state === 'cancelled') events.push({ type: 'job-cancelled' });
  }
  return events;
}
