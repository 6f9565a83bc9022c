import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../electron/shared/api.js';
import { resetFakeElectron, utilityGone, type FakeElectron } from './fake-electron.js';

// Why not the real thing: Electron's binary cannot be downloaded here. These tests hold the glue
// to its contract with a fake `electron`; test/electron/app.e2e.spec.ts drives the real app on macOS.

const fakeReady = vi.hoisted(async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('electron', async () => await fakeReady);
let fake: FakeElectron;

beforeEach(async () => {
  fake = await fakeReady;
  resetFakeElectron(fake);
  vi.resetModules(); // each test imports the glue afresh (main.ts registers handlers at import)
});

const service = () => {
  const calls: unknown[][] = [];
  const s = Object.fromEntries(API_METHODS.map((m) => [m, vi.fn(async (...args: unknown[]) => (calls.push([m, ...args]), `${m} done`))]));
  return { service: s as never, calls, s };
};

type Handler = (event: unknown, ...args: unknown[]) => Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;

describe('IPC handlers', () => {
  async function register() {
    const { registerApiHandlers } = await import('../../electron/main/ipc-handlers.js');
    const { service: svc, calls } = service();
    registerApiHandlers(fake.ipcMain as never, svc, (url) => url === 'file:///app/renderer/index.html');
    const handlers = new Map((fake.ipcMain.handle.mock.calls as [string, Handler][]).map(([channel, handler]) => [channel, handler]));
    const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
    return { handlers, calls, from };
  }

  it('registers exactly one handler per API method', async () => {
    const { handlers } = await register();
    expect([...handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `fluentpro:${m}`).sort());
  });

  it('answers our own page with the service’s result', async () => {
    const { handlers, calls, from } = await register();
    const reply = await handlers.get('fluentpro:cancelJob')!(from('file:///app/renderer/index.html'), 'abcd1234');
    expect(reply).toEqual({ ok: true, result: 'cancelJob done' });
    expect(calls).toEqual([['cancelJob', 'abcd1234']]);
  });

  it.each([
    ['another page', 'https://evil.example/', null],
    ['a subframe of our page', 'file:///app/renderer/index.html', {}],
    ['an unknown frame', '', null],
  ])('refuses calls from %s, without reaching the service', async (_name, url, parent) => {
    const { handlers, calls, from } = await register();
    const reply = await handlers.get('fluentpro:listJobs')!(from(url, parent));
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });

  it('refuses bad input with the reason, without reaching the service', async () => {
    const { handlers, calls, from } = await register();
    const page = from('file:///app/renderer/index.html');
    expect(await handlers.get('fluentpro:removeJob')!(page, '../../x')).toEqual({ ok: false, error: { name: 'InvalidInputError', message: 'removeJob: a job id is 8 letters and digits (argument 0)', code: 'INVALID_INPUT' } });
    expect(await handlers.get('fluentpro:setSettings')!(page, { concurrency: 0 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('argument 0.concurrency') } });
    expect(await handlers.get('fluentpro:addSpecPaths')!(page, 'not-a-list')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(calls).toEqual([]);
  });

  it('returns the service’s errors as data, code included', async () => {
    const { registerApiHandlers } = await import('../../electron/main/ipc-handlers.js');
    const { service: svc, s } = service();
    (s.getJob as ReturnType<typeof vi.fn>).mockRejectedValue(Object.assign(new Error('no job zzzzzzzz'), { name: 'ServiceError', code: 'JOB_NOT_FOUND' }));
    registerApiHandlers(fake.ipcMain as never, svc, () => true);
    const handler = (fake.ipcMain.handle.mock.calls as [string, Handler][]).find(([c]) => c === 'fluentpro:getJob')![1];
    expect(await handler({ senderFrame: { url: 'x', parent: null } }, 'zzzzzzzz')).toEqual({ ok: false, error: { name: 'ServiceError', message: 'no job zzzzzzzz', code: 'JOB_NOT_FOUND' } });
  });
});

/**
 * Runs the built preload (dist/…/preload.cjs, what Electron loads) the way a sandboxed preload
 * runs: CommonJS whose `require` knows only 'electron'. Anything else it required would fail here
 * as it fails in the sandbox.
 */
function loadPreload(): void {
  const code = readFileSync(join(import.meta.dirname, '..', '..', 'dist', 'electron', 'main', 'preload.cjs'), 'utf8');
  const sandboxRequire = (id: string) => {
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return fake;
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
}

describe('preload', () => {
  it('exposes window.fluentpro with exactly the API, events, pathForFile and clipUrl — nothing else', async () => {
    loadPreload();
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const bridge = fake.exposed.fluentpro as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'on', 'pathForFile', 'clipUrl'].sort());
  });

  it('names a clip by the URL main’s app:// handler serves it at', async () => {
    loadPreload();
    const bridge = fake.exposed.fluentpro as { clipUrl: (jobId: string, file: string) => string };
    expect(bridge.clipUrl('abcd1234', '0123456789abcdef0123.mp3')).toBe('app://fluentpro/course-audio/abcd1234/0123456789abcdef0123.mp3');
    expect(bridge.clipUrl('a/b', '../x')).toBe('app://fluentpro/course-audio/a%2Fb/..%2Fx');
  });

  it('invokes the method’s channel and turns error replies back into errors with their code', async () => {
    loadPreload();
    const bridge = fake.exposed.fluentpro as Record<string, (...a: unknown[]) => Promise<unknown>>;
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, result: [1] });
    expect(await bridge.listJobs!()).toEqual([1]);
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledWith('fluentpro:listJobs');
    fake.ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: { name: 'ServiceError', message: 'no job x', code: 'JOB_NOT_FOUND' } });
    // contextBridge copies only an Error's message: the rejection is a plain object, so the code crosses.
    const error = await bridge.getJob!('x').catch((e: unknown) => e);
    expect(error).toEqual({ name: 'ServiceError', message: 'no job x', code: 'JOB_NOT_FOUND' });
    expect(Object.getPrototypeOf(error)).toBe(Object.prototype);
  });

  it('keeps the results of specs opened from Finder until the page listens for them', async () => {
    loadPreload();
    const bridge = fake.exposed.fluentpro as { on: (e: string, l: (p: unknown) => void) => () => void };
    fake.ipcRenderer.emit('fluentpro:event', {}, { event: 'specsAdded', payload: [{ name: 'early', ok: false, problems: [] }] });
    fake.ipcRenderer.emit('fluentpro:event', {}, { event: 'jobsChanged', payload: ['not kept'] });
    const got: unknown[] = [];
    bridge.on('specsAdded', (p) => got.push(p));
    bridge.on('jobsChanged', (p) => got.push(p));
    expect(got).toEqual([[{ name: 'early', ok: false, problems: [] }]]);
  });

  it('delivers events to listeners until they unsubscribe', async () => {
    loadPreload();
    const bridge = fake.exposed.fluentpro as { on: (e: string, l: (p: unknown) => void) => () => void };
    const got: unknown[] = [];
    const off = bridge.on('jobsChanged', (p) => got.push(p));
    fake.ipcRenderer.emit('fluentpro:event', {}, { event: 'jobsChanged', payload: ['a'] });
    fake.ipcRenderer.emit('fluentpro:event', {}, { event: 'jobsRemoved', payload: ['b'] });
    off();
    fake.ipcRenderer.emit('fluentpro:event', {}, { event: 'jobsChanged', payload: ['c'] });
    expect(got).toEqual([['a']]);
  });
});

