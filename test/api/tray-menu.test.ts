import { describe, expect, it } from 'vitest';
import { NotificationFeed, type Notice } from '../../electron/core/api/notification-feed.js';
import { nextTimeOfDay, trayMenuModel, trayStatus, trayTitle, type TrayItem, type TrayState } from '../../electron/core/api/tray-menu.js';
import type { JobSummary } from '../../electron/shared/jobs.js';

// The menu bar's menu and notifications, from state alone (the Electron glue only maps them).

const at = (h: number, m = 0) => {
  const d = new Date(2026, 11, 1); // Tue 1 Dec 2026, this machine's time
  d.setHours(h, m, 0, 0);
  return d.getTime();
};
const base: TrayState = { running: 0, queued: 0, schedules: [], loginItem: { openAtLogin: false }, now: at(15) };
const labels = (items: TrayItem[]) => items.map((i) => (i.type === 'separator' ? '—' : i.label));
const find = (items: TrayItem[], label: string) => items.find((i) => i.type !== 'separator' && i.label === label) as Extract<TrayItem, { label: string }>;

describe('the menu bar menu', () => {
  it('reads “Idle” with nothing to do, and the counts while jobs run or wait', () => {
    expect(trayStatus(base)).toBe('Idle');
    expect(trayStatus({ ...base, running: 2, queued: 5 })).toBe('2 running · 5 queued');
    expect(trayStatus({ ...base, queued: 1 })).toBe('1 queued');
    expect(trayTitle({ running: 0 })).toBe('');
    expect(trayTitle({ running: 2 })).toBe('2');
  });

  it('says the queue is paused, until when, and what waits', () => {
    const until = new Date(at(22)).toISOString();
    expect(trayStatus({ ...base, queued: 5, pause: { pausedAt: new Date(at(14)).toISOString(), pausedUntil: until } })).toBe('Paused until 22:00 · 5 queued');
    expect(trayStatus({ ...base, pause: { pausedAt: new Date(at(14)).toISOString() } })).toBe('Paused');
  });

  it('has every entry, in order, with the status and next run as plain text', () => {
    const items = trayMenuModel({ ...base, running: 2, queued: 5, next: { schedule: 'nightly', at: new Date(at(26)).toISOString() }, schedules: ['inbox', 'nightly'] });
    expect(labels(items)).toEqual([
      '2 running · 5 queued',
      'Next: nightly, Wed 02:00',
      '—',
      'Pause Queue',
      'Run a Schedule Now',
      '—',
      'Open FluentPro',
      'Schedules…',
      '—',
      'Launch at Login',
      '—',
      'Quit FluentPro',
    ]);
    expect(items[0]).toMatchObject({ enabled: false });
    expect(items[1]).toMatchObject({ enabled: false });
    expect(find(items, 'Open FluentPro').action).toEqual({ type: 'open' });
    expect(find(items, 'Schedules…').action).toEqual({ type: 'schedules' });
    expect(find(items, 'Quit FluentPro').action).toEqual({ type: 'quit' });
  });

  it('pauses until tonight 22:00, tomorrow 07:00, or until resumed; a paused queue offers Resume', () => {
    const pause = find(trayMenuModel(base), 'Pause Queue');
    expect(pause.type === 'normal' && pause.submenu!.map((i) => [i.type !== 'separator' && i.label, i.type !== 'separator' && i.action])).toEqual([
      ['Until 22:00', { type: 'pause', untilMs: at(22) }],
      ['Until Tomorrow 07:00', { type: 'pause', untilMs: at(24 + 7) }],
      ['Until I Resume', { type: 'pause' }],
    ]);
    // Late at night, 22:00 is tomorrow's; early in the morning, 07:00 is today's.
    const late = find(trayMenuModel({ ...base, now: at(23) }), 'Pause Queue');
    expect(late.type === 'normal' && late.submenu!.map((i) => i.type !== 'separator' && i.label)).toEqual(['Until Tomorrow 22:00', 'Until Tomorrow 07:00', 'Until I Resume']);
    const early = find(trayMenuModel({ ...base, now: at(5) }), 'Pause Queue');
    expect(early.type === 'normal' && early.submenu!.map((i) => i.type !== 'separator' && i.label)).toEqual(['Until 22:00', 'Until 07:00', 'Until I Resume']);
    const paused = trayMenuModel({ ...base, pause: { pausedAt: new Date(at(14)).toISOString() } });
    expect(labels(paused)).toContain('Resume Queue');
    expect(labels(paused)).not.toContain('Pause Queue');
    expect(find(paused, 'Resume Queue').action).toEqual({ type: 'resume' });
  });

  it('runs any schedule now from a submenu, which is disabled when there are none', () => {
    const items = trayMenuModel({ ...base, schedules: ['inbox', 'nightly'] });
    const run = find(items, 'Run a Schedule Now');
    expect(run.type === 'normal' && run.submenu!.map((i) => i.type !== 'separator' && i.action)).toEqual([
      { type: 'run-schedule', name: 'inbox' },
      { type: 'run-schedule', name: 'nightly' },
    ]);
    expect(labels(items)).toContain('Next: none scheduled');
    expect(find(trayMenuModel(base), 'Run a Schedule Now')).toMatchObject({ enabled: false });
  });

  it('launches at login as a checkbox, and says when macOS wants approval', () => {
    expect(find(trayMenuModel(base), 'Launch at Login')).toEqual({ type: 'checkbox', label: 'Launch at Login', checked: false, action: { type: 'toggle-login-item', openAtLogin: true } });
    expect(find(trayMenuModel({ ...base, loginItem: { openAtLogin: true, status: 'enabled' } }), 'Launch at Login')).toMatchObject({ checked: true, action: { openAtLogin: false } });
    expect(find(trayMenuModel({ ...base, loginItem: { openAtLogin: true, status: 'requires-approval' } }), 'Launch at Login (approve in System Settings)')).toMatchObject({
      checked: false,
      action: { type: 'approve-login-item' },
    });
  });

  it('finds the next time of day across midnight', () => {
    expect(nextTimeOfDay(at(15), 22, 0)).toBe(at(22));
    expect(nextTimeOfDay(at(22), 22, 0)).toBe(at(24 + 22));
  });
});

