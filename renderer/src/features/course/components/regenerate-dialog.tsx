import { useEffect, useRef, useState } from 'react';
import type { JobSummary } from '../../../../../electron/shared/jobs.js';
import { useApi } from '../../../lib/api-context.js';

const NOTE_MAX = 1000;

function progressText(job: JobSummary): string {
  switch (job.state) {
    case 'queued':
      return `Waiting in the queue (job ${job.id})…`;
    case 'running':
      return `Writing lesson ${job.lessonNumber ?? ''} again…`;
    case 'succeeded':
      return `Lesson ${job.lessonNumber ?? ''} was written again and is shown now. Undo brings back the previous version.`;
    case 'failed':
      return `The lesson could not be written again${job.error ? `: ${job.error}` : ''}. The course is unchanged.`;
    case 'cancelled':
      return 'Cancelled. The course is unchanged.';
  }
}

/**
 * Regenerate…: asks for an optional note, queues the lesson's regeneration (the job is on the
 * board too), follows its progress, and has the course read again when it finished.
 */
export function RegenerateDialog({ jobId, lessonNumber, lessonTitle, onFinished, onClose }: { jobId: string; lessonNumber: number; lessonTitle: string; onFinished: () => void; onClose: () => void }) {
  const api = useApi();
  const [job, setJob] = useState<JobSummary>();
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const finishedRef = useRef(false);

  useEffect(() => noteRef.current?.focus(), []);
  const followed = job?.id;
  useEffect(() => {
    if (!followed) return;
    const off = api.on('jobsChanged', (jobs) => {
      const mine = jobs.find((j) => j.id === followed);
      if (mine) setJob(mine);
    });
    // A quick job may have finished before this listened: read it once.
    api.getJob(followed).then(
      (d) => ['succeeded', 'failed', 'cancelled'].includes(d.job.state) && setJob(d.job),
      () => {},
    );
    return off;
  }, [api, followed]);
  useEffect(() => {
    if (job?.state === 'succeeded' && !finishedRef.current) {
      finishedRef.current = true;
      onFinished();
    }
  }, [job?.state, onFinished]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(undefined);
    try {
      // Read from the field itself (uncontrolled): what is typed is what is sent.
      const trimmed = noteRef.current?.value.trim() ?? '';
      setJob(await api.regenerateLesson(jobId, lessonNumber, trimmed ? trimmed : undefined));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSending(false);
    }
  };

  const running = job && (job.state === 'queued' || job.state === 'running');
  return (
    <div role="dialog" aria-label={`Regenerate lesson ${lessonNumber}`} className="lesson-dialog" onKeyDown={(e) => e.key === 'Escape' && !running && onClose()}>
      <h4>
        Regenerate lesson {lessonNumber}: {lessonTitle}
      </h4>
      {!job ? (
        <form onSubmit={(e) => void submit(e)}>
          <p className="field-help">The lesson is written again by the model with the same goals, terms and grammar point; the other lessons stay as they are. The current version is kept (Undo brings it back).</p>
          <div className={`field${error ? ' invalid' : ''}`}>
            <label htmlFor="regenerate-note">What should change? (optional)</label>
            <textarea
              id="regenerate-note"
              ref={noteRef}
              rows={3}
              placeholder="e.g. simpler dialogue, more food vocabulary"
              aria-describedby={error ? 'regenerate-error' : undefined}
              aria-invalid={error ? true : undefined}
            />
            {error && (
              <span id="regenerate-error" role="alert" className="field-problem">
                {error}
              </span>
            )}
          </div>
          <div className="form-buttons">
            <button type="submit" disabled={sending}>
              {sending ? 'Queueing…' : 'Regenerate'}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p role="status" aria-label="Regeneration" className={`regenerate-progress state-${job.state}`}>
            {progressText(job)}
          </p>
          {job.note && <p className="field-help">Note: {job.note}</p>}
          <div className="form-buttons">
            {running && (
              <button type="button" onClick={() => void api.cancelJob(job.id).then(setJob, (e: Error) => setError(e.message))}>
                Cancel job
              </button>
            )}
            <button type="button" onClick={onClose}>
              {running ? 'Hide (it goes on in the queue)' : 'Close'}
            </button>
          </div>
          {error && <p role="alert" className="field-problem">{error}</p>}
        </>
      )}
    </div>
  );
}
