import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { vi } from 'vitest';

// A stand-in for the parts of Electron the glue uses. `require('electron')` under plain Node
// tries to download the binary, so every test that reaches the glue mocks it with this.

export class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = 4242;
  // As Electron's ForkUtilityProcess with stdio 'pipe' (lib/browser/api/utility-process.ts): two
  // PassThroughs, set to null once the process has exited.
  stdout: PassThrough | null = new PassThrough();
  stderr: PassThrough | null = new PassThrough();
  posted: unknown[] = [];
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: { serviceName?: string; stdio?: string; env?: Record<string, unknown> },
  ) {
    super();
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  kill() {
    this.killed = true;
    setImmediate(() => this.exitWith(0));
    return true;
  }
  /**
   * The process ends as Electron reports it (lib/browser/api/utility-process.ts, the handle's
   * `emit` for 'exit'): `exit` is emitted first, then every stdout/stderr listener is removed and
   * the streams become null. Output still in the pipe at that moment is never read, and the pipes
   * never send their end to a listener. `pid` is undefined from then on (the handle is gone).
   */
  exitWith(code: number) {
    try {
      this.emit('exit', code);
    } finally {
      this.pid = undefined;
      this.stdout?.removeAllListeners();
      this.stdout = null;
      this.stderr?.removeAllListeners();
      this.stderr = null;
    }
  }
}

/**
 * The `child-process-gone` details Electron sends for a utility process (spec/api-utility-process-spec.ts,
 * "with custom serviceName"): the fork option `serviceName` comes back as `name`; `serviceName` is
 * Chromium's own service, the same for every utility process.
 */
export function utilityGone(name: string, reason: string, exitCode: number) {
  return { type: 'Utility', reason, exitCode, serviceName: 'node.mojom.NodeService', name };
}

