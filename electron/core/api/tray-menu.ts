import { describePause, type QueuePauseView } from '../../shared/schedules.js';

/** What the menu bar shows, read when its menu opens. */
export interface TrayState {
  running: number;
  queued: number;
  pause?: QueuePauseView;
  /** The soonest next run of an enabled schedule. */
  next?: { schedule: string; at: string };
  /** Every schedule's name, for "Run a schedule now ▸". */
  schedules: string[];
  /** From app.getLoginItemSettings(); `status` only on macOS 13+. */
  loginItem: { openAtLogin: boolean; status?: string };
  /** Wall clock (ms). */
  now: number;
  /** Where times are shown; default the machine's. */
  timeZone?: string;
}

/** What a menu item does; the glue maps each to Electron. */
export type TrayAction =
  | { type: 'pause'; untilMs?: number }
  | { type: 'resume' }
  | { type: 'run-schedule'; name: string }
  | { type: 'open' }
  | { type: 'schedules' }
  | { type: 'toggle-login-item'; openAtLogin: boolean }
  | { type: 'approve-login-item' }
  | { type: 'quit' };

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; enabled: boolean; action?: TrayAction; submenu?: TrayItem[] }
  | { type: 'checkbox'; label: string; checked: boolean; action: TrayAction };

const info = (label: string): TrayItem => ({ type: 'normal', label, enabled: false });
const item = (label: string, action: TrayAction): TrayItem => ({ type: 'normal', label, enabled: true, action });
const SEPARATOR: TrayItem = { type: 'separator' };

/** The menu bar title: the running count while jobs run, else nothing (the icon alone). */
export function trayTitle(state: Pick<TrayState, 'running'>): string {
  return state.running > 0 ? String(state.running) : '';
}

/** "2 running · 5 queued", "Idle", "Paused until 22:00 · 5 queued". */
export function trayStatus(state: TrayState): string {
  const counts = [state.running ? `${state.running} running` : '', state.queued ? `${state.queued} queued` : ''].filter(Boolean).join(' · ');
  if (state.pause) {
    const paused = state.pause.pausedUntil ? describePause(state.pause, state.timeZone, state.now) : 'Paused';
    return counts ? `${paused} · ${counts}` : paused;
  }
  return counts || 'Idle';
}

/** The menu bar's menu, from state alone. */
export function trayMenuModel(state: TrayState): TrayItem[] {
  const items: TrayItem[] = [info(trayStatus(state))];
  if (state.next) items.push(info(`Next: ${state.next.schedule}, ${weekdayClock(state.next.at, state.timeZone)}`));
  else if (state.schedules.length) items.push(info('Next: none scheduled'));
  items.push(SEPARATOR);

  if (state.pause) items.push(item('Resume Queue', { type: 'resume' }));
  else {
    const evening = nextTimeOfDay(state.now, 22, 0);
    const morning = nextTimeOfDay(state.now, 7, 0);
    items.push({
      type: 'normal',
      label: 'Pause Queue',
      enabled: true,
      submenu: [
        item(`Until ${dayWord(evening, state.now)}22:00`, { type: 'pause', untilMs: evening }),
        item(`Until ${dayWord(morning, state.now)}07:00`, { type: 'pause', untilMs: morning }),
        item('Until I Resume', { type: 'pause' }),
      ],
    });
  }
  items.push({
    type: 'normal',
    label: 'Run a Schedule Now',
    enabled: state.schedules.length > 0,
    submenu: state.schedules.length ? state.schedules.map((name) => item(name, { type: 'run-schedule', name })) : [info('No schedules')],
  });
  items.push(SEPARATOR, item('Open FluentPro', { type: 'open' }), item('Schedules…', { type: 'schedules' }), SEPARATOR);

  if (state.loginItem.status === 'requires-approval') {
    items.push({ type: 'checkbox', label: 'Launch at Login (approve in System Settings)', checked: false, action: { type: 'approve-login-item' } });
  } else {
    items.push({ type: 'checkbox', label: 'Launch at Login', checked: state.loginItem.openAtLogin, action: { type: 'toggle-login-item', openAtLogin: !state.loginItem.openAtLogin } });
  }
  items.push(SEPARATOR, item('Quit FluentPro', { type: 'quit' }));
  return items;
}

/** The next time the clock shows hh:mm on this machine: today if still ahead, else tomorrow. */
export function nextTimeOfDay(now: number, hours: number, minutes: number): number {
  const at = new Date(now);
  at.setHours(hours, minutes, 0, 0);
  if (at.getTime() <= now) {
    at.setDate(at.getDate() + 1);
    at.setHours(hours, minutes, 0, 0); // again: a DST change in between moves the hour
  }
  return at.getTime();
}

function dayWord(at: number, now: number): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? '' : 'Tomorrow ';
}

/** "Tue 02:00". */
function weekdayClock(iso: string, timeZone?: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.hour}:${parts.minute}`;
}
