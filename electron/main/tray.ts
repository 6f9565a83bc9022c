import { app, Menu, nativeImage, powerMonitor, shell, Tray, type MenuItemConstructorOptions } from 'electron';
import type { AppCore } from '../core/api/app-core.js';
import { trayMenuModel, trayTitle, type TrayAction, type TrayItem, type TrayState } from '../core/api/tray-menu.js';
import type { AppPage } from '../shared/api.js';
import { missedNotices, onDidChangeMissedNotices, type MissedNotices } from './notifications.js';

// The menu bar: thin glue over trayMenuModel (electron/core/api/tray-menu.ts, tested in plain Node).

/** Kept referenced for the life of the app: a collected Tray vanishes from the menu bar. */
let tray: Tray | undefined;

export interface MenuBarOptions {
  core: Pick<AppCore, 'store' | 'service'>;
  /** Absolute path of trayTemplate.png (its @2x beside it); a template image, black with alpha. */
  iconPath: string;
  /** Shows the window, on a page when one is named. */
  showWindow(page?: AppPage): void;
  /** Spec files dropped on the icon: the same path as files opened from Finder or the Dock. */
  addSpecs(paths: string[]): void;
  quit(): void;
}

/** System Settings › General › Login Items (a literal: Electronegativity reviews every openExternal of a variable). */
const openLoginItems = () => void shell.openExternal('x-apple.systempreferences:com.apple.LoginItems-Settings.extension').catch(() => {});

/** Puts FluentPro in the menu bar and re-arms schedules on wake. Returns what undoes it. */
export function startMenuBar(options: MenuBarOptions): () => void {
  const { core } = options;
  const image = nativeImage.createFromPath(options.iconPath);
  image.setTemplateImage(true);
  tray = new Tray(image);
  tray.setToolTip('FluentPro');

  const state = (): TrayState => {
    const counts = core.store.counts();
    return {
      running: counts.running,
      queued: counts.queued,
      pause: core.service.schedules.pause,
      next: core.service.schedules.nextRun(),
      schedules: core.service.schedules.scheduleNames(),
      loginItem: app.getLoginItemSettings(),
      now: Date.now(),
    };
  };
  const updateTitle = () => {
    const missed = missedNotices();
    tray?.setTitle(withMissed(trayTitle({ running: core.store.counts().running }), missed));
    tray?.setToolTip(missed.last && missed.count ? `FluentPro: ${missed.last.title}. ${missed.last.body}` : 'FluentPro');
  };

  // Built fresh from state each time it opens. Not setContextMenu: on macOS it takes over the
  // left click, and 'click' stops firing.
  const popUp = () => tray?.popUpContextMenu(Menu.buildFromTemplate(toTemplate(trayMenuModel(state()), run)));
  tray.on('click', popUp);
  tray.on('right-click', popUp);
  tray.on('drop-files', (_event, files) => options.addSpecs(files));

  const run = (action: TrayAction) => {
    const schedules = core.service.schedules;
    const report = (error: unknown) => console.error(`FluentPro: the menu bar's ${action.type} failed:`, error);
    switch (action.type) {
      case 'pause':
        return void schedules.pauseQueue(action.untilMs === undefined ? undefined : new Date(action.untilMs).toISOString()).catch(report);
      case 'resume':
        return void schedules.resumeQueue().catch(report);
      case 'run-schedule':
        return void schedules.runScheduleNow(action.name).catch(report);
      case 'open':
        return options.showWindow();
      case 'schedules':
        return options.showWindow('schedules');
      case 'toggle-login-item':
        app.setLoginItemSettings({ openAtLogin: action.openAtLogin });
        if (app.getLoginItemSettings().status === 'requires-approval') openLoginItems();
        return;
      case 'approve-login-item':
        return openLoginItems();
      case 'quit':
        return options.quit();
    }
  };

  const offJobs = core.service.onDidChangeJobs(updateTitle);
  const offRemoved = core.service.onDidRemoveJobs(updateTitle);
  // Notifications macOS refused (an unsigned build): the title says so until the window is opened.
  const offMissed = onDidChangeMissedNotices(updateTitle);
  updateTitle();
  // Timers do not count time asleep: on wake, fire what was missed (once) and aim again.
  const onResume = () => void core.service.schedules.resume().catch((error: unknown) => console.error('FluentPro: schedules after wake:', error));
  powerMonitor.on('resume', onResume);

  return () => {
    offJobs();
    offRemoved();
    offMissed();
    powerMonitor.removeListener('resume', onResume);
    tray?.destroy();
    tray = undefined;
  };
}

/** "2 · 1 new" / "1 new": the running count, and the notices macOS did not show. */
export function withMissed(title: string, missed: Pick<MissedNotices, 'count'>): string {
  if (!missed.count) return title;
  return [title, `${missed.count} new`].filter(Boolean).join(' · ');
}

/** The model as Electron's menu template, each action wired to `run`. */
export function toTemplate(items: TrayItem[], run: (action: TrayAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'checkbox') return { type: 'checkbox', label: item.label, checked: item.checked, click: () => run(item.action) };
    const action = item.action;
    return {
      label: item.label,
      enabled: item.enabled,
      ...(item.submenu ? { submenu: toTemplate(item.submenu, run) } : {}),
      ...(action ? { click: () => run(action) } : {}),
    };
  });
}
