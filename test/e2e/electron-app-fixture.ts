/// <reference lib="dom" />
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { Menu as ElectronMenu, MessageBoxOptions, MessageBoxSyncOptions, TitleOptions, Tray as ElectronTray } from 'electron';

// The real FluentPro app, driven by Playwright's Electron driver (test/e2e/electron-*.spec.ts).
//
// Development build (default): `npm run test:app` builds dist/, builds better-sqlite3 for
// Electron's ABI into node_modules/.electron-abi (as `npm start` does), then launches
// `electron .` from the repository. Packaged build: FLUENTPRO_APP_PATH names the app made by
// `electron-builder --mac --dir` (FluentPro.app, or its Contents/MacOS/FluentPro), launched as is.
//
// Every launch has a userData, a data folder and an output folder of its own (temporary), so
// the tests run beside an installed FluentPro without touching its queue, its single-instance
// lock or its courses.

export const ROOT = join(import.meta.dirname, '..', '..');
/** better-sqlite3 built for Electron's ABI, which the development app loads (build/rebuild-native-for-electron.mjs). */
const ELECTRON_SQLITE = join(ROOT, 'node_modules', '.electron-abi', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** The packaged app's executable when FLUENTPRO_APP_PATH is set (the .app bundle or the executable in it). */
export function packagedExecutable(): string | undefined {
  const given = process.env.FLUENTPRO_APP_PATH;
  if (!given) return undefined;
  const path = resolve(ROOT, given);
  return path.endsWith('.app') ? join(path, 'Contents', 'MacOS', basename(path, '.app')) : path;
}

/** Why the app tests cannot run here, or undefined when they can. */
export function whyAppTestsCannotRun(): string | undefined {
  if (process.platform !== 'darwin') {
    // The electron package writes path.txt once it has downloaded its binary.
    const binary = existsSync(join(ROOT, 'node_modules', 'electron', 'path.txt')) ? '' : ' and has no Electron binary';
    return `the real FluentPro app runs only on macOS, and this machine is not a Mac${binary}: GitHub’s macOS runners run these (ci.yml, release.yml); on a Mac, npm run test:app`;
  }
  const packaged = packagedExecutable();
  if (packaged && !existsSync(packaged)) return `FLUENTPRO_APP_PATH names no app: ${packaged} does not exist (build it with npx electron-builder --mac --dir)`;
  if (!packaged && !existsSync(ELECTRON_SQLITE)) return 'better-sqlite3 is not built for Electron yet (node_modules/.electron-abi): run npm run test:app, which builds it';
  return undefined;
}

/** Skips the file's tests, with the reason, where the real app cannot run; gives them time where it can. */
export function appTestsOnly(): void {
  const reason = whyAppTestsCannotRun();
  test.skip(reason !== undefined, reason ?? '');
  // An app launch, a few demo courses and a relaunch take longer than a page test.
  test.describe.configure({ timeout: 180_000 });
}

export interface AppDirs {
  root: string;
  /** Electron's userData (--user-data-dir): the single-instance lock, Chromium's files. */
  userData: string;
  /** FLUENTPRO_DATA_DIR: the queue database. */
  data: string;
  /** Where courses are written (set through Settings before any job is added). */
  out: string;
  /** Spec files the tests write. */
  specs: string;
}

export function makeAppDirs(): AppDirs {
  const root = mkdtempSync(join(tmpdir(), 'fluentpro-app-'));
  const dirs = { root, userData: join(root, 'user-data'), data: join(root, 'data'), out: join(root, 'courses'), specs: join(root, 'specs') };
  for (const dir of [dirs.userData, dirs.data, dirs.out, dirs.specs]) mkdirSync(dir, { recursive: true });
  return dirs;
}

/** A spec as a course author writes it. */
export const spec = (title: string, lessons: number) => `title: ${title}\nlanguage: Spanish\nlevel: A1\nlessons: ${lessons}\n`;

export function writeSpec(dirs: AppDirs, name: string, content: string): string {
  const path = join(dirs.specs, name);
  writeFileSync(path, content);
  return path;
}

/** The environment of a launch: no API key (the demo provider), the test's own data folder. */
export function appEnv(dirs: AppDirs, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.FLUENTPRO_USER_DATA_DIR;
  return { ...env, FLUENTPRO_DATA_DIR: dirs.data, OPENAI_API_KEY: '', OPENAI_BASE_URL: '', ...extra };
}

/** The command line of the app after the executable: `.` (the repository) in development, nothing packaged. */
export function appArgs(dirs: AppDirs, extra: string[] = []): string[] {
  return [...(packagedExecutable() ? [] : ['.']), `--user-data-dir=${dirs.userData}`, ...extra];
}

export interface LaunchOptions {
  /** Button labels that answer the app's message boxes, in order of preference (default: each box's cancel button). */
  answers?: string[];
  /** Without FLUENTPRO_DATA_DIR: the app's own choice, `<userData>/Data`. */
  defaultDataDir?: boolean;
  /** More arguments after the app's (spec files). */
  args?: string[];
  /** More environment (FLUENTPRO_WORKER_ENTRY: a worker of the test's own, development only). */
  env?: Record<string, string>;
}

/**
 * Launches the app. In development a module loaded before the app (`-r`, as Playwright loads its
 * own) answers message boxes from the first one on: a native dialog at start-up would otherwise
 * wait for a person. The packaged app accepts no `-r`: there the stub is installed right after
 * launch (in time for every dialog but one at start-up).
 */
export async function launchApp(dirs: AppDirs, options: LaunchOptions = {}): Promise<ElectronApplication> {
  const executablePath = packagedExecutable();
  const answers = options.answers ?? [];
  const env = appEnv(dirs, options.env);
  if (options.defaultDataDir) delete env.FLUENTPRO_DATA_DIR;
  let preload: string[] = [];
  if (!executablePath) {
    const stub = join(dirs.root, `answer-dialogs-${Date.now()}.cjs`);
    writeFileSync(stub, dialogStubModule(answers));
    preload = ['-r', stub];
  }
  const app = await electron.launch({
    ...(executablePath ? { executablePath } : { cwd: ROOT }),
    args: [...preload, ...appArgs(dirs, options.args)],
    env,
    timeout: 60_000,
  });
  // Main-process output in the test's log: what the app says when something fails.
  app.process().stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[app] ${chunk.toString()}`));
  if (executablePath) await app.evaluate(answerDialogs, answers);
  return app;
}

/** What the dialog stub keeps in the main process. */
interface DialogProbe {
  __fluentproDialogs?: { message: string; detail?: string; buttons: string[]; response: number }[];
  __fluentproAnswers?: string[];
  __fluentproDialogsStubbed?: boolean;
}

/**
 * Runs in the main process (serialized: it may use nothing from this file). Every message box is
 * recorded and answered with the first of `preferred` among its buttons, else its cancel button.
 * Called again, it only changes the answers.
 */
function answerDialogs({ dialog }: typeof import('electron'), preferred: string[]): void {
  const probe = globalThis as unknown as DialogProbe;
  probe.__fluentproDialogs ??= [];
  probe.__fluentproAnswers = preferred;
  if (probe.__fluentproDialogsStubbed) return;
  probe.__fluentproDialogsStubbed = true;
  const answer = (options: MessageBoxOptions | MessageBoxSyncOptions): number => {
    const buttons = options.buttons?.length ? options.buttons : ['OK'];
    const wanted = (probe.__fluentproAnswers ?? []).map((label) => buttons.indexOf(label)).find((i) => i >= 0);
    const response = wanted ?? options.cancelId ?? buttons.length - 1;
    probe.__fluentproDialogs!.push({ message: options.message, ...(options.detail ? { detail: options.detail } : {}), buttons, response });
    console.log(`[fluentpro test] message box "${options.message}" answered "${buttons[response]}"`);
    return response;
  };
  const optionsOf = <T>(args: unknown[]): T => (args.length > 1 ? args[1] : args[0]) as T;
  dialog.showMessageBox = (async (...args: unknown[]) => ({ response: answer(optionsOf<MessageBoxOptions>(args)), checkboxChecked: false })) as typeof dialog.showMessageBox;
  dialog.showMessageBoxSync = ((...args: unknown[]) => answer(optionsOf<MessageBoxSyncOptions>(args))) as typeof dialog.showMessageBoxSync;
  dialog.showErrorBox = (title: string, content: string) => {
    probe.__fluentproDialogs!.push({ message: title, detail: content, buttons: [], response: 0 });
    console.log(`[fluentpro test] error box "${title}": ${content}`);
  };
}

/** answerDialogs as a CommonJS module for `-r`: the same function Playwright's evaluate would send. */
export function dialogStubModule(answers: string[]): string {
  return `(${answerDialogs.toString()})(require('electron'), ${JSON.stringify(answers)});\n`;
}

/** From now on, message boxes are answered with the first of these labels among their buttons. */
export async function answerWith(app: ElectronApplication, labels: string[]): Promise<void> {
  await app.evaluate(answerDialogs, labels);
}

/** Every message box the app has shown since launch. */
export async function shownDialogs(app: ElectronApplication): Promise<NonNullable<DialogProbe['__fluentproDialogs']>> {
  return app.evaluate(() => (globalThis as unknown as DialogProbe).__fluentproDialogs ?? []);
}

/** Quits the app as ⌘Q does, answering "Quit" if courses are being written; nothing if it has gone. */
export async function closeApp(app: ElectronApplication): Promise<void> {
  if (app.process().exitCode !== null || app.process().signalCode !== null) return;
  await answerWith(app, ['Quit']).catch(() => undefined);
  await app.close();
}

/** ⌘Q: app.quit(), called after this evaluate has answered (the process may be gone soon after). */
export async function quitApp(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ app: electronApp }) => {
    setTimeout(() => electronApp.quit(), 0);
  });
}

/** A screenshot of the window as it is: test-results/e2e/electron-<name>.png (the run's output folder). */
export async function snap(window: Page, name: string): Promise<void> {
  await window.screenshot({ path: join(test.info().project.outputDir, `electron-${name}.png`) });
}

/** The main window, its page loaded: the empty board or the jobs. */
export async function mainWindow(app: ElectronApplication): Promise<Page> {
  const window = await app.firstWindow({ timeout: 60_000 });
  await window.waitForLoadState('domcontentloaded');
  await expect(window.getByRole('heading', { name: 'FluentPro', level: 1 })).toBeVisible({ timeout: 30_000 });
  return window;
}

/** Settings as a person sets them: the output folder (never ~/Documents in a test), pace, no notifications. */
export async function useSettings(window: Page, settings: { outDir: string; concurrency?: number; lessonConcurrency?: number }): Promise<void> {
  await window.getByRole('button', { name: 'Settings', exact: true }).click();
  const panel = window.getByRole('dialog', { name: 'Settings' });
  await panel.getByLabel('Output folder').fill(settings.outDir);
  if (settings.concurrency) await panel.getByLabel('Courses at once').fill(String(settings.concurrency));
  if (settings.lessonConcurrency) await panel.getByLabel('Lessons at once per course').fill(String(settings.lessonConcurrency));
  await panel.getByLabel(/^Notify me when a course/).uncheck();
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByText('Saved. New courses use these settings.')).toBeVisible();
  await panel.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(panel).toHaveCount(0);
}

/**
 * Drops files on the window. Playwright cannot drag files from Finder into Electron: this sends
 * the `drop` a browser sends, a DataTransfer of Files made in the page. Such a File has no path
 * (webUtils.getPathForFile gives ''), so the page adds it by content (addSpecContents).
 */
export async function dropFiles(window: Page, files: { name: string; content: string }[]): Promise<void> {
  const dataTransfer = await window.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: 'text/yaml' }));
    return dt;
  }, files);
  await window.dispatchEvent('[data-testid=drop-zone]', 'dragenter', { dataTransfer });
  await expect(window.getByRole('status').filter({ hasText: 'Drop course specs to queue them' })).toBeVisible();
  await window.dispatchEvent('[data-testid=drop-zone]', 'drop', { dataTransfer });
}

/** A job's row on the board: "Title, State". */
export const job = (window: Page, title: string, state: string | RegExp) =>
  window.getByRole('article', { name: typeof state === 'string' ? `${title}, ${state}` : new RegExp(`^${title}, (${state.source})$`) });

/** How many lessons a job's row says are done. */
export async function lessonsDone(window: Page, title: string): Promise<number> {
  return Number(await window.getByRole('progressbar', { name: `Lessons of ${title}` }).getAttribute('aria-valuenow'));
}

/**
 * Opens a file as Finder, the Dock or "Open With" does: the `open-file` event main listens to
 * (registered before `ready`; the handler calls preventDefault, as macOS expects).
 */
export async function openFile(app: ElectronApplication, path: string): Promise<void> {
  await app.evaluate(({ app: electronApp }, file) => {
    electronApp.emit('open-file', { preventDefault() {} }, file);
  }, path);
}

/** The Electron executable of a development launch (the `electron` package's path), or the packaged app's. */
export function appExecutable(): string {
  const packaged = packagedExecutable();
  if (packaged) return packaged;
  // Under Node, the `electron` package exports the path of its binary.
  return createRequire(join(ROOT, 'package.json'))('electron') as string;
}

/** Starts the app a second time as `open` would (no Playwright), and resolves with its exit code. */
export function launchSecondInstance(dirs: AppDirs, args: string[], timeoutMs = 30_000): Promise<number | null> {
  const child = spawn(appExecutable(), appArgs(dirs, args), { cwd: ROOT, env: appEnv(dirs), stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the second FluentPro (pid ${child.pid}) was still running after ${timeoutMs / 1000} s: it did not hand its file to the first`));
    }, timeoutMs);
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('exit', (code) => (clearTimeout(timer), resolvePromise(code)));
  });
}

