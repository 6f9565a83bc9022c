import { useEffect, useState } from 'react';
import { formatRunShort, type ScheduleRunView, type ScheduleView } from '../../../../../electron/shared/schedules.js';
import { useApi } from '../../../lib/api-context.js';

const REASONS: Record<ScheduleRunView['reason'], string> = { scheduled: 'On time', 'catch-up': 'Catch-up', manual: 'Run now', 'folder-change': 'Folder changed' };

/** A schedule's runs, newest first: the jobs each queued, specs unchanged, specs invalid and why. */
export function ScheduleHistory({ schedule, onClose }: { schedule: ScheduleView; onClose: () => void }) {
  const api = useApi();
  const [runs, setRuns] = useState<ScheduleRunView[]>();
  const [error, setError] = useState<string>();
  // Again whenever the schedule ran (its last run changes).
  useEffect(() => {
    api.getScheduleHistory(schedule.name).then(setRuns, (e: Error) => setError(e.message));
  }, [api, schedule.name, schedule.lastRunAt]);

  return (
    <section className="schedule-history" aria-label={`History of ${schedule.name}`}>
      <header>
        <h3>History of {schedule.name}</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      {error && <p role="alert">{error}</p>}
      {runs && !runs.length && <p>It has not run yet.</p>}
      <ol className="runs">
        {runs?.map((run) => (
          <li key={run.id} aria-label={`Run of ${formatRunShort(run.at, schedule.timeZone)}`}>
            <p>
              <strong>{formatRunShort(run.at, schedule.timeZone)}</strong> · {REASONS[run.reason]} · {summary(run)}
            </p>
            {run.queued.length > 0 && (
              <ul aria-label="Queued">
                {run.queued.map((q) => (
                  <li key={q.jobId}>
                    {q.title} <span className="muted">({q.reused ? 'already queued' : 'queued'} · {baseName(q.file)})</span>
                  </li>
                ))}
              </ul>
            )}
            {run.unchanged.length > 0 && <p className="muted">Unchanged since their finished course: {run.unchanged.map(baseName).join(', ')}</p>}
            {run.invalid.map((i) => (
              <div key={i.file} className="run-invalid">
                <p>{baseName(i.file)} is not valid:</p>
                <ul>
                  {i.problems.map((p, n) => (
                    <li key={n}>
                      {p.path ? `${p.path}: ` : ''}
                      {p.message}
                      {p.hint ? ` — ${p.hint}` : ''}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** "2 queued · 1 unchanged · 1 invalid", "nothing to queue". */
export function summary(run: ScheduleRunView): string {
  const parts = [`${run.queued.length} queued`];
  if (run.unchanged.length) parts.push(`${run.unchanged.length} unchanged`);
  if (run.invalid.length) parts.push(`${run.invalid.length} invalid`);
  if (!run.queued.length && !run.unchanged.length && !run.invalid.length) return 'no specs found';
  if (!run.finishedAt) parts.push('stopped before it finished');
  return parts.join(' · ');
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
