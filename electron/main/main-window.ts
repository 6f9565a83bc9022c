import { BrowserWindow, session } from 'electron';
import { APP_HOME } from './app-protocol.js';

export interface WindowPaths {
  preload: string;
}

export interface WindowHooks {
  /** The page did not load (a missing or damaged renderer): main tells the person. */
  onLoadFailed?: (error: Error) => void;
  /** The page finished loading: events kept for it can be sent. */
  onLoaded?: () => void;
}

/** Only our own page, served from app://fluentpro, may call the API. */
export function isAppUrl(url: string): boolean {
  try {
    // Compared by parts: Node's URL gives non-special schemes the origin "null".
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'fluentpro';
  } catch {
    return false;
  }
}

/**
 * The jobs window, locked down as Electron's security checklist asks: isolated, sandboxed,
 * no Node in the page, no navigation away, no new windows, no permissions.
 */
export function createMainWindow(paths: WindowPaths, hooks: WindowHooks = {}): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    title: 'FluentPro',
    show: false,
    webPreferences: {
      // Reviewed: the preload exposes only window.fluentpro (the typed API); see glue.test.ts.
      preload: paths.preload, /* eng-disable PRELOAD_JS_CHECK */
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      // Middle-click would open links in new windows; they are denied anyway, this stops the event.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.webContents.on('will-navigate', (event) => {
    // A dropped file that the page did not handle would navigate to it: never leave the app.
    // (The URL is read from the event's details; the positional argument is deprecated.)
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  window.webContents.on('did-finish-load', () => hooks.onLoaded?.());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_HOME).catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (hooks.onLoadFailed) hooks.onLoadFailed(failure);
    else console.error(`FluentPro: the window could not load ${APP_HOME}: ${failure.message}`);
  });
  return window;
}

/** No camera, microphone, notifications or anything else for the page. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
