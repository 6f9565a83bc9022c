/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { FluentProBridge } from '../../electron/shared/api.js';
import {
  appTestsOnly,
  clickTrayItem,
  closeApp,
  dropFiles,
  job,
  launchApp,
  mainWindow,
  makeAppDirs,
  openTrayMenu,
  snap,
  spec,
  traysSeen,
  trayTitles,
  useSettings,
  watchTray,
  type MenuItemView,
} from './electron-app-fixture.js';

// The menu bar icon: its title and menu built from the queue's state, and what its items do.
// A native menu cannot be read or clicked by Playwright: the Tray prototype is watched from the
// main process (see watchTray) and the menu the icon would show is read and clicked there.
appTestsOnly();

const labels = (items: MenuItemView[]) => items.map((i) => (i.type === 'separator' ? '—' : i.label));
const item = (items: MenuItemView[], label: string) => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no "${label}" in the menu: ${labels(items).join(' | ')}`);
  return found;
};

test('the menu bar: running count, status, next schedule, pause and resume, Schedules…, reopening the window', async () => {
  const dirs = makeAppDirs();
  const app = await launchApp(dirs);
  try {
    let window = await mainWindow(app);
    await useSettings(window, { outDir: dirs.out, concurrency: 1, lessonConcurrency: 1 });
    await watchTray(app);

    // A schedule, through the same bridge the Schedules page uses: the menu names it.
    const inbox = join(dirs.root, 'Inbox');
    mkdirSync(inbox);
    await window.evaluate(
      (folder) => (window as unknown as { fluentpro: FluentProBridge }).fluentpro.addSchedule({ name: 'nightly', cron: '0 2 * * *', folder }),
      inbox,
    );

    await dropFiles(window, [
      { name: 'tray-one.course.yaml', content: spec('Tray One', 30) },
      { name: 'tray-two.course.yaml', content: spec('Tray Two', 3) },
    ]);
    await expect(job(window, 'Tray One', 'Running')).toBeVisible();
    await expect(job(window, 'Tray Two', 'Queued')).toBeVisible();
    // The icon's title is the running count; setTitle on a change of the jobs also shows us the Tray.
    await expect.poll(() => traysSeen(app)).toBe(1);
    await expect.poll(async () => (await trayTitles(app)).at(-1)).toBe('1');

    // The menu, as a click on the icon opens it.
    const menu = await openTrayMenu(app, 'click');
    expect(menu[0]).toMatchObject({ label: '1 running · 1 queued', enabled: false });
    expect(menu[1]!.label).toMatch(/^Next: nightly, \w{3} 02:00$/);
    expect(labels(menu)).toEqual([
      '1 running · 1 queued',
      menu[1]!.label,
      '—',
      'Pause Queue',
      'Run a Schedule Now',
      '—',
      'Open FluentPro',
      'Schedules…',
      '—',
      menu[9]!.label,
      '—',
      'Quit FluentPro',
    ]);
    expect(labels(item(menu, 'Pause Queue').submenu!)).toEqual([expect.stringMatching(/^Until (Tomorrow )?22:00$/), expect.stringMatching(/^Until (Tomorrow )?07:00$/), 'Until I Resume']);
    expect(item(menu, 'Run a Schedule Now')).toMatchObject({ enabled: true });
    expect(labels(item(menu, 'Run a Schedule Now').submenu!)).toEqual(['nightly']);
    // Launch at Login is only read: clicking it would make the test's Electron a login item.
    expect(menu[9]).toMatchObject({ type: 'checkbox', label: expect.stringMatching(/^Launch at Login( \(approve in System Settings\))?$/) });
    await snap(window, 'tray-01-running');

    // Pause Queue ▸ Until I Resume: the window says the queue is paused; the running course goes on.
    await clickTrayItem(app, ['Pause Queue', 'Until I Resume']);
    const banner = window.getByRole('region', { name: 'Queue paused' });
    await expect(banner).toContainText('Paused until you resume');
    await expect(banner).toContainText('1 queued course waits');
    await snap(window, 'tray-02-paused');

    // A right-click opens the same menu, now with the pause in it.
    const paused = await openTrayMenu(app, 'right-click');
    expect(paused[0]!.label).toMatch(/^Paused · (1 running · )?1 queued$/);
    expect(labels(paused)).toContain('Resume Queue');
    expect(labels(paused)).not.toContain('Pause Queue');
    await clickTrayItem(app, ['Resume Queue']);
    await expect(banner).toHaveCount(0);

    // Schedules…: the window shows the Schedules page.
    await openTrayMenu(app);
    await clickTrayItem(app, ['Schedules…']);
    await expect(window.getByRole('region', { name: 'Schedules' }).getByRole('article', { name: 'nightly' })).toBeVisible();
    await snap(window, 'tray-03-schedules');

    // Closing the window leaves the app and its queue running; Open FluentPro brings a window back.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().forEach((w) => w.close()));
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(0);
    const reopened = app.waitForEvent('window');
    await openTrayMenu(app);
    await clickTrayItem(app, ['Open FluentPro']);
    window = await reopened;
    await expect(job(window, 'Tray One', /Running|Finished/)).toBeVisible();

    // When nothing runs, the icon shows no count and the menu says Idle.
    await expect(job(window, 'Tray Two', 'Finished')).toBeVisible({ timeout: 60_000 });
    await expect(job(window, 'Tray One', 'Finished')).toBeVisible();
    await expect.poll(async () => (await trayTitles(app)).at(-1)).toBe('');
    expect((await openTrayMenu(app))[0]!.label).toBe('Idle');
    await snap(window, 'tray-04-idle');
  } finally {
    await closeApp(app);
  }
});
