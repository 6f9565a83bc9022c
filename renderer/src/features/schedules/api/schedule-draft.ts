import type { ScheduleDraft, ScheduleFieldName, ScheduleView } from '../../../../../electron/shared/schedules.js';

/** The form's own state: what the person typed, before it is a draft. */
export interface ScheduleFormState {
  name: string;
  when: 'cron' | 'change';
  cron: string;
  timeZone: string;
  source: 'folder' | 'files';
  folder: string;
  /** One path a line. */
  specFiles: string;
  onlyChanged: boolean;
  catchUp: boolean;
  enabled: boolean;
  /** The Batch API: as Settings say, on, or off (live). */
  batch: 'settings' | 'on' | 'off';
}

export const EMPTY_FORM: ScheduleFormState = { name: '', when: 'cron', cron: '0 2 * * *', timeZone: '', source: 'folder', folder: '', specFiles: '', onlyChanged: false, catchUp: true, enabled: true, batch: 'settings' };

export function formFromSchedule(s: ScheduleView): ScheduleFormState {
  return {
    name: s.name,
    when: s.onChange ? 'change' : 'cron',
    cron: s.cron ?? '',
    timeZone: s.timeZone ?? '',
    source: s.folder ? 'folder' : 'files',
    folder: s.folder ?? '',
    specFiles: s.specFiles.join('\n'),
    onlyChanged: s.onlyChanged,
    catchUp: s.catchUp,
    enabled: s.enabled,
    batch: s.batch === undefined ? 'settings' : s.batch ? 'on' : 'off',
  };
}

/** The draft the API takes: only the chosen timing and source. */
export function draftFromForm(form: ScheduleFormState): ScheduleDraft {
  return {
    name: form.name.trim(),
    ...(form.when === 'change' ? { onChange: true } : { cron: form.cron.trim(), ...(form.timeZone.trim() ? { timeZone: form.timeZone.trim() } : {}) }),
    ...(form.source === 'folder' ? (form.folder.trim() ? { folder: form.folder.trim() } : {}) : specFilesOf(form.specFiles)),
    onlyChanged: form.onlyChanged,
    catchUp: form.catchUp,
    enabled: form.enabled,
    ...(form.batch === 'settings' ? {} : { batch: form.batch === 'on' }),
  };
}

/** Whether the person has written in a field yet (its problems show from then on, or after Save). */
export function hasValue(form: ScheduleFormState, field: ScheduleFieldName): boolean {
  switch (field) {
    case 'name':
      return form.name.trim() !== '';
    case 'cron':
      return form.when === 'cron';
    case 'timeZone':
      return form.timeZone.trim() !== '';
    case 'folder':
      return form.folder.trim() !== '';
    case 'specFiles':
      return form.specFiles.trim() !== '';
    case 'onChange':
      return form.when === 'change';
  }
}

function specFilesOf(text: string): { specFiles?: string[] } {
  const files = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return files.length ? { specFiles: files } : {};
}