describe('UtilityProcessHost', () => {
  async function spawn() {
    const { UtilityProcessHost } = await import('../../electron/main/utility-process-host.js');
    const worker = new UtilityProcessHost('/app/worker-entry.js', { KEEP: 'yes', NUMBER: 42 as unknown as string, GONE: undefined }).spawn('fluentpro-worker-1');
    return { worker, child: fake.forks.at(-1)! };
  }

  it('forks the worker entry as a utilityProcess named after the worker, with piped output and string env', async () => {
    const { child } = await spawn();
    expect(child.modulePath).toBe('/app/worker-entry.js');
    expect(child.options).toMatchObject({ serviceName: 'fluentpro-worker-1', stdio: 'pipe' });
    expect(child.options.env).toEqual({ KEEP: 'yes', NUMBER: '42', FLUENTPRO_WORKER_NAME: 'fluentpro-worker-1' });
  });

  it('passes messages both ways and output as lines', async () => {
    const { worker, child } = await spawn();
    const received: unknown[] = [];
    const lines: string[] = [];
    worker.onMessage((m) => received.push(m));
    worker.onOutput((line, stream) => lines.push(`${stream}: ${line}`));
    expect(worker.postMessage({ type: 'shutdown' })).toBe(true);
    expect(child.posted).toEqual([{ type: 'shutdown' }]);
    child.emit('message', { type: 'heartbeat', rss: 1 });
    child.stderr!.write('warning one\nwarning two\n');
    await new Promise((r) => setImmediate(r));
    expect(received).toEqual([{ type: 'heartbeat', rss: 1 }]);
    expect(lines).toEqual(['stderr: warning one', 'stderr: warning two']);
  });

  it('reports a crash with the reason from child-process-gone, even when exit says 0', async () => {
    const { worker, child } = await spawn();
    const exits: unknown[] = [];
    worker.onExit((e) => exits.push(e));
    child.exitWith(0); // electron#42283: exit can report 0 after a crash…
    fake.app.emit('child-process-gone', {}, utilityGone('someone-else', 'oom', 9));
    fake.app.emit('child-process-gone', {}, utilityGone('fluentpro-worker-1', 'crashed', 11)); // …the reason comes here
    await new Promise((r) => setTimeout(r, 300));
    expect(exits).toEqual([{ reason: 'crashed', code: 11 }]);
    expect(worker.postMessage({ type: 'shutdown' })).toBe(false);
  });

  it('reports one exit even when Electron fires exit twice, and a kill as killed', async () => {
    const { worker, child } = await spawn();
    const exits: unknown[] = [];
    worker.onExit((e) => exits.push(e));
    worker.kill();
    worker.kill(); // safe twice
    child.exitWith(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(exits).toEqual([{ reason: 'killed', code: 0 }]);
  });

  it('tells a clean exit from an abnormal one when no crash was reported', async () => {
    const a = await spawn();
    const b = await spawn();
    const exits: unknown[] = [];
    a.worker.onExit((e) => exits.push(e));
    b.worker.onExit((e) => exits.push(e));
    a.child.exitWith(0);
    b.child.exitWith(3);
    await new Promise((r) => setTimeout(r, 300));
    expect(exits).toEqual([{ reason: 'clean-exit', code: 0 }, { reason: 'abnormal-exit', code: 3 }]);
  });

  it('recognises an out-of-memory kill by the name Electron sends back, not by Chromium’s service name', async () => {
    const { worker, child } = await spawn();
    const exits: unknown[] = [];
    worker.onExit((e) => exits.push(e));
    // Every utility process has serviceName 'node.mojom.NodeService': comparing it would match all or none.
    fake.app.emit('child-process-gone', {}, utilityGone('fluentpro-worker-1', 'oom', 0));
    child.exitWith(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(exits).toEqual([{ reason: 'oom', code: 0 }]);
  });

  it('carries the last stderr lines of a worker that cannot load into its exit, even before it has a job', async () => {
    const { worker, child } = await spawn();
    const exits: { reason: string; detail?: string }[] = [];
    worker.onExit((e) => exits.push(e));
    // No onOutput listener yet (the orchestrator logs output only once a job is assigned).
    child.stderr!.write(Array.from({ length: 30 }, (_, i) => `noise ${i}`).join('\n') + '\n');
    child.stderr!.write("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'openai' imported from /app/worker-entry.js\n");
    child.exitWith(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ reason: 'abnormal-exit', code: 1 });
    expect(exits[0]!.detail).toContain("Cannot find package 'openai'");
    expect(exits[0]!.detail).toContain('noise 29');
    expect(exits[0]!.detail).not.toContain('noise 10 '); // only the last 20 lines are kept
    expect(exits[0]!.detail!.split(' | ')).toHaveLength(20);
  });

  it('reports a worker that could not load with the reason it sent over parentPort, though stderr is never read after exit', async () => {
    const { UtilityProcessHost } = await import('../../electron/main/utility-process-host.js');
    const { spawnWorkerSlot } = await import('../../electron/core/queue/worker-slot.js');
    const { Admission } = await import('../../electron/core/pacing/admission.js');
    const exits: { reason: string; detail?: string }[] = [];
    const slot = spawnWorkerSlot(new UtilityProcessHost('/app/worker-entry.js', {}), 'fluentpro-worker-1', {
      readyTimeoutMs: 5000,
      admission: new Admission(),
      onMessage: () => {},
      onOutput: () => {},
      onExit: (_slot, exit) => exits.push(exit),
      describeExit: (exit) => exit.reason,
    });
    const child = fake.forks.at(-1)!;
    // The bootstrap's last message, then the exit; the error it printed on its way out is still in
    // the pipe when Electron drops the stream listeners, and the fake never delivers it.
    child.emit('message', { type: 'load-failed', reason: "Cannot find package 'openai' imported from /app/job-runner.js" });
    child.exitWith(1);
    await expect(slot.ready).rejects.toThrow("the worker could not start: Cannot find package 'openai' imported from /app/job-runner.js");
    await vi.waitFor(() => expect(exits).toEqual([{ reason: 'abnormal-exit', code: 1 }]), { timeout: 1000 });
    expect(child.stderr).toBeNull(); // as Electron leaves it
  });
});

describe('the window', () => {
  it('is isolated and sandboxed, never navigates away, opens no windows, grants no permissions', async () => {
    const { createMainWindow, denyAllPermissions } = await import('../../electron/main/main-window.js');
    const window = createMainWindow({ preload: '/app/preload.cjs' }) as unknown as InstanceType<FakeElectron['BrowserWindow']>;
    expect(window.loadURL).toHaveBeenCalledWith('app://fluentpro/index.html');
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: '/app/preload.cjs' });
    const navigate = (url: string) => {
      // Electron 45 puts the URL on the event's details; the positional argument is deprecated.
      const event = { url, preventDefault: vi.fn() };
      window.webContents.emit('will-navigate', event, 'deprecated-positional-url');
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///Users/ana/dropped.course.yaml')).toBe(true);
    expect(navigate('app://fluentpro.evil/index.html')).toBe(true);
    expect(navigate('app://fluentpro/index.html')).toBe(false);
    const openHandler = window.webContents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(openHandler()).toEqual({ action: 'deny' });
    denyAllPermissions();
    const request = fake.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    const answers: boolean[] = [];
    request({}, 'media', (ok) => answers.push(ok));
    expect(answers).toEqual([false]);
  });
});

