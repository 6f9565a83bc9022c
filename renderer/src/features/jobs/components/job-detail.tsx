import { useEffect, useRef, useState } from 'react';
import type { JobDetail as Detail, QualityView } from '../../../../../electron/shared/api.js';
import { batchWaitNote, type JobSummary } from '../../../../../electron/shared/jobs.js';
import { JobBatches } from './job-batches.js';
import { useApi } from '../../../lib/api-context.js';

const LESSON_STATE = { waiting: 'Waiting', done: 'Done', failed: 'Failed' } as const;

/** One job in full: every lesson's state, the error in plain words, the log. */
export function JobDetail({ job, onClose, onRead }: { job: JobSummary; onClose: () => void; onRead?: () => void }) {
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
      {batchWaitNote(job) && <p role="status">{capitalize(batchWaitNote(job)!)}</p>}
      {job.state === 'succeeded' && onRead && (
        <p>
          <button type="button" onClick={onRead}>
            Read course
          </button>
        </p>
      )}
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
          {detail.quality && <QualityReport quality={detail.quality} />}
          {detail.batches && <JobBatches batches={detail.batches} />}
          <h3>Log</h3>
          <pre className="log" aria-label="Log" tabIndex={0}>
            {detail.log.map((l) => `${l.at.slice(11, 19)}  ${l.level.padEnd(5)}  ${l.message}`).join('\n')}
          </pre>
        </>
      )}
    </div>
  );
}

/** "All checks hold." or "2 problems need attention.", with the warnings counted after (as in the course's README). */
function verdict(quality: QualityView): string {
  const problems = quality.findings.filter((f) => f.severity === 'fail').length;
  const warnings = quality.findings.length - problems;
  const head = problems === 0 ? 'All checks hold' : problems === 1 ? '1 problem needs attention' : `${problems} problems need attention`;
  return warnings === 0 ? `${head}.` : `${head}, with ${warnings} warning${warnings === 1 ? '' : 's'}.`;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One group of findings under its heading; nothing at all when the group is empty. */
function FindingList({ title, findings }: { title: string; findings: QualityView['findings'] }) {
  if (findings.length === 0) return null;
  return (
    <>
      <h4>{title}</h4>
      <ul aria-label={title}>
        {findings.map((f, i) => (
          <li key={i}>{capitalize(f.message)}</li>
        ))}
      </ul>
    </>
  );
}

/** The finished course's quality report: verdict, the two vocabulary figures, what to fix, what was repaired. */
function QualityReport({ quality }: { quality: QualityView }) {
  const problems = quality.findings.filter((f) => f.severity === 'fail');
  const warnings = quality.findings.filter((f) => f.severity === 'warn');
  return (
    <section className="quality" aria-labelledby="quality-heading">
      <h3 id="quality-heading">Quality</h3>
      <p className={quality.holds ? 'quality-holds' : 'quality-fails'}>{verdict(quality)}</p>
      <dl className="quality-figures" aria-label="Quality figures">
        <dt>New terms used in their lesson</dt>
        <dd>{quality.metrics.coveragePct} %</dd>
        <dt>Lessons reusing earlier terms</dt>
        <dd>{quality.metrics.recyclingPct} %</dd>
      </dl>
      <FindingList title="Problems" findings={problems} />
      <FindingList title="Warnings" findings={warnings} />
      <h4>Repairs made ({quality.repairs.length})</h4>
      {quality.repairs.length ? (
        <ul aria-label="Repairs made">
          {quality.repairs.map((r, i) => (
            <li key={i}>
              {capitalize(r.where)}: {r.detail}
            </li>
          ))}
        </ul>
      ) : (
        <p>No repairs were needed.</p>
      )}
    </section>
  );
}