/** What the tray probe records in the main process. */
interface TrayProbe {
  __fluentproTray?: { trays: ElectronTray[]; titles: string[]; menus: ElectronMenu[] };
}

/** A menu item as the test reads it. */
export interface MenuItemView {
  label: string;
  type: string;
  enabled: boolean;
  checked: boolean;
  submenu?: MenuItemView[];
}

/**
 * Watches the menu bar icon without any hook in the app: the Tray lives in a module-level
 * variable of electron/main/tray.ts that nothing else can reach, so the Tray prototype is patched
 * instead. setTitle (called on every change of the jobs) records the title and the Tray itself;
 * popUpContextMenu records the menu it is given instead of showing it (a native menu would hold
 * the main thread until a person dismissed it).
 */
export async function watchTray(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Tray }) => {
    const probe = ((globalThis as unknown as TrayProbe).__fluentproTray ??= { trays: [], titles: [], menus: [] });
    const setTitle = Tray.prototype.setTitle;
    Tray.prototype.setTitle = function (this: ElectronTray, title: string, options?: TitleOptions) {
      if (!probe.trays.includes(this)) probe.trays.push(this);
      probe.titles.push(title);
      return setTitle.call(this, title, options);
    };
    Tray.prototype.popUpContextMenu = function (this: ElectronTray, menu?: ElectronMenu) {
      if (!probe.trays.includes(this)) probe.trays.push(this);
      if (menu) probe.menus.push(menu);
    };
  });
}