describe('the app:// protocol', () => {
  it('is registered as a privileged standard scheme, and serves only files of the renderer folder', async () => {
    const { registerAppScheme, serveRenderer } = await import('../../electron/main/app-protocol.js');
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
    serveRenderer('/app/dist/renderer');
    const handler = fake.protocol.handle.mock.calls[0]![1] as (r: { url: string }) => Response | Promise<Response>;
    expect(await (await handler({ url: 'app://fluentpro/assets/index.js' })).text()).toBe('file at file:///app/dist/renderer/assets/index.js');
    // A path climbing out is confined to the folder (and is not there): nothing outside is read.
    await handler({ url: 'app://fluentpro/..%2f..%2f..%2fetc%2fpasswd' });
    expect(fake.net.fetch.mock.calls.map(([u]) => u).every((u) => String(u).startsWith('file:///app/dist/renderer/'))).toBe(true);
    expect((await handler({ url: 'app://other/index.html' })).status).toBe(404);
  });

  it('serves a course’s clip from the clip reader it is given, as audio/mpeg, and 404 for whatever the reader refuses', async () => {
    const { serveRenderer } = await import('../../electron/main/app-protocol.js');
    const asked: [string, string][] = [];
    serveRenderer('/app/dist/renderer', async (jobId, file) => {
      asked.push([jobId, file]);
      if (file !== '0123456789abcdef0123.mp3') throw Object.assign(new Error('no clip'), { code: 'CLIP_NOT_FOUND' });
      return new Uint8Array([0xff, 0xfb, 0x90, 0x00]);
    });
    const handler = fake.protocol.handle.mock.calls[0]![1] as (r: { url: string }) => Response | Promise<Response>;
    const clip = await handler({ url: 'app://fluentpro/course-audio/abcd1234/0123456789abcdef0123.mp3' });
    expect(clip.status).toBe(200);
    expect(clip.headers.get('content-type')).toBe('audio/mpeg');
    expect([...new Uint8Array(await clip.arrayBuffer())]).toEqual([0xff, 0xfb, 0x90, 0x00]);
    // An encoded climb arrives as a name the reader refuses; nothing is fetched from disk for it.
    expect((await handler({ url: 'app://fluentpro/course-audio/abcd1234/..%2F..%2Fcourse.json' })).status).toBe(404);
    expect(asked).toEqual([
      ['abcd1234', '0123456789abcdef0123.mp3'],
      ['abcd1234', '../../course.json'],
    ]);
    expect(fake.net.fetch).not.toHaveBeenCalled();
  });
});

