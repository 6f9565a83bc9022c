import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, shell } from 'electron';
import { constants, existsSync } from 'node:fs';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppCore, type AppCore } from '../core/api/app-core.js';
import type { AddSpecResult, AppPage } from '../shared/api.js';
import { buildAppMenu } from './app-menu.js';
import { chooseAppDataDir, userDataOverride, workerEntryOverride } from './app-paths.js';
import { finder } from './finder.js';
import { forwardEvents, registerApiHandlers, sendEvent } from './ipc-handlers.js';
import { KeychainSecretStore } from './keychain-secret-store.js';
import { webContentsPdfPrinter } from './pdf-printer.js';
import { saveDialogTarget } from './save-dialog.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { createMainWindow, denyAllPermissions, hasLoaded, isAppUrl } from './main-window.js';
import { clearMissedNotices, notificationProblem, showNotice, startNotifications } from './notifications.js';
import { isSpecPath, specPathsIn } from './spec-paths.js';
import { describeStartFailure, setQueueAside } from './start-failure.js';
import { startMenuBar } from './tray.js';
import { UtilityProcessHost } from './utility-process-host.js';

// Thin glue: everything it calls lives in electron/core and is tested there. Every failure here
// ends in a dialog that says what failed and what to do: Electron only prints a warning for an
// error thrown or rejected in the main process, which leaves a Dock icon and nothing else.

