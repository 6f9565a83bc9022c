import { useState } from 'react';
import { formatRunShort, type ScheduleView } from '../../../../../electron/shared/schedules.js';
import { useApi } from '../../../lib/api-context.js';
import { useSchedules } from '../hooks/use-schedules.js';
import { ScheduleForm } from './schedule-form.js';
import { ScheduleHistory, summary } from './schedule-history.js';

/** Schedules: each with its timing, next run and last result; add, edit, enable, run now, history. */
export function SchedulesPage() {
  const api = useApi();
  const { schedules, loaded, replace, drop } = useSchedules();
  const [editing, setEditing] = useState<ScheduleView | 'new'>();
  const [historyOf, setHistoryOf] = useState<string>();
  const [notice, setNotice] = useState<{ text: string; bad?: boolean }>();

  const act = (run: () => Promise<void>) => run().catch((e: Error) => setNotice({ text: e.message, bad: true }));
  const runNow = (s: ScheduleView) =>
    act(async () => {
      const run = await api.runScheduleNow(s.name);
      setNotice({ text: `${s.name}: ${summary(run)}.` });
      replace({ ...s, lastRunAt: run.at, lastRun: run });
      setHistoryOf(s.name);
    });
  const history = historyOf ? schedules.find((s) => s.name === historyOf) : undefined;

  return (
    <section className="schedules" aria-label="Schedules">
      <header className="schedules-header">
        <h2>Schedules</h2>
        <p className="muted">Schedules queue specs at set times or when a folder changes, while FluentPro runs. Times missed while the Mac slept are made up once.</p>
        <button type="button" onClick={() => setEditing('new')} disabled={editing !== undefined}>
          New schedule
        </button>
      </header>
      {notice && (
        <p className={`banner${notice.bad ? ' warn' : ''}`} role={notice.bad ? 'alert' : 'status'}>
          {notice.text} <button type="button" onClick={() => setNotice(undefined)}>Dismiss</button>
        </p>
      )}
      {editing && (
        <ScheduleForm
          key={editing === 'new' ? 'new' : editing.name}
          editing={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(undefined)}
          onSaved={(saved, oldName) => {
            replace(saved, oldName);
            setEditing(undefined);
            if (historyOf === oldName) setHistoryOf(saved.name);
          }}
        />
      )}
      {loaded && !schedules.length && !editing && <p className="group-empty">No schedules yet. Add one to generate a folder of specs every night, or whenever a spec is saved into it.</p>}
      <ul className="schedule-list">
        {schedules.map((s) => (
          <li key={s.name}>
            <article className={`schedule-row${s.enabled ? '' : ' disabled'}`} aria-label={s.name}>
              <div className="schedule-main">
                <h3>
                  {s.name}
                  {!s.enabled && <span className="muted"> (off)</span>}
                </h3>
                <p>
                  {s.description}
                  {s.timeZone && !s.onChange ? <span className="muted"> · {s.timeZone}</span> : null}
                </p>
                <p className="muted">{s.folder ? `Every spec in ${s.folder}` : `${s.specFiles.length} spec file${s.specFiles.length === 1 ? '' : 's'}`}{s.onlyChanged ? ' · only changed specs' : ''}</p>
                <p>
                  <span>Next run: {nextRunText(s)}</span>
                  <span className="muted"> · Last run: {s.lastRun ? `${formatRunShort(s.lastRun.at, s.timeZone)} — ${summary(s.lastRun)}` : 'never'}</span>
                </p>
              </div>
              <div className="schedule-actions">
                <label className="check">
                  <input type="checkbox" checked={s.enabled} onChange={(e) => act(async () => replace(await api.setScheduleEnabled(s.name, e.target.checked)))} /> Enabled
                </label>
                <button type="button" aria-label={`Run ${s.name} now`} onClick={() => runNow(s)}>
                  Run now
                </button>
                <button type="button" aria-label={`History of ${s.name}`} onClick={() => setHistoryOf(s.name)}>
                  History
                </button>
                <button type="button" aria-label={`Edit ${s.name}`} onClick={() => setEditing(s)} disabled={editing !== undefined}>
                  Edit
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${s.name}`}
                  onClick={() =>
                    act(async () => {
                      await api.removeSchedule(s.name);
                      drop(s.name);
                      if (historyOf === s.name) setHistoryOf(undefined);
                    })
                  }
                >
                  Remove
                </button>
              </div>
            </article>
          </li>
        ))}
      </ul>
      {history && <ScheduleHistory schedule={history} onClose={() => setHistoryOf(undefined)} />}
    </section>
  );
}

function nextRunText(s: ScheduleView): string {
  if (!s.enabled) return 'none (off)';
  if (s.onChange) return 'when a spec in the folder changes';
  if (!s.nextRunAt) return 'never';
  const missed = s.missedRunAt && s.catchUp ? ` (a missed run is made up at the next start)` : '';
  return `${formatRunShort(s.nextRunAt, s.timeZone)}${missed}`;
}
