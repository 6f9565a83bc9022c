import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { vi } from 'vitest';

// A stand-in for the parts of Electron the glue uses. `require('electron')` under plain Node
// tries to download the binary, so every test that reaches the glue mocks it with this.

export class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = 4242;
  stdout = new PassThrough();
  stderr = new PassThrough();
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
    this.pid = undefined;
    setImmediate(() => this.exitWith(0));
    return true;
  }
  /** The process ends as a real one does: its pipes close, then `exit` (which may say 0 after a crash). */
  exitWith(code: number) {
    this.stdout.end();
    this.stderr.end();
    setImmediate(() => this.emit('exit', code));
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
      isLoading: vi.fn(() => true),
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
  const powerMonitor = new EventEmitter();
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
    ipcMain: { handle: vi.fn() },
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
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
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
  fake.app.loginItem = { openAtLogin: false, status: 'not-registered' };
  fake.Notification.isSupported.mockImplementation(() => true);
  for (const key of Object.keys(fake.app.paths)) delete fake.app.paths[key];
  fake.dialog.showMessageBox.mockImplementation(async () => ({ response: 0, checkboxChecked: false }));
  fake.dialog.showOpenDialog.mockImplementation(async () => ({ canceled: true, filePaths: [] }));
  fake.dialog.showSaveDialog.mockImplementation(async () => ({ canceled: true, filePath: '' }));
  for (const key of Object.keys(fake.exposed)) delete fake.exposed[key];
}
