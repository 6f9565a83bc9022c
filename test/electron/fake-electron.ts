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
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
}

export function createFakeElectron() {
  const app = Object.assign(new EventEmitter(), {
    isReady: vi.fn(() => false),
    isPackaged: false,
    whenReady: vi.fn(() => new Promise<void>(() => {})), // never ready: tests look at what was set up before
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    getPath: vi.fn(() => '/tmp/fake-documents'),
    getVersion: vi.fn(() => '0.1.0'),
    setAboutPanelOptions: vi.fn(),
  });
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
    webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn(), send: vi.fn(), isDestroyed: () => false });
    loadURL = vi.fn(async () => {});
    isDestroyed = vi.fn(() => false);
    isMinimized = vi.fn(() => false);
    restore = vi.fn();
    focus = vi.fn();
    show = vi.fn();
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
    }
    static getAllWindows = () => windows;
  }
  const safeStorage = {
    available: true,
    isEncryptionAvailable: vi.fn(() => safeStorage.available),
    // A reversible scramble, so a test can see the stored bytes are not the key.
    encryptString: vi.fn((text: string) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a))),
    decryptString: vi.fn((buffer: Buffer) => Buffer.from([...buffer].map((b) => b ^ 0x5a)).toString()),
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
    safeStorage,
    session,
    ipcMain: { handle: vi.fn() },
    ipcRenderer,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, value: unknown) => (exposed[key] = value)) },
    exposed,
    webUtils: { getPathForFile: vi.fn(() => '/Users/ana/spec.course.yaml') },
    shell: { showItemInFolder: vi.fn(), openPath: vi.fn(async () => '') },
    dialog: { showMessageBox: vi.fn(), showOpenDialog: vi.fn(), showErrorBox: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn(async (url: string) => new Response(`file at ${url}`)) },
    Menu: { buildFromTemplate: vi.fn((t: unknown) => ({ template: t })), setApplicationMenu: vi.fn() },
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
  fake.forks.length = 0;
  fake.windows.length = 0;
  for (const key of Object.keys(fake.exposed)) delete fake.exposed[key];
}
