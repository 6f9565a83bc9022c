import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { formatRunShort, SCHEDULE_ERROR_FIELDS, type ScheduleFieldName, type SchedulePreview, type ScheduleView } from '../../../../../electron/shared/schedules.js';
import { useApi } from '../../../lib/api-context.js';
import { draftFromForm, EMPTY_FORM, formFromSchedule, hasValue, type ScheduleFormState } from '../api/schedule-draft.js';

const TIME_ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/**
 * Create or edit a schedule, with a live preview ("Every day at 02:00 — next run Tue 1 Dec,
 * 02:00") and each problem under its own field.
 */
export function ScheduleForm({ editing, onSaved, onCancel }: { editing?: ScheduleView; onSaved: (schedule: ScheduleView, oldName?: string) => void; onCancel: () => void }) {
  const api = useApi();
  const ids = useId();
  const [form, setForm] = useState<ScheduleFormState>(() => (editing ? formFromSchedule(editing) : EMPTY_FORM));
  const [preview, setPreview] = useState<SchedulePreview>();
  const [submitted, setSubmitted] = useState(false);
  const [saveError, setSaveError] = useState<{ field?: ScheduleFieldName; message: string }>();
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<ScheduleFormState>) => {
    setForm((f) => ({ ...f, ...patch }));
    setSaveError(undefined);
  };

  // The preview follows the typing, a moment after it stops.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.previewSchedule(draftFromForm(form)).then((p) => live && setPreview(p), () => {});
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, form]);

  const problemOf = (field: ScheduleFieldName): string | undefined => {
    if (saveError?.field === field) return saveError.message;
    const problem = preview?.problems.find((p) => p.field === field);
    if (!problem || !(submitted || hasValue(form, field))) return undefined;
    return `${capitalise(problem.message)}: ${problem.hint}.`;
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setSaving(true);
    try {
      const draft = draftFromForm(form);
      const saved = editing ? await api.updateSchedule(editing.name, draft) : await api.addSchedule(draft);
      onSaved(saved, editing?.name);
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      setSaveError({ field: code ? SCHEDULE_ERROR_FIELDS[code] : undefined, message: capitalise(message) });
    } finally {
      setSaving(false);
    }
  }

  const field = (name: ScheduleFieldName, label: string, control: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode, help?: string) => {
    const id = `${ids}-${name}`;
    const problem = problemOf(name);
    const describedBy = [problem ? `${id}-problem` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${problem ? ' invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {control({ id, 'aria-invalid': Boolean(problem), 'aria-describedby': describedBy })}
        {help && (
          <small id={`${id}-help`} className="field-help">
            {help}
          </small>
        )}
        {problem && (
          <small id={`${id}-problem`} className="field-problem">
            {problem}
          </small>
        )}
      </div>
    );
  };

  const title = editing ? `Edit ${editing.name}` : 'New schedule';
  return (
    <form className="schedule-form" aria-label={title} onSubmit={save} noValidate>
      <h3>{title}</h3>
      {field('name', 'Name', (p) => <input {...p} type="text" value={form.name} placeholder="nightly" onChange={(e) => set({ name: e.target.value })} />)}
      <fieldset>
        <legend>When</legend>
        <label>
          <input type="radio" name={`${ids}-when`} checked={form.when === 'cron'} onChange={() => set({ when: 'cron' })} /> At set times
        </label>
        <label>
          <input type="radio" name={`${ids}-when`} checked={form.when === 'change'} onChange={() => set({ when: 'change', source: 'folder' })} /> When a spec in the folder is
          added or changed
        </label>
      </fieldset>
      {form.when === 'cron' && (
        <>
          {field(
            'cron',
            'Cron expression',
            (p) => <input {...p} type="text" className="mono" value={form.cron} onChange={(e) => set({ cron: e.target.value })} />,
            'minute hour day-of-month month day-of-week: "0 2 * * *" is every day at 02:00, "30 22 * * 1-5" weekdays at 22:30',
          )}
          {field('timeZone', 'Time zone', (p) => (
            <>
              <input {...p} type="text" list={`${ids}-zones`} value={form.timeZone} placeholder={preview?.timeZone ?? 'This computer’s'} onChange={(e) => set({ timeZone: e.target.value })} />
              <datalist id={`${ids}-zones`}>
                {TIME_ZONES.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          ))}
        </>
      )}
      <fieldset>
        <legend>What</legend>
        <label>
          <input type="radio" name={`${ids}-source`} checked={form.source === 'folder'} onChange={() => set({ source: 'folder' })} /> Every spec in a folder
        </label>
        <label>
          <input type="radio" name={`${ids}-source`} checked={form.source === 'files'} disabled={form.when === 'change'} onChange={() => set({ source: 'files' })} /> These spec
          files
        </label>
      </fieldset>
      {form.source === 'folder'
        ? field('folder', 'Folder', (p) => <input {...p} type="text" value={form.folder} placeholder="~/Courses/Inbox" onChange={(e) => set({ folder: e.target.value })} />, 'Every *.course.yaml, .yml and .json in it')
        : field('specFiles', 'Spec files', (p) => <textarea {...p} rows={3} value={form.specFiles} placeholder="~/Courses/spanish.course.yaml" onChange={(e) => set({ specFiles: e.target.value })} />, 'One path a line')}
      {form.when === 'change' && problemOf('onChange') && <p className="field-problem">{problemOf('onChange')}</p>}
      <label className="check">
        <input type="checkbox" checked={form.onlyChanged} onChange={(e) => set({ onlyChanged: e.target.checked })} /> Only specs changed since their last finished course
      </label>
      <label>
        Batch API (half price, ready within 24 h)
        <select value={form.batch} onChange={(e) => set({ batch: e.target.value as ScheduleFormState['batch'] })}>
          <option value="settings">As in Settings</option>
          <option value="on">On: its courses are ready by morning, at half price</option>
          <option value="off">Off: written live, at once</option>
        </select>
      </label>
      {form.when === 'cron' && (
        <label className="check">
          <input type="checkbox" checked={form.catchUp} onChange={(e) => set({ catchUp: e.target.checked })} /> Run once after sleep or a quit that missed a time
        </label>
      )}
      <p className="schedule-preview" role="status" aria-label="Preview">
        {previewText(preview)}
      </p>
      {saveError && !saveError.field && <p role="alert">{saveError.message}</p>}
      <div className="form-buttons">
        <button type="submit" disabled={saving}>
          {editing ? 'Save' : 'Add schedule'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** "Every day at 02:00 — next run Tue 1 Dec, 02:00 (Europe/Berlin)". */
function previewText(preview: SchedulePreview | undefined): string {
  if (!preview) return '…';
  if (!preview.description) return 'Fix the timing to see when it runs.';
  if (!preview.nextRuns.length) return preview.description;
  const [next, ...later] = preview.nextRuns.map((at) => formatRunShort(at, preview.timeZone));
  return `${preview.description} — next run ${next}${later.length ? `, then ${later.join('; ')}` : ''} (${preview.timeZone})`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
