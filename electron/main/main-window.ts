import { BrowserWindow, session } from 'electron';
import { pathToFileURL } from 'node:url';

export interface WindowPaths {
  preload: string;
  rendererIndex: string;
}

/** The URL our page is loaded from; IPC is accepted only from it. */
export function rendererUrl(paths: WindowPaths): string {
  return pathToFileURL(paths.rendererIndex).toString();
}

/**
 * The jobs window, locked down as Electron's security checklist asks: isolated, sandboxed,
 * no Node in the page, no navigation away, no new windows, no permissions.
 */
export function createMainWindow(paths: WindowPaths): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    title: 'FluentPro',
    show: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  });
  const home = rendererUrl(paths);
  window.webContents.on('will-navigate', (event, url) => {
    // A dropped file that the page did not handle would navigate to it: never leave the app.
    if (url !== home) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(home);
  return window;
}

/** No camera, microphone, notifications or anything else for the page. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
