import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleRunView } from '../../electron/shared/schedules.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { resetFakeElectron, type FakeElectron } from './fake-electron.js';

// The menu bar and notifications glue with a fake electron and a fake core. (Why a fake: see glue.test.ts.)

const fakeReady = vi.hoisted(async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('electron', async () => await fakeReady);
let fake: FakeElectron;

type Listener<T> = (value: T) => void;
function fakeCore() {
  const jobListeners = new Set<Listener<JobSummary[]>>();
  const runListeners = new Set<Listener<ScheduleRunView>>();
  const counts = { queued: 5, running: 2, succeeded: 0, failed: 0, cancelled: 0 };
  const settings = { notifications: true };
  const schedules = {
    pause: undefined as { pausedAt: string; pausedUntil?: string } | undefined,
    nextRun: vi.fn(() => ({ schedule: 'nightly', at: '2026-12-01T01:00:00.000Z' })),
    scheduleNames: vi.fn(() => ['inbox', 'nightly']),
    pauseQueue: vi.fn(async (until?: string) => ({ pausedAt: new Date().toISOString(), ...(until ? { pausedUntil: until } : {}) })),
    resumeQueue: vi.fn(async () => {}),
    runScheduleNow: vi.fn(async (name: string) => ({ scheduleName: name })),
    resume: vi.fn(async () => {}),
    onDidRun: (l: Listener<ScheduleRunView>) => (runListeners.add(l), () => runListeners.delete(l)),
  };
  const core = {
    store: { counts: () => counts },
    service: {
      schedules,
      onDidChangeJobs: (l: Listener<JobSummary[]>) => (jobListeners.add(l), () => jobListeners.delete(l)),
      onDidRemoveJobs: () => () => {},
      getSettings: async () => settings,
    },
  };
  return { core: core as never, counts, settings, schedules, jobsChanged: (jobs: JobSummary[]) => jobListeners.forEach((l) => l(jobs)), ran: (run: ScheduleRunView) => runListeners.forEach((l) => l(run)) };
}

beforeEach(async () => {
  fake = await fakeReady;
  resetFakeElectron(fake);
  vi.resetModules();
});

async function start() {
  const { startMenuBar } = await import('../../electron/main/tray.js');
  const c = fakeCore();
  const options = { core: c.core, iconPath: '/Applications/FluentPro.app/Contents/Resources/trayTemplate.png', showWindow: vi.fn(), addSpecs: vi.fn(), quit: vi.fn() };
  const stop = startMenuBar(options);
  const tray = fake.trays[0]!;
  /** Opens the menu as a click does and returns its template. */
  const open = (how: 'click' | 'right-click' = 'click') => {
    tray.emit(how, {});
    return (tray.popUpContextMenu.mock.calls.at(-1)![0] as { template: { label?: string; click?: () => void; submenu?: { label?: string; click?: () => void }[]; checked?: boolean }[] }).template;
  };
  const entry = (template: ReturnType<typeof open>, label: string) => template.find((i) => i.label === label)!;
  return { ...c, options, tray, open, entry, stop };
}

describe('the menu bar', () => {
  it('shows a template image by absolute path, kept referenced, with the running count as its title', async () => {
    const { tray, counts, jobsChanged } = await start();
    expect(tray.image).toEqual(expect.objectContaining({ path: '/Applications/FluentPro.app/Contents/Resources/trayTemplate.png', template: true }));
    expect(tray.title).toBe('2');
    counts.running = 0;
    jobsChanged([]);
    expect(tray.title).toBe('');
  });

  it('opens its menu on click and on right-click with popUpContextMenu, never setContextMenu (which takes over the left click)', async () => {
    const { tray, open } = await start();
    for (const how of ['click', 'right-click'] as const) {
      const template = open(how);
      expect(template[0]!.label).toBe('2 running · 5 queued');
      expect(template[1]!.label).toMatch(/^Next: nightly, \w{3} \d\d:\d\d$/);
    }
    expect(tray.popUpContextMenu).toHaveBeenCalledTimes(2);
    expect(tray.setContextMenu).not.toHaveBeenCalled();
  });

  it('builds the menu from the state at the moment it opens', async () => {
    const { open, schedules, counts } = await start();
    expect(open()[0]!.label).toBe('2 running · 5 queued');
    counts.running = 0;
    counts.queued = 0;
    schedules.pause = { pausedAt: new Date().toISOString() };
    const template = open();
    expect(template[0]!.label).toBe('Paused');
    expect(template.map((i) => i.label)).toContain('Resume Queue');
  });

  it('wires pause, resume, run now, open, Schedules… and Quit to the queue and the window', async () => {
    const { open, entry, schedules, options } = await start();
    const pause = entry(open(), 'Pause Queue').submenu!;
    pause.find((i) => i.label === 'Until I Resume')!.click!();
    expect(schedules.pauseQueue).toHaveBeenLastCalledWith(undefined);
    pause.find((i) => i.label!.endsWith('22:00'))!.click!();
    expect(new Date(schedules.pauseQueue.mock.calls.at(-1)![0]!).getHours()).toBe(22);
    entry(open(), 'Run a Schedule Now').submenu!.find((i) => i.label === 'nightly')!.click!();
    expect(schedules.runScheduleNow).toHaveBeenCalledWith('nightly');
    entry(open(), 'Open FluentPro').click!();
    expect(options.showWindow).toHaveBeenLastCalledWith();
    entry(open(), 'Schedules…').click!();
    expect(options.showWindow).toHaveBeenLastCalledWith('schedules');
    entry(open(), 'Quit FluentPro').click!();
    expect(options.quit).toHaveBeenCalled();
    schedules.pause = { pausedAt: new Date().toISOString() };
    entry(open(), 'Resume Queue').click!();
    expect(schedules.resumeQueue).toHaveBeenCalled();
  });

  it('queues spec files dropped on the icon the way Finder and the Dock do', async () => {
    const { tray, options } = await start();
    tray.emit('drop-files', {}, ['/Users/ana/a.course.yaml', '/Users/ana/b.course.json']);
    expect(options.addSpecs).toHaveBeenCalledWith(['/Users/ana/a.course.yaml', '/Users/ana/b.course.json']);
  });

  it('re-arms the schedules when the Mac wakes', async () => {
    const { schedules, stop } = await start();
    fake.powerMonitor.emit('resume');
    expect(schedules.resume).toHaveBeenCalledTimes(1);
    stop();
    fake.powerMonitor.emit('resume');
    expect(schedules.resume).toHaveBeenCalledTimes(1);
  });

  it('launches at login through the login item settings, and opens Login Items when macOS wants approval', async () => {
    const { open, entry } = await start();
    entry(open(), 'Launch at Login').click!();
    expect(fake.app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(entry(open(), 'Launch at Login').checked).toBe(true);
    fake.app.loginItem.status = 'requires-approval';
    const approve = entry(open(), 'Launch at Login (approve in System Settings)');
    approve.click!();
    expect(fake.shell.openExternal).toHaveBeenCalledWith('x-apple.systempreferences:com.apple.LoginItems-Settings.extension');
  });
});

describe('notifications', () => {
  const finished = (title: string, state: 'succeeded' | 'failed', id = 'aaaa1111') =>
    ({ id, title, state, finishedAt: new Date().toISOString(), error: state === 'failed' ? 'the API key was refused (401)' : undefined }) as JobSummary;

  async function startFeed() {
    const { startNotifications } = await import('../../electron/main/notifications.js');
    const c = fakeCore();
    const onClick = vi.fn();
    startNotifications(c.core, onClick);
    return { ...c, onClick };
  }
  const settle = () => new Promise((r) => setTimeout(r, 5));

  it('shows one when a course is written, and a click opens the window', async () => {
    const { jobsChanged, onClick } = await startFeed();
    jobsChanged([finished('Spanish for Travellers', 'succeeded')]);
    await settle();
    expect(fake.notifications.map((n) => n.options)).toEqual([{ title: 'Course written', body: 'Spanish for Travellers is ready.' }]);
    expect(fake.notifications[0]!.show).toHaveBeenCalled();
    fake.notifications[0]!.emit('click');
    expect(onClick).toHaveBeenCalled();
  });

  it('tells a scheduled batch once, when its last course finishes', async () => {
    const { jobsChanged, ran } = await startFeed();
    ran({ id: 1, scheduleName: 'nightly', at: '', reason: 'scheduled', queued: [{ file: 'a', jobId: 'aaaa1111', title: 'A', reused: false }, { file: 'b', jobId: 'bbbb2222', title: 'B', reused: false }], unchanged: [], invalid: [] });
    jobsChanged([finished('A', 'succeeded', 'aaaa1111')]);
    await settle();
    expect(fake.notifications).toEqual([]);
    jobsChanged([finished('B', 'failed', 'bbbb2222')]);
    await settle();
    expect(fake.notifications.map((n) => n.options)).toEqual([{ title: 'Schedule “nightly” finished with problems', body: '1 course written, 1 failed.' }]);
  });

  it('when macOS refuses them (an unsigned build): the menu bar shows what was missed until the window opens, and Settings can say why', async () => {
    const { jobsChanged, tray } = await start();
    const { startNotifications, clearMissedNotices, notificationProblem } = await import('../../electron/main/notifications.js');
    const c = fakeCore();
    startNotifications(c.core, vi.fn());
    expect(tray.title).toBe('2');
    expect(notificationProblem()).toBeUndefined();
    c.jobsChanged([finished('Spanish for Travellers', 'succeeded')]);
    await settle();
    fake.notifications[0]!.fail('Notifications are not allowed for this application');
    expect(tray.title).toBe('2 · 1 new');
    expect(tray.setToolTip).toHaveBeenLastCalledWith('FluentPro: Course written. Spanish for Travellers is ready.');
    expect(notificationProblem()).toBe('Notifications are not allowed for this application');
    jobsChanged([]); // the running count changes: the missed notice stays in the title
    expect(tray.title).toBe('2 · 1 new');
    clearMissedNotices(); // the window was opened
    expect(tray.title).toBe('2');
    expect(tray.setToolTip).toHaveBeenLastCalledWith('FluentPro');
    // Allowed in System Settings since: the next one shows, and Settings stops saying otherwise.
    c.jobsChanged([finished('German Basics', 'succeeded', 'bbbb2222')]);
    await settle();
    fake.notifications[1]!.emit('show', {});
    expect(notificationProblem()).toBeUndefined();
  });

  it('shows none when Settings turned them off', async () => {
    const { jobsChanged, settings } = await startFeed();
    settings.notifications = false;
    jobsChanged([finished('Quiet', 'failed')]);
    await settle();
    expect(fake.notifications).toEqual([]);
  });
});