describe('the API key in the Keychain', () => {
  it('stores it encrypted with safeStorage, never in plain text', async () => {
    const { KeychainSecretStore } = await import('../../electron/main/keychain-secret-store.js');
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-keychain-'));
    const store = new KeychainSecretStore(dir, {});
    expect(store.storage).toBe('keychain');
    await store.set('sk-very-secret');
    expect(readFileSync(join(dir, 'api-key.enc')).toString()).not.toContain('sk-very-secret');
    const next = new KeychainSecretStore(dir, {});
    await next.load();
    expect(next.get()).toBe('sk-very-secret');
    await store.set(null);
    expect(existsSync(join(dir, 'api-key.enc'))).toBe(false);
    expect(fake.safeStorage.encryptString).not.toHaveBeenCalled();
    expect(fake.safeStorage.decryptString).not.toHaveBeenCalled();
    expect(fake.safeStorage.isEncryptionAvailable).not.toHaveBeenCalled();
  });

  it('decrypts a key saved by the old synchronous API, and saves it again when the Keychain key was rotated', async () => {
    const { KeychainSecretStore } = await import('../../electron/main/keychain-secret-store.js');
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-keychain-'));
    writeFileSync(join(dir, 'api-key.enc'), fake.safeStorage.encryptString('sk-from-0.1'));
    fake.safeStorage.shouldReEncrypt = true;
    const store = new KeychainSecretStore(dir, {});
    await store.load();
    expect(store.get()).toBe('sk-from-0.1');
    expect(fake.safeStorage.encryptStringAsync).toHaveBeenCalledWith('sk-from-0.1');
  });

  it('never asks the Keychain to learn whether a key is set, or when none is stored', async () => {
    const { KeychainSecretStore } = await import('../../electron/main/keychain-secret-store.js');
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-keychain-'));
    const none = new KeychainSecretStore(dir, {});
    await none.load();
    expect([none.has(), none.get()]).toEqual([false, undefined]);
    writeFileSync(join(dir, 'api-key.enc'), fake.safeStorage.encryptString('sk-x'));
    vi.clearAllMocks();
    expect(new KeychainSecretStore(dir, {}).has()).toBe(true);
    expect(fake.safeStorage.isAsyncEncryptionAvailable).not.toHaveBeenCalled();
    expect(fake.safeStorage.decryptStringAsync).not.toHaveBeenCalled();
  });

  it('refuses to store a key when the Keychain is unavailable, and prefers OPENAI_API_KEY', async () => {
    const { KeychainSecretStore } = await import('../../electron/main/keychain-secret-store.js');
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-keychain-'));
    fake.safeStorage.available = false;
    await expect(new KeychainSecretStore(dir, {}).set('sk-x')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(existsSync(join(dir, 'api-key.enc'))).toBe(false);
    const fromEnv = new KeychainSecretStore(dir, { OPENAI_API_KEY: 'sk-env' });
    expect([fromEnv.get(), fromEnv.storage]).toEqual(['sk-env', 'environment']);
  });
});

describe('app start-up', () => {
  it('listens for open-file before ready, and takes the single-instance lock', async () => {
    await import('../../electron/main/main.js');
    const registered = fake.app.eventNames();
    expect(registered).toContain('open-file');
    expect(registered).toContain('second-instance');
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalled();
    // Nothing is started before ready: no workers, no windows.
    expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
    expect(fake.windows).toEqual([]);
    // A file opened at a cold launch is kept, not dropped.
    const event = { preventDefault: vi.fn() };
    fake.app.emit('open-file', event, '/Users/ana/Courses/new.course.yaml');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('quits at once when another instance already runs', async () => {
    fake.app.requestSingleInstanceLock.mockImplementation(() => false);
    await import('../../electron/main/main.js');
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
  });

  it('keeps the preload’s method list equal to the API', () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'electron', 'main', 'preload.cts'), 'utf8');
    const listed = [...source.matchAll(/^\s+'(\w+)',$/gm)].map((m) => m[1]);
    expect(listed).toEqual([...API_METHODS]);
  });
});