let n = 0;
function job(state: JobSummary['state'], extra: Partial<JobSummary> = {}): JobSummary {
  n++;
  return {
    id: `job${String(n).padStart(5, '0')}`,
    title: `Course ${n}`,
    language: 'Spanish',
    level: 'A1',
    specPath: '/x.course.yaml',
    state,
    attempts: 1,
    lessonsTotal: 2,
    lessonsDone: 2,
    outlineDone: true,
    provider: 'demo',
    model: 'demo',
    usage: { requests: 0, promptTokens: 0, completionTokens: 0 },
    cancelRequested: false,
    createdAt: new Date().toISOString(),
    ...(state === 'queued' || state === 'running' ? {} : { finishedAt: new Date().toISOString() }),
    ...extra,
  };
}

describe('notifications', () => {
  const feed = () => {
    const notices: Notice[] = [];
    return { feed: new NotificationFeed((notice) => notices.push(notice)), notices };
  };

  it('tells once that a course was written or failed; not a cancel, nor what finished before the app started', () => {
    const { feed: f, notices } = feed();
    const done = job('succeeded', { title: 'Spanish for Travellers' });
    const failed = job('failed', { title: 'French', error: 'the API key was refused (401)' });
    f.jobsChanged([done, failed, job('cancelled'), job('succeeded', { finishedAt: '2020-01-01T00:00:00.000Z' }), job('running')]);
    f.jobsChanged([done]);
    expect(notices).toEqual([
      { title: 'Course written', body: 'Spanish for Travellers is ready.' },
      { title: 'Course failed', body: 'French: the API key was refused (401)' },
    ]);
  });

  it('tells a schedule’s batch once, when its last job finishes', () => {
    const { feed: f, notices } = feed();
    const [a, b, c] = [job('queued'), job('queued'), job('queued')];
    f.scheduleRan({ id: 1, scheduleName: 'nightly', at: '', reason: 'scheduled', queued: [a, b, c].map((j) => ({ file: 'f', jobId: j.id, title: j.title, reused: false })), unchanged: [], invalid: [{ file: 'bad', problems: [] }] });
    f.jobsChanged([{ ...a, state: 'succeeded', finishedAt: new Date().toISOString() }, { ...b, state: 'failed', finishedAt: new Date().toISOString() }]);
    expect(notices).toEqual([]);
    f.jobsChanged([{ ...c, state: 'succeeded', finishedAt: new Date().toISOString() }]);
    expect(notices).toEqual([{ title: 'Schedule “nightly” finished with problems', body: '2 courses written, 1 failed, 1 spec not valid.' }]);
  });

  it('says at once when a run queued nothing because its specs are not valid', () => {
    const { feed: f, notices } = feed();
    f.scheduleRan({ id: 1, scheduleName: 'inbox', at: '', reason: 'manual', queued: [], unchanged: [], invalid: [{ file: 'a', problems: [] }, { file: 'b', problems: [] }] });
    f.scheduleRan({ id: 2, scheduleName: 'inbox', at: '', reason: 'manual', queued: [], unchanged: ['c'], invalid: [] });
    expect(notices).toEqual([{ title: 'Schedule “inbox”', body: 'Nothing queued: 2 specs not valid. Open FluentPro to see why.' }]);
  });
});
