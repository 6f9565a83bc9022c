// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleDraft } from '../../electron/shared/schedules.js';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);

async function openSchedules(bridge: FakeBridge) {
  renderApp(bridge);
  fireEvent.click(screen.getByRole('button', { name: 'Schedules' }));
  return screen.findByRole('region', { name: 'Schedules' });
}

describe('the Schedules page', () => {
  it('is reached from the page navigation, and from the menu bar’s “Schedules…”', async () => {
    const bridge = new FakeBridge();
    renderApp(bridge);
    expect(screen.getByRole('button', { name: 'Jobs' }).getAttribute('aria-current')).toBe('page');
    act(() => bridge.emit('showPage', 'schedules'));
    expect(await screen.findByRole('region', { name: 'Schedules' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Schedules' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByText(/No schedules yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Jobs' }));
    expect(screen.queryByRole('region', { name: 'Schedules' })).toBeNull();
  });

  it('creates a schedule with a readable preview of its next runs', async () => {
    const bridge = new FakeBridge();
    await openSchedules(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'New schedule' }));
    const form = screen.getByRole('form', { name: 'New schedule' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'nightly' } });
    fireEvent.change(within(form).getByLabelText('Folder'), { target: { value: '~/Courses/Inbox' } });
    fireEvent.change(within(form).getByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    const preview = within(form).getByRole('status', { name: 'Preview' });
    // (The year shows only when it is not this one.)
    await waitFor(() => expect(preview.textContent).toMatch(/^Every day at 02:00 — next run Tue 1 Dec( 2026)?, 02:00, then Wed 2 Dec( 2026)?, 02:00 \(Europe\/Berlin\)$/));
    fireEvent.click(within(form).getByRole('button', { name: 'Add schedule' }));
    const row = await screen.findByRole('article', { name: 'nightly' });
    expect(row.textContent).toContain('Every day at 02:00');
    expect(row.textContent).toMatch(/Next run: Tue 1 Dec( 2026)?, 02:00/);
    expect(row.textContent).toContain('Last run: never');
    expect(row.textContent).toContain('Every spec in ~/Courses/Inbox');
    expect(bridge.calls.find(([m]) => m === 'addSchedule')![1]).toEqual([
      { name: 'nightly', cron: '0 2 * * *', timeZone: 'Europe/Berlin', folder: '~/Courses/Inbox', onlyChanged: false, catchUp: true, enabled: true } satisfies ScheduleDraft,
    ]);
    expect(screen.queryByRole('form', { name: 'New schedule' })).toBeNull();
  });

  it('shows a bad expression’s problem on its own field, and the save error that names a field', async () => {
    const bridge = new FakeBridge();
    bridge.preview = (draft) => ({
      ok: false,
      description: '',
      timeZone: 'Europe/Berlin',
      nextRuns: [],
      problems: draft.cron === 'every night' ? [{ field: 'cron', message: '"every night" is not a cron expression: it has an invalid pattern', hint: 'write five fields (minute hour day-of-month month day-of-week)' }] : [],
    });
    await openSchedules(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'New schedule' }));
    const form = screen.getByRole('form', { name: 'New schedule' });
    const cron = within(form).getByLabelText('Cron expression');
    fireEvent.change(cron, { target: { value: 'every night' } });
    await waitFor(() => expect(cron.getAttribute('aria-invalid')).toBe('true'));
    const problem = document.getElementById(cron.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(problem.textContent).toBe('"every night" is not a cron expression: it has an invalid pattern: write five fields (minute hour day-of-month month day-of-week).');
    expect(within(form).getByLabelText('Folder').getAttribute('aria-invalid')).toBe('false');
    expect(within(form).getByRole('status', { name: 'Preview' }).textContent).toBe('Fix the timing to see when it runs.');

    // The server's refusal is shown under the field its code names.
    bridge.addSchedule = async () => {
      throw { name: 'ScheduleError', message: 'the folder /nowhere does not exist: create it first, or check the path', code: 'FOLDER_NOT_FOUND' };
    };
    fireEvent.change(cron, { target: { value: '0 2 * * *' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'n' } });
    fireEvent.change(within(form).getByLabelText('Folder'), { target: { value: '/nowhere' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add schedule' }));
    const folder = within(form).getByLabelText('Folder');
    await waitFor(() => expect(folder.getAttribute('aria-invalid')).toBe('true'));
    expect(form.textContent).toContain('The folder /nowhere does not exist: create it first, or check the path');
  });

  it('runs a schedule now and shows the run in its history: jobs queued, unchanged, invalid with problems', async () => {
    const bridge = new FakeBridge();
    await bridge.addSchedule({ name: 'nightly', cron: '0 2 * * *', timeZone: 'UTC', folder: '/Users/ana/Inbox' });
    bridge.nextRun = (name) => ({
      id: 7,
      scheduleName: name,
      at: '2026-12-01T09:30:00.000Z',
      reason: 'manual',
      queued: [{ file: '/Users/ana/Inbox/alpha.course.yaml', jobId: 'aaaa1111', title: 'Alpha', reused: false }],
      unchanged: ['/Users/ana/Inbox/old.course.yaml'],
      invalid: [{ file: '/Users/ana/Inbox/broken.course.yaml', problems: [{ path: 'level', message: 'level must be one of A1, A2, B1, B2, C1, C2' }] }],
      finishedAt: '2026-12-01T09:30:01.000Z',
    });
    await openSchedules(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Run nightly now' }));
    expect(await screen.findByText('nightly: 1 queued · 1 unchanged · 1 invalid.')).toBeTruthy();
    const history = await screen.findByRole('region', { name: 'History of nightly' });
    const run = await within(history).findByRole('listitem', { name: /^Run of Tue 1 Dec( 2026)?, 09:30$/ });
    expect(run.textContent).toContain('Run now · 1 queued · 1 unchanged · 1 invalid');
    expect(within(run).getByRole('list', { name: 'Queued' }).textContent).toContain('Alpha (queued · alpha.course.yaml)');
    expect(run.textContent).toContain('Unchanged since their finished course: old.course.yaml');
    expect(run.textContent).toContain('broken.course.yaml is not valid:level: level must be one of A1, A2, B1, B2, C1, C2');
    expect(screen.getByRole('article', { name: 'nightly' }).textContent).toMatch(/Last run: Tue 1 Dec( 2026)?, 09:30 — 1 queued · 1 unchanged · 1 invalid/);
  });

  it('enables, disables, edits and removes; follows changes made elsewhere', async () => {
    const bridge = new FakeBridge();
    await bridge.addSchedule({ name: 'nightly', cron: '0 2 * * *', folder: '/Users/ana/Inbox' });
    await openSchedules(bridge);
    const enabled = within(await screen.findByRole('article', { name: 'nightly' })).getByRole('checkbox', { name: 'Enabled' });
    fireEvent.click(enabled);
    await waitFor(() => expect(screen.getByRole('article', { name: 'nightly' }).textContent).toContain('Next run: none (off)'));
    expect(bridge.calls).toContainEqual(['setScheduleEnabled', ['nightly', false]]);

    fireEvent.click(screen.getByRole('button', { name: 'Edit nightly' }));
    const form = screen.getByRole('form', { name: 'Edit nightly' });
    expect((within(form).getByLabelText('Folder') as HTMLInputElement).value).toBe('/Users/ana/Inbox');
    fireEvent.change(within(form).getByLabelText('Cron expression'), { target: { value: '30 22 * * 1-5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('article', { name: 'nightly' }).textContent).toContain('Weekdays at 22:30'));
    expect(bridge.calls.find(([m]) => m === 'updateSchedule')![1]).toEqual(['nightly', expect.objectContaining({ cron: '30 22 * * 1-5', enabled: false })]);

    act(() => bridge.emit('schedulesChanged', [...bridge.schedules.values(), { ...bridge.schedules.get('nightly')!, name: 'from-cli', description: 'Every hour at 05 minutes past' }]));
    expect(await screen.findByRole('article', { name: 'from-cli' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Remove nightly' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'nightly' })).toBeNull());
  });
});

describe('the paused queue', () => {
  it('says why queued jobs wait, and resumes', async () => {
    const bridge = new FakeBridge([fakeJob({ title: 'Waiting' }), fakeJob({ title: 'Also waiting' })]);
    const until = new Date();
    until.setHours(22, 0, 0, 0);
    if (until.getTime() <= Date.now()) until.setDate(until.getDate() + 1);
    bridge.pause = { pausedAt: new Date().toISOString(), pausedUntil: until.toISOString() };
    renderApp(bridge);
    const banner = await screen.findByRole('region', { name: 'Queue paused' });
    await waitFor(() => expect(banner.textContent).toMatch(/^Paused until (22:00|\w{3} \d+ \w{3}, 22:00) — 2 queued courses wait; running courses finish\. Resume$/));
    fireEvent.click(within(banner).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Queue paused' })).toBeNull());
    expect(bridge.calls).toContainEqual(['resumeQueue', []]);
  });

  it('appears and goes as the pause changes elsewhere (the menu bar, the command, its time)', async () => {
    const bridge = new FakeBridge();
    renderApp(bridge);
    await screen.findByRole('heading', { name: 'Drop a course spec here' });
    act(() => bridge.emit('queuePauseChanged', { pausedAt: new Date().toISOString() }));
    expect((await screen.findByRole('region', { name: 'Queue paused' })).textContent).toContain('Paused until you resume — new courses wait');
    act(() => bridge.emit('queuePauseChanged', null));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Queue paused' })).toBeNull());
  });

  it('Settings has the notifications switch', async () => {
    const bridge = new FakeBridge();
    renderApp(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    const box = await screen.findByRole('checkbox', { name: /Notify me when a course or a scheduled batch finishes or fails/ });
    expect((box as HTMLInputElement).checked).toBe(true);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bridge.calls).toContainEqual(['setSettings', [{ notifications: false }]]));
  });
});