/** How many Trays the probe has seen (one once the jobs changed after watchTray). */
export async function traysSeen(app: ElectronApplication): Promise<number> {
  return app.evaluate(() => (globalThis as unknown as TrayProbe).__fluentproTray?.trays.length ?? 0);
}

/** The titles the menu bar icon showed, in order. */
export async function trayTitles(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => (globalThis as unknown as TrayProbe).__fluentproTray?.titles ?? []);
}

/** Clicks (or right-clicks) the menu bar icon and reads the menu it opens, built from the state of now. */
export async function openTrayMenu(app: ElectronApplication, how: 'click' | 'right-click' = 'click'): Promise<MenuItemView[]> {
  return app.evaluate((_electron, event) => {
    const probe = (globalThis as unknown as TrayProbe).__fluentproTray;
    const tray = probe?.trays[0];
    if (!probe || !tray) throw new Error('no Tray seen yet: watchTray, then change the jobs');
    const before = probe.menus.length;
    tray.emit(event);
    const menu = probe.menus[before];
    if (!menu) throw new Error(`the menu bar icon's ${event} opened no menu`);
    const view = (m: ElectronMenu): MenuItemView[] =>
      m.items.map((item) => ({ label: item.label, type: item.type, enabled: item.enabled, checked: item.checked, ...(item.submenu ? { submenu: view(item.submenu) } : {}) }));
    return view(menu);
  }, how);
}

/** Clicks an item of the menu opened last, by its labels from the top ("Pause Queue", "Until I Resume"). */
export async function clickTrayItem(app: ElectronApplication, labels: string[]): Promise<void> {
  await app.evaluate((_electron, path) => {
    const menu = (globalThis as unknown as TrayProbe).__fluentproTray?.menus.at(-1);
    if (!menu) throw new Error('no menu opened yet');
    let items = menu.items;
    let item: (typeof items)[number] | undefined;
    for (const label of path) {
      item = items.find((i) => i.label === label);
      if (!item) throw new Error(`no item "${label}" in the menu (${items.map((i) => i.label).join(', ')})`);
      items = item.submenu?.items ?? [];
    }
    (item!.click as () => void)();
  }, labels);
}