const here = fileURLToPath(new URL('.', import.meta.url));
const paths = {
  preload: join(here, 'preload.cjs'),
  renderer: join(here, '..', '..', 'renderer'),
  // The worker bootstrap (worker-entry.js imports only worker-bootstrap.js, which loads the engine).
  workerEntry: workerEntryOverride(process.env, app.isPackaged) ?? join(here, '..', 'worker', 'worker-entry.js'),
  examples: app.isPackaged ? join(process.resourcesPath, 'examples') : join(here, '..', '..', '..', 'examples'),
  // Absolute, outside the asar archive (electron-builder.yml extraResources); @2x beside it.
  trayIcon: app.isPackaged ? join(process.resourcesPath, 'trayTemplate.png') : join(here, '..', '..', '..', 'build', 'trayTemplate.png'),
  // The manual, opened by Help › FluentPro Help (bundled by electron-builder.yml extraResources).
  readme: app.isPackaged ? join(process.resourcesPath, 'README.md') : join(here, '..', '..', '..', 'README.md'),
  // In development, better-sqlite3 built for Electron's ABI in its own folder (npm start makes it),
  // so node_modules keeps the build for Node and `fluentpro` keeps working. Packaged: the app's own copy.
  sqliteBinding: app.isPackaged ? undefined : join(here, '..', '..', '..', 'node_modules', '.electron-abi', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
};
/** How long quitting waits for the queue to stop before it quits anyway. */
const CLOSE_TIMEOUT_MS = 15_000;
/**
 * The same at logout, restart or shutdown, when macOS waits for FluentPro: enough for workers to
 * stop (the orchestrator gives them 2 s) and the database to close. A job cut short resumes from its
 * last saved step next launch either way.
 */
const SHUTDOWN_CLOSE_TIMEOUT_MS = 3_000;

let core: AppCore | undefined;
let dataDir: string | undefined;
let window: BrowserWindow | undefined;
let quitConfirmed = false;
let quitting = false;
/** The app: protocol and the IPC handlers are in place (once per app: Electron refuses a second registration). */
let serving = false;
const pendingFiles: string[] = [];
/** Results of specs added from outside the page, not yet sent to a loaded page. */
const unsent: AddSpecResult[] = [];
/** The page the menu bar asked for ("Schedules…"), sent once the page has loaded. */
let unsentPage: AppPage | undefined;
/** Undoes the menu bar and the notifications (a restart after a failed start sets them up again). */
let stopMenuBar: (() => void) | undefined;
/** Where the Add dialog opens: the folder of the last spec added from Finder, the Dock or the dialog. */
let lastSpecFolder: string | undefined;

/** Adds spec files opened from Finder, the Dock, the Add dialog or a second instance. */
function addSpecs(files: string[]): void {
  const specs = files.filter(isSpecPath);
  if (!specs.length) return;
  lastSpecFolder = dirname(specs.at(-1)!);
  if (!core) pendingFiles.push(...specs);
  else {
    core.service.addSpecPaths(specs).then(showAddResults, (error: unknown) =>
      showAddResults(specs.map((path) => ({ name: path, ok: false, problems: [{ path: '', message: (error as Error).message ?? String(error) }] }))),
    );
  }
  showWindow();
}

/** The files not added reach the same panel as a drop; with no window open, a notification says so. */
function showAddResults(results: AddSpecResult[]): void {
  const refused = results.filter((r) => !r.ok);
  if (!refused.length) return;
  unsent.push(...results);
  if (window && !window.isDestroyed()) return sendUnsent();
  showNotice(
    {
      title: refused.length === 1 ? `${refused[0]!.name} was not added` : `${refused.length} course specs were not added`,
      body: 'Open FluentPro to see what to change.',
    },
    () => showWindow(),
  );
}

function sendUnsent(): void {
  // Not webContents.isLoading(): it is still true inside did-finish-load (electron/electron#43370).
  if (!window || window.isDestroyed() || !hasLoaded(window)) return;
  if (unsent.length) sendEvent(window.webContents, 'specsAdded', unsent.splice(0));
  if (unsentPage) sendEvent(window.webContents, 'showPage', unsentPage);
  unsentPage = undefined;
}

function showWindow(page?: AppPage): void {
  if (!app.isReady()) return;
  clearMissedNotices();
  if (page) unsentPage = page;
  if (!window || window.isDestroyed()) window = createMainWindow(paths, { onLoaded: sendUnsent, onLoadFailed: windowFailed });
  else {
    if (window.isMinimized()) window.restore();
    window.focus();
    sendUnsent();
  }
}

function windowFailed(error: Error): void {
  void dialog
    .showMessageBox({
      type: 'error',
      message: 'FluentPro’s window could not be shown.',
      detail: `${error.message}\n\nThe queue keeps running. If this happens again, download FluentPro again and replace the app in Applications; your queue and courses are kept.`,
      buttons: ['Try Again', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    })
    .then(({ response }) => {
      if (response === 0) {
        window?.destroy();
        window = undefined;
        showWindow();
      } else app.quit();
    }, () => app.quit());
}

// Before ready: a userData of its own for tests and development (the single-instance lock
// belongs to userData, so they would otherwise quit at once while an installed FluentPro runs).
const customUserData = userDataOverride(process.argv, process.env);
if (customUserData) app.setPath('userData', customUserData);

registerAppScheme(); // before ready, as Electron requires

// Registered before 'ready', or files opened at a cold launch (Finder, Dock) are lost.
app.on('open-file', (event, path) => {
  event.preventDefault();
  addSpecs([path]);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Relative paths in a second `open`'s command line are relative to where it ran.
  app.on('second-instance', (_event, argv, workingDirectory) => addSpecs(specPathsIn(argv, workingDirectory)));
  // A catch after then(start), not then(start, onError): an error inside start() must reach it.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => startFailed(error));
}

async function start(): Promise<void> {
  setUpOnce();
  const chosen = chooseAppDataDir({ customUserData });
  dataDir = chosen.dir;
  if (chosen.moved.length) console.info(`FluentPro: moved ${chosen.moved.join(', ')} into ${dataDir}`);
  if (!core) await openCore(dataDir);
  app.setAboutPanelOptions({ applicationName: 'FluentPro', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(
    buildAppMenu({
      addSpecs: () => void chooseSpecs(),
      // The page knows which course is in view: it opens that course's Export menu, or says how to open one.
      exportCourse: () => window && !window.isDestroyed() && sendEvent(window.webContents, 'exportRequested', null),
      openHelp: () => void openDoc(paths.readme),
      openSpecReference: () => void openDoc(join(paths.examples, 'COURSE-SPEC.md')),
      openExamples: () => void openDoc(paths.examples),
    }),
  );
  showWindow();
  addSpecs(specPathsIn(process.argv, process.cwd()));
  if (pendingFiles.length) addSpecs(pendingFiles.splice(0));
  void checkOutputFolder();
}

/**
 * What is set up once per app, not per start attempt: "Start with a New Queue" and "Try Again" run
 * start() again, and Electron throws on a second protocol.handle ("Failed to register protocol:
 * app") or ipcMain.handle for a channel. The handlers reach whichever core is open now.
 */
function setUpOnce(): void {
  if (serving) return;
  serving = true;
  denyAllPermissions();
  // The viewer's clips come from whichever core is open now, and only from files its clips.json names.
  serveRenderer(paths.renderer, (jobId, file) => (core ? core.service.courses.readClip(jobId, file) : Promise.reject(new Error('no queue open'))));
  // Settings says when macOS refuses FluentPro's notifications: only main knows.
  registerApiHandlers(ipcMain, () => core?.service, isAppUrl, {
    settings: (settings) => {
      const problem = notificationProblem();
      return problem ? { ...settings, notificationProblem: problem } : settings;
    },
  });
  // Logout, restart, shutdown (after ready: powerMonitor needs it). preventDefault: macOS waits
  // for FluentPro to quit by itself (shell/browser/mac/electron_application.mm) instead of
  // quitting it as ⌘Q does, which would ask about running courses and block the logout.
  // (electron.d.ts types the listener without arguments; docs/api/power-monitor.md and
  // electron_api_power_monitor.cc ShouldShutdown pass the event that takes preventDefault.)
  const onShutdown = (event?: Pick<Electron.Event, 'preventDefault'>) => {
    event?.preventDefault();
    void quitForShutdown();
  };
  powerMonitor.on('shutdown', onShutdown as () => void);
  // Back from sleep (docs/api/power-monitor.md, Event: 'resume'): batch polls missed while asleep
  // are overdue; make them now instead of at the next interval.
  powerMonitor.on('resume', () => core?.batches.wake());
}

/** Opens a bundled document with its default app (or a folder in Finder); says so when it cannot. */
async function openDoc(path: string): Promise<void> {
  const problem = await shell.openPath(path);
  if (problem) await dialog.showMessageBox({ type: 'warning', message: 'FluentPro could not open its documentation', detail: `${path}: ${problem}` });
}

async function openCore(dir: string): Promise<void> {
  const secrets = new KeychainSecretStore(dir);
  await secrets.load(); // asks the Keychain only when a key file exists, without blocking
  core = startAppCore({
    dataDir: dir,
    host: new UtilityProcessHost(paths.workerEntry),
    secrets,
    files: finder,
    saveTarget: saveDialogTarget,
    pdfPrinter: webContentsPdfPrinter(),
    defaultOutDir: join(app.getPath('documents'), 'FluentPro'),
    examplesDir: paths.examples,
    ...(paths.sqliteBinding && existsSync(paths.sqliteBinding) ? { sqliteBinding: paths.sqliteBinding } : {}),
  });
  forwardEvents(core.service, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  // The queue can no longer be written (the data folder's disk is full): the workers were stopped,
  // what was saved is kept; say so and the way out, instead of jobs that silently stand still.
  core.orchestrator.onDidFail((error) => {
    void dialog.showMessageBox({ type: 'error', message: 'FluentPro stopped writing courses.', detail: `${error.message.replace('run "fluentpro run"', 'quit and open FluentPro again')}.`, buttons: ['OK'] });
  });
  stopMenuBar?.();
  const menuBar = startMenuBar({ core, iconPath: paths.trayIcon, showWindow, addSpecs, quit: () => app.quit() });
  const notifications = startNotifications(core, () => showWindow());
  stopMenuBar = () => (menuBar(), notifications());
}

async function chooseSpecs(): Promise<void> {
  try {
    const result = await dialog.showOpenDialog({
      title: 'Add Course Specs',
      // Electron 43+ opens in Downloads unless told: open where the last spec came from.
      ...(lastSpecFolder ? { defaultPath: lastSpecFolder } : {}),
      properties: ['openFile', 'multiSelections'],
      filters: [{ name: 'Course specs', extensions: ['yaml', 'yml', 'json'] }],
    });
    if (!result.canceled) addSpecs(result.filePaths);
  } catch (error) {
    dialog.showErrorBox('The Add dialog could not be opened', (error as Error).message);
  }
}

/** What failed at start, what to do, and the buttons that do it. */
async function startFailed(error: unknown): Promise<void> {
  console.error('FluentPro could not start:', error);
  const failure = describeStartFailure(error, dataDir ?? app.getPath('userData'));
  try {
    const { response } = await dialog.showMessageBox({
      type: 'error',
      message: failure.message,
      detail: failure.detail,
      buttons: failure.buttons.map((b) => b.label),
      defaultId: 0,
      cancelId: failure.buttons.length - 1,
    });
    const action = failure.buttons[response]?.action ?? 'quit';
    if (action === 'fresh-queue' && dataDir) {
      const aside = setQueueAside(dataDir);
      console.info(`FluentPro: the damaged queue is kept as ${aside}`);
      return await restart();
    }
    if (action === 'retry') return await restart();
    if (action === 'reveal' && failure.path) shell.showItemInFolder(failure.path);
  } catch (dialogError) {
    dialog.showErrorBox(failure.message, `${failure.detail}\n\n(${(dialogError as Error).message})`);
  }
  app.exit(1);
}

async function restart(): Promise<void> {
  try {
    await start();
  } catch (error) {
    await startFailed(error);
  }
}

/**
 * Writing to ~/Documents asks macOS for permission (NSDocumentsFolderUsageDescription says why).
 * Asked here, once, at a moment the person can connect with FluentPro; if refused, they are told
 * how to allow it or to pick another folder, instead of courses failing one by one.
 */
async function checkOutputFolder(): Promise<void> {
  if (!core) return;
  const { outDir } = await core.service.getSettings();
  const documents = app.getPath('documents');
  const inside = relative(documents, outDir);
  if (inside.startsWith('..') || isAbsolute(inside)) return;
  try {
    await mkdir(outDir, { recursive: true });
    const probe = join(outDir, '.fluentpro-write-check');
    await writeFile(probe, '');
    await rm(probe, { force: true });
    await access(outDir, constants.W_OK);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'EPERM' && code !== 'EACCES') return; // anything else shows in the job that meets it
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      message: 'FluentPro may not write to your Documents folder.',
      detail: `Courses are written to ${outDir}. To allow it, open System Settings › Privacy & Security › Files and Folders, and turn on “Documents Folder” under FluentPro. Or choose another folder for your courses.`,
      buttons: ['Open Privacy Settings', 'Choose Another Folder…', 'Later'],
      defaultId: 0,
      cancelId: 2,
    });
    if (response === 0) await shell.openExternal('x-apple.systempreferences:com.apple.preference.security?Privacy_FilesAndFolders');
    if (response === 1) {
      const chosen = await dialog.showOpenDialog({ title: 'Folder for Your Courses', properties: ['openDirectory', 'createDirectory'] });
      if (!chosen.canceled && chosen.filePaths[0]) await core.service.setSettings({ outDir: chosen.filePaths[0] });
    }
  }
}

// Closing the window leaves the app (and the queue) running, as Mac apps do.
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin' && !(core && core.orchestrator.runningCount > 0)) app.quit();
});
app.on('activate', () => showWindow());

app.on('before-quit', (event) => {
  if (!core || quitConfirmed) return;
  event.preventDefault();
  if (quitting) return; // a second ⌘Q while the first is asking or closing
  quitting = true;
  void confirmAndQuit().finally(() => (quitting = false));
});

async function confirmAndQuit(): Promise<void> {
  const running = core?.orchestrator.runningCount ?? 0;
  if (running) {
    const { response } = await dialog
      .showMessageBox({
        type: 'question',
        buttons: ['Quit', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `${running} course${running > 1 ? 's are' : ' is'} being written. Quit anyway?`,
        detail: 'Finished lessons are saved. The courses continue where they stopped the next time you open FluentPro.',
      })
      .catch(() => ({ response: 0 })); // a question that cannot be asked does not keep the app open
    if (response !== 0) return;
  }
  if (quitConfirmed) return; // the system is shutting down meanwhile: that quit goes on without us
  quitConfirmed = true;
  try {
    // Running jobs go back to the queue with their checkpoints.
    await closeWithin(core!, CLOSE_TIMEOUT_MS);
  } catch (error) {
    console.error('FluentPro: the queue did not close cleanly:', error);
    await dialog
      .showMessageBox({
        type: 'warning',
        message: 'FluentPro could not close its queue cleanly.',
        detail: `${(error as Error).message}\n\nFluentPro quits now. Courses that were being written continue from their last finished lesson the next time you open it.`,
        buttons: ['Quit'],
      })
      .catch(() => undefined);
  }
  app.quit();
}

/**
 * The Mac is logging out, restarting or shutting down: no question (it would hold up the logout,
 * and "Finished lessons are saved" holds anyway), no dialog, and a short wait for the queue
 * instead of 15 s. Running jobs go back to the queue and resume at the next launch.
 */
async function quitForShutdown(): Promise<void> {
  quitConfirmed = true;
  if (core) {
    await closeWithin(core, SHUTDOWN_CLOSE_TIMEOUT_MS).catch((error: unknown) => console.error('FluentPro: the queue did not close before shutdown:', error));
  }
  app.quit();
}

/** The queue's close, started once: a shutdown during a quit waits for the same close. */
let closing: Promise<void> | undefined;

function closeWithin(target: AppCore, ms: number): Promise<void> {
  closing ??= target.close();
  const closed = closing;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the queue did not stop within ${ms / 1000} s`)), ms);
    closed.then(
      () => (clearTimeout(timer), resolve()),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
