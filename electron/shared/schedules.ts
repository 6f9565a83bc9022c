// The schedules and the queue pause as the renderer and the menu bar see them. The same shapes as
// electron/core/schedule (which this layer may not import); core's ScheduleService maps to them.

/** Which part of a schedule a problem is in: the form shows the problem under that field. */
export type ScheduleFieldName = 'name' | 'cron' | 'timeZone' | 'onChange' | 'folder' | 'specFiles';

/** A schedule as the form writes it. Paths are absolute on the machine that runs the queue (`~/` is read as its home). */
export interface ScheduleDraft {
  name: string;
  /** Five fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *". Exclusive with `onChange`. */
  cron?: string;
  /** IANA name; default the time zone of the machine that runs the queue. */
  timeZone?: string;
  /** Run when a spec in `folder` is added or changed. Default false. */
  onChange?: boolean;
  /** Every `*.course.yaml|yml|json` in this folder. Exclusive with `specFiles`. */
  folder?: string;
  specFiles?: string[];
  /** Skip specs whose content and settings already made a finished course. Default false. */
  onlyChanged?: boolean;
  /** Run once at wake or launch for times missed. Default true. */
  catchUp?: boolean;
  /** Default true. */
  enabled?: boolean;
  /**
   * Queue its specs in batch mode (the provider's Batch API: half price, ready within 24 h) or
   * live. Absent: as Settings › "Scheduled runs use the Batch API" says when it fires.
   */
  batch?: boolean;
}

export interface ScheduleProblem {
  field: ScheduleFieldName;
  message: string;
  hint: string;
}

export interface SchedulePreview {
  ok: boolean;
  /** "Every day at 02:00", "When a spec in the folder changes"; '' while the timing is wrong. */
  description: string;
  /** The time zone its times are read in. */
  timeZone: string;
  /** The next few run times (ISO). */
  nextRuns: string[];
  problems: ScheduleProblem[];
}

export type ScheduleRunReason = 'scheduled' | 'catch-up' | 'manual' | 'folder-change';

export interface ScheduleRunView {
  id: number;
  scheduleName: string;
  at: string;
  reason: ScheduleRunReason;
  scheduledAt?: string;
  queued: { file: string; jobId: string; title: string; reused: boolean }[];
  unchanged: string[];
  invalid: { file: string; problems: { path: string; message: string; hint?: string; line?: number; column?: number }[] }[];
  finishedAt?: string;
}

export interface ScheduleView {
  name: string;
  cron?: string;
  timeZone?: string;
  onChange: boolean;
  folder?: string;
  specFiles: string[];
  onlyChanged: boolean;
  catchUp: boolean;
  enabled: boolean;
  /** Batch mode on or off for this schedule; absent: as Settings says (ScheduleDraft.batch). */
  batch?: boolean;
  createdAt: string;
  /** "Every day at 02:00". */
  description: string;
  lastRunAt?: string;
  nextRunAt?: string;
  /** A time missed while nothing ran, made up at the next launch or wake (catch-up on). */
  missedRunAt?: string;
  /** What its latest run did. */
  lastRun?: ScheduleRunView;
}

/** The queue is paused: nothing new starts; running jobs finish, queued ones wait. */
export interface QueuePauseView {
  pausedAt: string;
  /** Absent: until someone resumes it. */
  pausedUntil?: string;
}

/** The field an API error code of a schedule belongs to (errors cross the boundary as name/message/code). */
export const SCHEDULE_ERROR_FIELDS: Record<string, ScheduleFieldName> = {
  INVALID_CRON: 'cron',
  NO_TRIGGER: 'cron',
  TWO_TRIGGERS: 'cron',
  INVALID_TIME_ZONE: 'timeZone',
  NO_SOURCE: 'folder',
  TWO_SOURCES: 'folder',
  FOLDER_NOT_FOUND: 'folder',
  NOT_A_FOLDER: 'folder',
  NOT_ABSOLUTE: 'folder',
  SPEC_NOT_FOUND: 'specFiles',
  ON_CHANGE_NEEDS_FOLDER: 'onChange',
  INVALID_NAME: 'name',
  NAME_TAKEN: 'name',
};

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A cron expression in words for the common shapes ("Every day at 02:00", "Weekdays at 22:30",
 * "Every 15 minutes"); anything else is quoted as it is. Assumes a valid expression.
 */
export function describeCron(expression: string): string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length === 6) fields.shift(); // seconds
  if (fields.length !== 5) return `At the times of "${expression.trim()}"`;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const isNum = (v: string) => /^\d+$/.test(v);
  const at = isNum(minute) && isNum(hour) ? `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}` : undefined;
  const times = at ?? (isNum(minute) && /^\d+(,\d+)+$/.test(hour) ? hour.split(',').map((h) => `${h.padStart(2, '0')}:${minute.padStart(2, '0')}`).join(', ') : undefined);
  if (times && month === '*') {
    if (dom === '*' && dow === '*') return `Every day at ${times}`;
    if (dom === '*' && (dow === '1-5' || dow === 'MON-FRI')) return `Weekdays at ${times}`;
    if (dom === '*' && (dow === '0,6' || dow === '6,0' || dow === 'SAT,SUN')) return `Weekends at ${times}`;
    if (dom === '*' && /^[0-7](,[0-7])*$/.test(dow)) return `Every ${listOf(dow.split(',').map((d) => DAYS[Number(d) % 7]!))} at ${times}`;
    if (isNum(dom) && dow === '*') return `On day ${dom} of every month at ${times}`;
  }
  if (times && isNum(dom) && isNum(month) && dow === '*' && Number(month) >= 1 && Number(month) <= 12) return `Every year on ${dom} ${MONTHS[Number(month) - 1]} at ${times}`;
  if (dom === '*' && month === '*' && dow === '*') {
    if (hour === '*' && /^\*\/\d+$/.test(minute)) return `Every ${minute.slice(2)} minutes`;
    if (hour === '*' && minute === '*') return 'Every minute';
    if (hour === '*' && isNum(minute)) return `Every hour at ${minute.padStart(2, '0')} minutes past`;
    if (isNum(minute) && /^\*\/\d+$/.test(hour)) return `Every ${hour.slice(2)} hours at ${minute.padStart(2, '0')} minutes past`;
  }
  return `At the times of "${expression.trim()}"`;
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "Tue 1 Dec, 02:00" in a time zone (the year only when it is not `now`'s). */
export function formatRunShort(iso: string, timeZone?: string, now = Date.now()): string {
  const date = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const thisYear = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(new Date(now));
  return `${parts.weekday} ${parts.day} ${parts.month}${parts.year === thisYear ? '' : ` ${parts.year}`}, ${parts.hour}:${parts.minute}`;
}

/** "22:00" in a time zone. */
export function formatClock(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "Paused until 22:00", "Paused until Tue 1 Dec, 07:00" (not today), "Paused until you resume". */
export function describePause(pause: QueuePauseView, timeZone?: string, now = Date.now()): string {
  if (!pause.pausedUntil) return 'Paused until you resume';
  const sameDay = new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'short' });
  const today = sameDay.format(new Date(now)) === sameDay.format(new Date(pause.pausedUntil));
  return `Paused until ${today ? formatClock(pause.pausedUntil, timeZone) : formatRunShort(pause.pausedUntil, timeZone, now)}`;
}
