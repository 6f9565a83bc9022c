import { useEffect, useRef, useState } from 'react';
import type { JobDetail as Detail } from '../../../../../electron/shared/api.js';
import type { JobSummary } from '../../../../../electron/shared/jobs.js';
import { useApi } from '../../../lib/api-context.js';

const LESSON_STATE = { waiting: 'Waiting', done: 'Done', failed: 'Failed' } as const;

/** One job in full: every lesson's state, the error in plain words, the log. */
export function JobDetail({ job, onClose }: { job: JobSummary; onClose: () => void }) {
  const api = useApi();
  const [detail, setDetail] = useState<Detail>();
  const [error, setError] = useState<string>();
  const closeRef = useRef<HTMLButtonElement>(null);

  // Reloaded whenever the job's summary changes (progress, state).
  useEffect(() => {
    api.getJob(job.id).then(setDetail, (e: Error) => setError(e.message));
  }, [api, job]);
  useEffect(() => closeRef.current?.focus(), []);

  return (
    <div className="detail" role="dialog" aria-modal="false" aria-label={`Job ${job.title}`} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <header className="detail-header">
        <h2>{job.title}</h2>
        <button type="button" ref={closeRef} onClick={onClose} aria-label="Close details">
          Close
        </button>
      </header>
      {job.state === 'failed' && job.error && (
        <p className="detail-error" role="alert">
          This course could not be finished: {job.error}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {detail && (
        <>
          <h3>Lessons</h3>
          <ol className="lesson-list" aria-label="Lessons">
            {detail.lessons.map((l) => (
              <li key={l.number} className={`lesson-${l.state}`}>
                <span>{l.title ?? `Lesson ${l.number}`}</span> <span className="lesson-state">{LESSON_STATE[l.state]}</span>
              </li>
            ))}
          </ol>
          <h3>Log</h3>
          <pre className="log" aria-label="Log" tabIndex={0}>
            {detail.log.map((l) => `${l.at.slice(11, 19)}  ${l.level.padEnd(5)}  ${l.message}`).join('\n')}
          </pre>
        </>
      )}
    </div>
  );
}
