import { app, BrowserWindow, dialog, ipcMain, Menu } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAppCore, type AppCore } from '../core/api/app-core.js';
import { defaultDataDir } from '../core/config/settings.js';
import { buildAppMenu } from './app-menu.js';
import { finder } from './finder.js';
import { forwardEvents, registerApiHandlers } from './ipc-handlers.js';
import { KeychainSecretStore } from './keychain-secret-store.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { createMainWindow, denyAllPermissions, isAppUrl } from './main-window.js';
import { isSpecPath, specPathsIn } from './spec-paths.js';
import { UtilityProcessHost } from './utility-process-host.js';

// Thin glue: everything it calls lives in electron/core and is tested there.

const here = fileURLToPath(new URL('.', import.meta.url));
const paths = {
  preload: join(here, 'preload.cjs'),
  renderer: join(here, '..', '..', 'renderer'),
  workerEntry: join(here, '..', 'worker', 'worker-entry.js'),
  examples: app.isPackaged ? join(process.resourcesPath, 'examples') : join(here, '..', '..', '..', 'examples'),
};

let core: AppCore | undefined;
let window: BrowserWindow | undefined;
let quitConfirmed = false;
const pendingFiles: string[] = [];

function addSpecs(files: string[]): void {
  const specs = files.filter(isSpecPath);
  if (!specs.length) return;
  if (!core) pendingFiles.push(...specs);
  else void core.service.addSpecPaths(specs);
  showWindow();
}

function showWindow(): void {
  if (!app.isReady()) return;
  if (!window || window.isDestroyed()) window = createMainWindow(paths);
  else {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
}

registerAppScheme(); // before ready, as Electron requires

// Registered before 'ready', or files opened at a cold launch (Finder, Dock) are lost.
app.on('open-file', (event, path) => {
  event.preventDefault();
  addSpecs([path]);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => addSpecs(specPathsIn(argv)));
  app.whenReady().then(start, (error: unknown) => {
    dialog.showErrorBox('FluentPro could not start', String(error));
    app.exit(1);
  });
}

function start(): void {
  denyAllPermissions();
  serveRenderer(paths.renderer);
  const dataDir = defaultDataDir(); // shared with the fluentpro command
  core = startAppCore({
    dataDir,
    host: new UtilityProcessHost(paths.workerEntry),
    secrets: new KeychainSecretStore(dataDir),
    files: finder,
    defaultOutDir: join(app.getPath('documents'), 'FluentPro'),
    examplesDir: paths.examples,
  });
  registerApiHandlers(ipcMain, core.service, isAppUrl);
  forwardEvents(core.service, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  app.setAboutPanelOptions({ applicationName: 'FluentPro', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(
    buildAppMenu({
      addSpecs: async () => {
        const result = await dialog.showOpenDialog({ title: 'Add Course Specs', properties: ['openFile', 'multiSelections'], filters: [{ name: 'Course specs', extensions: ['yaml', 'yml', 'json'] }] });
        if (!result.canceled) addSpecs(result.filePaths);
      },
    }),
  );
  showWindow();
  addSpecs(specPathsIn(process.argv));
  if (pendingFiles.length) addSpecs(pendingFiles.splice(0));
}

// Closing the window leaves the app (and the queue) running, as Mac apps do.
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin' && !(core && core.orchestrator.runningCount > 0)) app.quit();
});
app.on('activate', () => showWindow());

app.on('before-quit', (event) => {
  if (!core || quitConfirmed) return;
  event.preventDefault();
  const running = core.orchestrator.runningCount;
  const ask = running
    ? dialog.showMessageBox({
        type: 'question',
        buttons: ['Quit', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `${running} course${running > 1 ? 's are' : ' is'} being written. Quit anyway?`,
        detail: 'Finished lessons are saved. The courses continue where they stopped the next time you open FluentPro.',
      })
    : Promise.resolve({ response: 0 });
  void ask.then(async ({ response }) => {
    if (response !== 0) return;
    quitConfirmed = true;
    await core?.close(); // running jobs go back to the queue with their checkpoints
    app.quit();
  });
});
