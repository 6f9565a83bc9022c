import { app, BrowserWindow, session } from 'electron';
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

/**
 * `npm run dev`: the page comes from Vite's dev server on this machine, for hot reload. Only for
 * an app that is not packaged, only from FLUENTPRO_DEV_SERVER_URL, and only on loopback.
 */
export function devServerUrl(env: NodeJS.ProcessEnv = process.env, packaged = app.isPackaged): string | undefined {
  const value = env.FLUENTPRO_DEV_SERVER_URL;
  if (packaged || !value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ? url.origin + '/' : undefined;
  } catch {
    return undefined;
  }
}

/** Only our own page, served from app://fluentpro (or, in development, the dev server), may call the API. */
export function isAppUrl(url: string): boolean {
  try {
    // Compared by parts: Node's URL gives non-special schemes the origin "null".
    const parsed = new URL(url);
    if (parsed.protocol === 'app:' && parsed.host === 'fluentpro') return true;
    const dev = devServerUrl();
    return dev !== undefined && parsed.origin === new URL(dev).origin;
  } catch {
    return false;
  }
}

/** Windows whose page has finished loading (and not started another load since). */
const loaded = new WeakSet<BrowserWindow>();

/** The window's page has loaded: events sent now reach its listeners. */
export function hasLoaded(window: BrowserWindow): boolean {
  return loaded.has(window);
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
  // Our own flag, not webContents.isLoading(): that is still true inside did-finish-load
  // (electron/electron#43370), so events held for the page would wait for a load that never comes.
  window.webContents.on('did-start-loading', () => loaded.delete(window));
  window.webContents.on('did-finish-load', () => {
    loaded.add(window);
    hooks.onLoaded?.();
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  const home = devServerUrl() ?? APP_HOME;
  window.loadURL(home).catch((error: unknown) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (hooks.onLoadFailed) hooks.onLoadFailed(failure);
    else console.error(`FluentPro: the window could not load ${home}: ${failure.message}`);
  });
  return window;
}

/** No camera, microphone, notifications or anything else for the page. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
