import { batchWaitNote, rateLimitNote, type JobSummary } from '../../../../../electron/shared/jobs.js';
import { elapsedMs, etaMs, formatCost, formatDuration, formatTokens } from '../../../lib/format.js';

export interface JobActions {
  cancel(job: JobSummary): void;
  retry(job: JobSummary): void;
  remove(job: JobSummary): void;
  reveal(job: JobSummary): void;
  open(job: JobSummary): void;
  details(job: JobSummary): void;
  /** Opens the finished course in the viewer. */
  read(job: JobSummary): void;
}

const STATE_LABEL: Record<JobSummary['state'], string> = { queued: 'Queued', running: 'Running', succeeded: 'Finished', failed: 'Failed', cancelled: 'Cancelled' };

export function JobRow({ job, now, actions, canRevealFiles }: { job: JobSummary; now: number; actions: JobActions; canRevealFiles: boolean }) {
  const elapsed = elapsedMs(job, now);
  const eta = etaMs(job, now);
  const cost = formatCost(job);
  const percent = job.lessonsTotal ? Math.round((job.lessonsDone / job.lessonsTotal) * 100) : 0;
  const waiting = rateLimitNote(job, now) ?? batchWaitNote(job);
  return (
    <article className={`job-row state-${job.state}`} aria-label={`${job.title}, ${STATE_LABEL[job.state]}`}>
      <div className="job-main">
        <button type="button" className="job-title link" onClick={() => actions.details(job)} aria-label={`Details of ${job.title}`}>
          {job.title}
        </button>
        <span className="job-meta">
          {job.language} · {job.level} · {job.provider === 'demo' ? 'demo' : `${job.provider} · ${job.model}`}
        </span>
      </div>
      <div className="job-progress">
        <div role="progressbar" aria-label={`Lessons of ${job.title}`} aria-valuemin={0} aria-valuemax={job.lessonsTotal} aria-valuenow={job.lessonsDone} aria-valuetext={`${job.lessonsDone} of ${job.lessonsTotal} lessons`} className="bar">
          <div className="bar-fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="job-numbers">
          {job.lessonsDone}/{job.lessonsTotal} lessons
          {elapsed !== undefined && ` · ${formatDuration(elapsed)}`}
          {eta !== undefined && ` · about ${formatDuration(eta)} left`}
          {` · ${formatTokens(job)}`}
          {cost && ` · ${cost}`}
        </span>
        {job.state === 'failed' && job.error && <span className="job-error">{job.error}</span>}
        {waiting && (
          <span className="job-waiting" role="status">
            {waiting[0]!.toUpperCase() + waiting.slice(1)}
            {job.waitingReason ? ` (${job.waitingReason})` : ''}
          </span>
        )}
      </div>
      <span className={`job-state badge-${job.state}`}>{job.cancelRequested && job.state === 'running' ? 'Cancelling…' : STATE_LABEL[job.state]}</span>
      <div className="job-actions">
        {(job.state === 'queued' || job.state === 'running') && (
          <button type="button" onClick={() => actions.cancel(job)} aria-label={`Cancel ${job.title}`} disabled={job.cancelRequested}>
            Cancel
          </button>
        )}
        {(job.state === 'failed' || job.state === 'cancelled') && (
          <button type="button" onClick={() => actions.retry(job)} aria-label={`Retry ${job.title}`}>
            Retry
          </button>
        )}
        {job.state === 'succeeded' && (
          <button type="button" onClick={() => actions.read(job)} aria-label={`Read ${job.title}`}>
            Read
          </button>
        )}
        {job.state === 'succeeded' && canRevealFiles && (
          <>
            <button type="button" onClick={() => actions.open(job)} aria-label={`Open ${job.title}`}>
              Open
            </button>
            <button type="button" onClick={() => actions.reveal(job)} aria-label={`Show ${job.title} in Finder`}>
              Show in Finder
            </button>
          </>
        )}
        <button type="button" onClick={() => actions.details(job)} aria-label={`Log of ${job.title}`}>
          Log
        </button>
        {(job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled') && (
          <button type="button" onClick={() => actions.remove(job)} aria-label={`Remove ${job.title}`}>
            Remove
          </button>
        )}
      </div>
    </article>
  );
}