export function createFakeElectron() {
  const paths: Record<string, string> = {};
  const app = Object.assign(new EventEmitter(), {
    isReady: vi.fn(() => false),
    isPackaged: false,
    whenReady: vi.fn(() => new Promise<void>(() => {})), // never ready: tests look at what was set up before
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    paths,
    getPath: vi.fn((name: string) => paths[name] ?? (name === 'documents' ? '/tmp/fake-documents' : `/tmp/fake-${name}`)),
    setPath: vi.fn((name: string, value: string) => void (paths[name] = value)),
    getVersion: vi.fn(() => '0.1.0'),
    setAboutPanelOptions: vi.fn(),
    /** What getLoginItemSettings answers; setLoginItemSettings changes openAtLogin (status as a test sets it). */
    loginItem: { openAtLogin: false, status: 'not-registered' as string },
    getLoginItemSettings: vi.fn(() => ({ ...app.loginItem })),
    setLoginItemSettings: vi.fn((settings: { openAtLogin?: boolean }) => void (app.loginItem.openAtLogin = settings.openAtLogin ?? false)),
  });
  // As Electron: with no 'window-all-closed' listener, closing the last window quits the app.
  const emit = app.emit.bind(app);
  app.emit = (event: string | symbol, ...args: unknown[]) => {
    if (event === 'window-all-closed' && app.listenerCount(event) === 0) {
      app.quit();
      return false;
    }
    return emit(event, ...args);
  };
  const forks: FakeUtilityProcess[] = [];
  const utilityProcess = {
    fork: vi.fn((modulePath: string, args: string[] = [], options = {}) => {
      const child = new FakeUtilityProcess(modulePath, args, options);
      forks.push(child);
      return child;
    }),
  };
  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    webContents = Object.assign(new EventEmitter(), {
      setWindowOpenHandler: vi.fn(),
      send: vi.fn(),
      isDestroyed: () => false,
      /** True from loadURL until the page has stopped loading. */
      loading: true,
      isLoading: vi.fn((): boolean => this.webContents.loading),
      /**
       * The page finishes loading in Electron's order: `did-finish-load` while isLoading() is
       * still true (electron/electron#43370: it turns false only after the event), then
       * `did-stop-loading` (shell/browser/api/electron_api_web_contents.cc, DidStopLoading) once
       * it is false.
       */
      finishLoad: () => {
        this.webContents.emit('did-finish-load');
        this.webContents.loading = false;
        this.webContents.emit('did-stop-loading');
      },
      printToPDF: vi.fn(async (_options: Record<string, unknown>) => Buffer.from('%PDF-1.4 printed')),
    });
    /** Loads a file (the PDF printer's page); fails as loadURL does when told. */
    loadFile = vi.fn(async (_path: string) => {
      const error = FakeBrowserWindow.failNextLoad;
      FakeBrowserWindow.failNextLoad = undefined;
      if (error) throw error;
    });
    /** Set by a test: the next window's loadURL rejects with it (a missing or damaged renderer). */
    static failNextLoad: Error | undefined;
    loadURL = vi.fn(async () => {
      this.webContents.loading = true;
      this.webContents.emit('did-start-loading');
      const error = FakeBrowserWindow.failNextLoad;
      FakeBrowserWindow.failNextLoad = undefined;
      if (error) throw error;
    });
    isDestroyed = vi.fn(() => false);
    isMinimized = vi.fn(() => false);
    restore = vi.fn();
    focus = vi.fn();
    show = vi.fn();
    destroy = vi.fn();
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
    }
    static getAllWindows = () => windows;
    static getFocusedWindow = vi.fn((): FakeBrowserWindow | null => null);
  }
  // A reversible scramble, so a test can see the stored bytes are not the key. The old
  // synchronous calls and the new asynchronous ones share it, as Electron's do (old data decrypts).
  const scramble = (buffer: Buffer) => Buffer.from([...buffer].map((b) => b ^ 0x5a));
  const safeStorage = {
    available: true,
    /** What decryptStringAsync says about the Keychain key (true after a rotation). */
    shouldReEncrypt: false,
    isEncryptionAvailable: vi.fn(() => safeStorage.available),
    encryptString: vi.fn((text: string) => scramble(Buffer.from(text))),
    decryptString: vi.fn((buffer: Buffer) => scramble(buffer).toString()),
    isAsyncEncryptionAvailable: vi.fn(async () => safeStorage.available),
    encryptStringAsync: vi.fn(async (text: string) => scramble(Buffer.from(text))),
    decryptStringAsync: vi.fn(async (buffer: Buffer) => ({ result: scramble(buffer).toString(), shouldReEncrypt: safeStorage.shouldReEncrypt })),
  };
  const notifications: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    static isSupported = vi.fn(() => true);
    show = vi.fn();
    constructor(readonly options: { title?: string; body?: string }) {
      super();
      notifications.push(this);
    }
    /**
     * macOS (Electron ≥ 42, UNNotification) refused to show it, as in an unsigned build: Electron
     * emits `failed` with the error as a string (docs/api/notification.md "Event: 'failed'",
     * shell/browser/api/electron_api_notification.cc NotificationFailed).
     */
    fail(error = 'Notifications are not allowed for this application') {
      this.emit('failed', { preventDefault: () => {} }, error);
    }
  }
  const trays: FakeTray[] = [];
  class FakeTray extends EventEmitter {
    title = '';
    setTitle = vi.fn((title: string) => void (this.title = title));
    setToolTip = vi.fn();
    popUpContextMenu = vi.fn();
    /** What a test must never see: it takes over the left click on macOS. */
    setContextMenu = vi.fn();
    destroy = vi.fn();
    constructor(readonly image: { path: string; template: boolean }) {
      super();
      trays.push(this);
    }
  }
  const nativeImage = {
    createFromPath: vi.fn((path: string) => {
      const image = { path, template: false, setTemplateImage: (on: boolean) => void (image.template = on) };
      return image;
    }),
  };
  /**
   * macOS logging out, restarting or shutting down (NSWorkspaceWillPowerOffNotification): Electron
   * emits powerMonitor 'shutdown' (shell/browser/mac/electron_application.mm willPowerOff:, docs/api/
   * power-monitor.md). If a listener called preventDefault(), the system's terminate is ignored and
   * the app must quit itself; otherwise terminate quits the app as ⌘Q does (before-quit first).
   */
  // 'resume' (docs/api/power-monitor.md, "Event: 'resume': Emitted when system is resuming", a
  // listener with no arguments, as electron.d.ts types it): tests emit it as `powerMonitor.emit('resume')`.
  const powerMonitor = Object.assign(new EventEmitter(), {
    systemShutdown: () => {
      let prevented = false;
      powerMonitor.emit('shutdown', { preventDefault: () => void (prevented = true) });
      if (!prevented) app.emit('before-quit', { preventDefault: () => {} });
      return { prevented };
    },
  });
  // ipcMain.handle refuses a second handler for a channel, as Electron's IpcMainImpl does
  // (lib/browser/ipc-main-impl.ts): "Attempted to register a second handler for '<channel>'".
  const invokeHandlers = new Map<string, unknown>();
  const ipcMain = {
    handlers: invokeHandlers,
    handle: vi.fn((channel: string, handler: unknown) => {
      if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      if (typeof handler !== 'function') throw new TypeError(`Expected handler to be a function, but found type '${typeof handler}'`);
      invokeHandlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => void invokeHandlers.delete(channel)),
  };
  // protocol.handle registers a scheme once per session: the second registration finds it taken
  // and throws (lib/browser/api/protocol.ts, Protocol.prototype.handle: "Failed to register
  // protocol: <scheme>"; shell/browser/api/electron_api_protocol.cc returns kRegistered).
  const handledSchemes = new Set<string>();
  const protocol = {
    schemes: handledSchemes,
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, _handler: unknown) => {
      if (handledSchemes.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      handledSchemes.add(scheme);
    }),
    unhandle: vi.fn((scheme: string) => {
      if (!handledSchemes.delete(scheme)) throw new Error(`Failed to unhandle protocol: ${scheme}`);
    }),
  };
  const session = { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } };
  const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn() });
  const exposed: Record<string, unknown> = {};
  return {
    app,
    utilityProcess,
    forks,
    BrowserWindow: FakeBrowserWindow,
    windows,
    Notification: FakeNotification,
    notifications,
    safeStorage,
    session,
    ipcMain,
    ipcRenderer,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, value: unknown) => (exposed[key] = value)) },
    exposed,
    webUtils: { getPathForFile: vi.fn(() => '/Users/ana/spec.course.yaml') },
    shell: { showItemInFolder: vi.fn(), openPath: vi.fn(async () => ''), openExternal: vi.fn(async () => {}) },
    dialog: {
      showMessageBox: vi.fn(async (_options: { buttons?: string[]; message?: string; detail?: string }): Promise<{ response: number; checkboxChecked?: boolean }> => ({ response: 0, checkboxChecked: false })),
      showOpenDialog: vi.fn(async (_options: Record<string, unknown>) => ({ canceled: true, filePaths: [] as string[] })),
      showErrorBox: vi.fn(),
      showSaveDialog: vi.fn(async (..._args: unknown[]): Promise<{ canceled: boolean; filePath: string }> => ({ canceled: true, filePath: '' })),
    },
    protocol,
    net: { fetch: vi.fn(async (url: string) => new Response(`file at ${url}`)) },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
    Tray: FakeTray,
    trays,
    nativeImage,
    powerMonitor,
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Puts a fake back as it was made, between tests (the mocked module keeps the same object). */
export function resetFakeElectron(fake: FakeElectron): void {
  vi.clearAllMocks();
  fake.app.removeAllListeners();
  fake.ipcRenderer.removeAllListeners();
  fake.app.requestSingleInstanceLock.mockImplementation(() => true);
  fake.safeStorage.available = true;
  fake.safeStorage.shouldReEncrypt = false;
  fake.forks.length = 0;
  fake.windows.length = 0;
  fake.notifications.length = 0;
  fake.trays.length = 0;
  fake.powerMonitor.removeAllListeners();
  // A new app: no scheme handled, no IPC handler registered.
  fake.protocol.schemes.clear();
  fake.ipcMain.handlers.clear();
  fake.app.loginItem = { openAtLogin: false, status: 'not-registered' };
  fake.Notification.isSupported.mockImplementation(() => true);
  for (const key of Object.keys(fake.app.paths)) delete fake.app.paths[key];
  fake.dialog.showMessageBox.mockImplementation(async () => ({ response: 0, checkboxChecked: false }));
  fake.dialog.showOpenDialog.mockImplementation(async () => ({ canceled: true, filePaths: [] }));
  fake.dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true, filePath: '' }));
  for (const key of Object.keys(fake.exposed)) delete fake.exposed[key];
}
