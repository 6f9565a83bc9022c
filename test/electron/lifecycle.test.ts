import { existsSync, mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeElectron, type FakeElectron } from './fake-electron.js';

// The app's life cycle with a fake electron and a fake core: what happens on ready, on a second
// instance, on quit with courses running. (Why a fake: see glue.test.ts.)

const fakeReady = vi.hoisted(async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('electron', async () => await fakeReady);

const core = vi.hoisted(() => ({
  runningCount: 0,
  closed: false,
  added: [] as string[][],
  /** Thrown by startAppCore, once per entry (a start that fails, then one that works). */
  startErrors: [] as Error[],
  closeError: undefined as Error | undefined,
  /** close() never ends (workers that do not stop). */
  closeHangs: false,
  addResults: undefined as ((paths: string[]) => unknown[]) | undefined,
  dataDirs: [] as string[],
  /** Listeners of the orchestrator's onDidFail (the queue could no longer be written). */
  failListeners: [] as ((error: Error) => void)[],
  /** Times the batch poller was woken (powerMonitor 'resume'). */
  batchWakes: 0,
  schedules: {
    onDidChangeSchedules: () => () => {},
    onDidChangeQueuePause: () => () => {},
    onDidRun: () => () => {},
    resume: async () => {},
    nextRun: () => undefined,
    scheduleNames: () => [],
    pause: undefined,
  },
}));
vi.mock('../../electron/core/api/app-core.js', () => ({
  startAppCore: (options: { dataDir: string }) => {
    core.dataDirs.push(options.dataDir);
    const error = core.startErrors.shift();
    if (error) throw error;
    return {
      store: { counts: () => ({ queued: 0, running: core.runningCount, succeeded: 0, failed: 0, cancelled: 0 }) },
      orchestrator: {
        get runningCount() {
          return core.runningCount;
        },
        onDidFail: (listener: (error: Error) => void) => (core.failListeners.push(listener), () => {}),
      },
      batches: { wake: () => void core.batchWakes++ },
      service: {
        addSpecPaths: async (paths: string[]) => (core.added.push(paths), core.addResults?.(paths) ?? []),
        getSettings: async () => ({ outDir: '/nowhere/outside/documents' }),
        onDidChangeJobs: () => () => {},
        onDidRemoveJobs: () => () => {},
        schedules: core.schedules,
        lessons: { onDidChangeCourse: () => () => {} },
      },
      close: async () => {
        if (core.closeHangs) await new Promise(() => {});
        if (core.closeError) throw core.closeError;
        core.closed = true;
      },
    };
  },
  toApiError: (e: Error) => e,
}));

let fake: FakeElectron;
beforeEach(async () => {
  fake = await fakeReady;
  resetFakeElectron(fake);
  fake.app.whenReady.mockImplementation(() => Promise.resolve());
  fake.app.isReady.mockImplementation(() => true);
  Object.assign(core, { runningCount: 0, closed: false, added: [], startErrors: [], closeError: undefined, closeHangs: false, addResults: undefined, dataDirs: [], failListeners: [], batchWakes: 0 });
  // A userData of its own, as tests and development use: nothing of the person's is read or written.
  userData = mkdtempSync(join(tmpdir(), 'fluentpro-userdata-'));
  process.env.FLUENTPRO_USER_DATA_DIR = userData;
  delete process.env.FLUENTPRO_DATA_DIR;
  vi.resetModules();
});
let userData: string;
/** Calls the API as our page does, through the handler main registered. */
async function callApi(method: string, args: unknown[]) {
  const handler = fake.ipcMain.handlers.get(`fluentpro:${method}`) as (event: unknown, ...a: unknown[]) => Promise<unknown>;
  return handler({ senderFrame: { url: 'app://fluentpro/index.html', parent: null } }, ...args);
}
const settle = () => new Promise((r) => setTimeout(r, 20));

async function startApp() {
  await import('../../electron/main/main.js');
  // Until whenReady().then(start) has ended: a window shown, or a start failure told in a dialog.
  // Polled rather than a fixed wait, which a loaded machine overran.
  await vi.waitFor(() => expect(fake.windows.length + fake.dialog.showMessageBox.mock.calls.length + fake.dialog.showErrorBox.mock.calls.length).toBeGreaterThan(0), { timeout: 5000, interval: 5 });
  await new Promise((r) => setTimeout(r, 10)); // and what start does right after (files, checks)
}

describe('the app life cycle', () => {
  it('on ready: one locked-down window, the menus, and the spec files it was opened with', async () => {
    const argv = process.argv;
    process.argv = ['/Applications/FluentPro.app/Contents/MacOS/FluentPro', '/Users/ana/a.course.yaml', '--inspect', '/Users/ana/notes.txt'];
    try {
      await startApp();
    } finally {
      process.argv = argv;
    }
    expect(fake.windows).toHaveLength(1);
    expect(fake.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(core.added).toEqual([['/Users/ana/a.course.yaml']]);
    const template = (fake.Menu.buildFromTemplate.mock.calls[0]![0] as { role?: string; label?: string; submenu?: { label?: string; accelerator?: string }[] }[]);
    expect(template.map((m) => m.role ?? m.label)).toEqual(['appMenu', 'File', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(template[1]!.submenu![0]).toMatchObject({ label: 'Add Course Spec…', accelerator: 'CmdOrCtrl+O' });
    // Help opens the bundled manual and the course spec reference with their default apps.
    const help = template[5]!.submenu as { label?: string; click?: () => void }[];
    expect(help.map((i) => i.label)).toEqual(['FluentPro Help', 'Course Spec Reference', 'Example Specs']);
    help[0]!.click!();
    help[1]!.click!();
    expect(fake.shell.openPath.mock.calls.map((call) => String((call as unknown[])[0]))).toEqual([expect.stringMatching(/README\.md$/), expect.stringMatching(/examples[\\/]COURSE-SPEC\.md$/)]);
  });

  it('a data folder that fills up mid-run: says what stopped and the way out in the app\'s words', async () => {
    await startApp();
    fake.dialog.showMessageBox.mockClear();
    const { DataFolderFullError } = await import('../../electron/core/config/disk-full.js');
    for (const listener of core.failListeners) listener(new DataFolderFullError('/Users/ana/Library/Application Support/FluentPro/Data'));
    expect(fake.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'error',
        message: 'FluentPro stopped writing courses.',
        detail: 'the data folder /Users/ana/Library/Application Support/FluentPro/Data is full (no space left on the disk): free some space, then quit and open FluentPro again to go on where the jobs stopped.',
      }),
    );
  });

  it('takes the spec files a second instance was opened with, and shows its window', async () => {
    await startApp();
    fake.app.emit('second-instance', {}, ['/Applications/FluentPro.app', '/Users/ana/b.course.json', '--flag']);
    expect(core.added).toContainEqual(['/Users/ana/b.course.json']);
    expect(fake.windows).toHaveLength(1); // the same window, brought forward
    expect(fake.windows[0]!.focus).toHaveBeenCalled();
  });

  it('asks before quitting while courses are being written; Cancel keeps it running', async () => {
    await startApp();
    core.runningCount = 2;
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 }); // Cancel
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(fake.dialog.showMessageBox.mock.calls[0]![0]).toMatchObject({ message: '2 courses are being written. Quit anyway?', buttons: ['Quit', 'Cancel'] });
    await new Promise((r) => setTimeout(r, 10));
    expect(core.closed).toBe(false);
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('on Quit, stops the queue cleanly (running jobs resume next launch), then quits', async () => {
    await startApp();
    core.runningCount = 1;
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }); // Quit
    fake.app.emit('before-quit', { preventDefault: vi.fn() });
    await new Promise((r) => setTimeout(r, 10));
    expect(core.closed).toBe(true);
    expect(fake.app.quit).toHaveBeenCalled();
    // The quit that follows is not asked again.
    const again = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('quits without asking when nothing runs, still closing the queue cleanly', async () => {
    await startApp();
    fake.app.emit('before-quit', { preventDefault: vi.fn() });
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
    expect(core.closed).toBe(true);
  });

  it('keeps running when the window is closed while courses are written', async () => {
    await startApp();
    core.runningCount = 1;
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).not.toHaveBeenCalled();
  });

  it('keeps running on a Mac when the last window closes (the fake quits as Electron does without a handler)', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      await startApp();
      fake.app.emit('window-all-closed');
      expect(fake.app.quit).not.toHaveBeenCalled();
      fake.app.removeAllListeners('window-all-closed');
      fake.app.emit('window-all-closed');
      expect(fake.app.quit).toHaveBeenCalled(); // proof the test would catch a deleted handler
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('still quits when closing the queue fails, after saying so', async () => {
    await startApp();
    core.closeError = new Error('SQLITE_IOERR: disk I/O error');
    fake.app.emit('before-quit', { preventDefault: vi.fn() });
    await settle();
    const told = fake.dialog.showMessageBox.mock.calls.at(-1)![0];
    expect(told).toMatchObject({ message: 'FluentPro could not close its queue cleanly.' });
    expect(told.detail).toContain('SQLITE_IOERR: disk I/O error');
    expect(fake.app.quit).toHaveBeenCalled();
  });

  it('at logout or restart, closes the queue and quits without asking, though courses are running', async () => {
    await startApp();
    core.runningCount = 2;
    const { prevented } = fake.powerMonitor.systemShutdown();
    expect(prevented).toBe(true); // macOS waits for FluentPro to quit by itself, not through ⌘Q's question
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(core.closed).toBe(true);
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
    const event = { preventDefault: vi.fn() };
    fake.app.emit('before-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled(); // the quit goes through
  });

  it('polls the batches of batch-mode jobs at once when the Mac wakes (polls missed asleep are overdue)', async () => {
    await startApp();
    expect(core.batchWakes).toBe(0);
    fake.powerMonitor.emit('resume');
    expect(core.batchWakes).toBe(1);
  });

  it('at logout, does not wait 15 s for a queue that does not stop, and shows no dialog', async () => {
    await startApp();
    core.runningCount = 1;
    core.closeHangs = true;
    const started = Date.now();
    fake.powerMonitor.systemShutdown();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled(), { timeout: 5000, interval: 50 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('resolves relative spec paths of a second instance against the folder it ran in', async () => {
    await startApp();
    fake.app.emit('second-instance', {}, ['/Applications/FluentPro.app/Contents/MacOS/FluentPro', 'specs/c.course.yaml'], '/Users/ana/Courses');
    expect(core.added).toContainEqual(['/Users/ana/Courses/specs/c.course.yaml']);
  });

  it('keeps its files in a userData of its own for tests and development, set before ready', async () => {
    await startApp();
    expect(fake.app.setPath).toHaveBeenCalledWith('userData', userData);
    expect(fake.app.setPath.mock.invocationCallOrder[0]!).toBeLessThan(fake.app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
    expect(core.dataDirs).toEqual([join(userData, 'Data')]);
  });

  it('opens the Add dialog where the last spec came from', async () => {
    await startApp();
    fake.app.emit('open-file', { preventDefault: vi.fn() }, '/Users/ana/Inbox/a.course.yaml');
    const template = fake.Menu.buildFromTemplate.mock.calls[0]![0] as { label?: string; submenu?: { click?: () => void }[] }[];
    template[1]!.submenu![0]!.click!();
    await settle();
    expect(fake.dialog.showOpenDialog.mock.calls[0]![0]).toMatchObject({ defaultPath: '/Users/ana/Inbox' });
  });
});

describe('specs opened from Finder or the Dock that are not added', () => {
  const refused = (paths: string[]) => paths.map((p) => ({ name: p, ok: false, problems: [{ path: 'level', message: 'must be one of A1…C2' }] }));

  it('reach the page’s not-added panel once it has loaded', async () => {
    core.addResults = refused;
    await startApp();
    fake.app.emit('open-file', { preventDefault: vi.fn() }, '/Users/ana/bad.course.yaml');
    await settle();
    const contents = fake.windows[0]!.webContents;
    expect(contents.send).not.toHaveBeenCalled(); // the page is still loading
    contents.finishLoad(); // did-finish-load, while isLoading() is still true (electron#43370)
    expect(contents.send).toHaveBeenCalledWith('fluentpro:event', { event: 'specsAdded', payload: refused(['/Users/ana/bad.course.yaml']) });
  });

  it('at a cold launch (opened from Finder before ready) are explained on the first load', async () => {
    core.addResults = refused;
    let ready!: () => void;
    fake.app.whenReady.mockImplementation(() => new Promise<void>((resolve) => (ready = resolve)));
    await import('../../electron/main/main.js');
    fake.app.emit('open-file', { preventDefault: vi.fn() }, '/Users/ana/bad.course.yaml'); // before ready
    ready();
    await vi.waitFor(() => expect(core.added).toEqual([['/Users/ana/bad.course.yaml']]));
    await settle();
    expect(fake.windows).toHaveLength(1);
    const contents = fake.windows[0]!.webContents;
    expect(contents.send).not.toHaveBeenCalled();
    contents.finishLoad();
    expect(contents.send).toHaveBeenCalledWith('fluentpro:event', { event: 'specsAdded', payload: refused(['/Users/ana/bad.course.yaml']) });
  });

  it('are announced by a notification when no window is open, which opens one', async () => {
    core.addResults = refused;
    await startApp();
    fake.windows[0]!.isDestroyed.mockReturnValue(true); // the person closed the window
    fake.app.emit('second-instance', {}, ['FluentPro', '/Users/ana/bad.course.yaml'], '/');
    fake.windows[1]!.isDestroyed.mockReturnValue(true);
    await settle();
    expect(fake.notifications).toHaveLength(1);
    expect(fake.notifications[0]!.options.title).toBe('/Users/ana/bad.course.yaml was not added');
    expect(fake.notifications[0]!.show).toHaveBeenCalled();
  });
});

describe('notifications macOS refuses (an unsigned build)', () => {
  it('leave the notice in the menu bar and tell Settings why; opening the window clears the menu bar', async () => {
    core.addResults = (paths) => paths.map((p) => ({ name: p, ok: false, problems: [{ path: 'level', message: 'must be one of A1…C2' }] }));
    await startApp();
    await vi.waitFor(() => expect(fake.trays).toHaveLength(1));
    fake.windows[0]!.isDestroyed.mockReturnValue(true); // no window open
    fake.app.emit('second-instance', {}, ['FluentPro', '/Users/ana/bad.course.yaml'], '/');
    fake.windows[1]!.isDestroyed.mockReturnValue(true);
    await settle();
    fake.notifications[0]!.fail('Notifications are not allowed for this application');
    expect(fake.trays[0]!.title).toBe('1 new');
    expect(await callApi('getSettings', [])).toEqual({ ok: true, result: { outDir: '/nowhere/outside/documents', notificationProblem: 'Notifications are not allowed for this application' } });
    fake.app.emit('activate'); // the Dock icon: the window opens
    expect(fake.trays[0]!.title).toBe('');
  });
});

describe('a start that fails', () => {
  it('says what failed and what to do, then quits (an error inside start reaches the dialog)', async () => {
    core.startErrors = [new Error('something unexpected')];
    await startApp();
    await settle();
    const shown = fake.dialog.showMessageBox.mock.calls[0]![0];
    expect(shown).toMatchObject({ type: 'error', message: 'FluentPro could not start.', buttons: ['Quit'] });
    expect(shown.detail).toContain('something unexpected');
    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.windows).toEqual([]);
  });

  it('with a damaged database: names the file and starts with a fresh queue, keeping the old one renamed', async () => {
    const dataDir = join(userData, 'Data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'queue.sqlite'), 'not a database');
    core.startErrors = [Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' })];
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }); // Start with a New Queue
    await startApp();
    await settle();
    const shown = fake.dialog.showMessageBox.mock.calls[0]![0];
    expect(shown.message).toBe('FluentPro’s queue database is damaged.');
    expect(shown.detail).toContain(join(dataDir, 'queue.sqlite'));
    expect(shown.buttons).toEqual(['Start with a New Queue', 'Show in Finder', 'Quit']);
    expect(existsSync(join(dataDir, 'queue.sqlite'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([expect.stringMatching(/^queue-damaged-\d{8}-\d{6}\.sqlite$/)]);
    expect(core.dataDirs).toHaveLength(2); // started again…
    expect(fake.windows).toHaveLength(1); // …and this time the window opens
    expect(fake.app.exit).not.toHaveBeenCalled();
    // The app: scheme and the API were registered once (Electron throws on a second time), and
    // the page's calls reach the queue that started the second time.
    expect(fake.protocol.handle).toHaveBeenCalledTimes(1);
    expect(fake.ipcMain.handle.mock.calls.filter(([channel]) => channel === 'fluentpro:addSpecPaths')).toHaveLength(1);
    const reply = await callApi('addSpecPaths', [['/Users/ana/a.course.yaml']]);
    expect(reply).toEqual({ ok: true, result: [] });
    expect(core.added).toContainEqual(['/Users/ana/a.course.yaml']);
  });

  it('while the queue is busy: Try Again starts it without registering anything twice', async () => {
    core.startErrors = [Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })];
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 }); // Try Again
    await startApp();
    await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
    expect(fake.dialog.showMessageBox.mock.calls[0]![0].buttons![0]).toBe('Try Again');
    expect(core.dataDirs).toHaveLength(2);
    expect(fake.app.exit).not.toHaveBeenCalled();
    expect(fake.protocol.handle).toHaveBeenCalledTimes(1);
    expect(await callApi('addSpecPaths', [['/Users/ana/b.course.yaml']])).toEqual({ ok: true, result: [] });
  });

  it('with a damaged database: Show in Finder selects the file and quits', async () => {
    core.startErrors = [Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' })];
    fake.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    await startApp();
    await settle();
    expect(fake.shell.showItemInFolder).toHaveBeenCalledWith(join(userData, 'Data', 'queue.sqlite'));
    expect(fake.app.exit).toHaveBeenCalledWith(1);
  });

  it('when the window cannot load: says so and offers to try again', async () => {
    await startApp();
    fake.BrowserWindow.failNextLoad = new Error('ERR_FILE_NOT_FOUND');
    fake.windows[0]!.isDestroyed.mockReturnValue(true);
    fake.app.emit('activate');
    await settle();
    const shown = fake.dialog.showMessageBox.mock.calls.at(-1)![0];
    expect(shown).toMatchObject({ message: 'FluentPro’s window could not be shown.', buttons: ['Try Again', 'Quit'] });
    expect(shown.detail).toContain('ERR_FILE_NOT_FOUND');
    expect(fake.windows).toHaveLength(3); // Try Again opened a new window
  });
});

describe('the menu bar in the app', () => {
  type Template = { label?: string; click?: () => void }[];
  const openMenu = () => {
    const tray = fake.trays[0]!;
    tray.emit('click', {});
    return tray.popUpContextMenu.mock.calls.at(-1)![0] as { template: Template };
  };

  it('is there once the app is ready, with the template image from the build folder in development', async () => {
    await startApp();
    await vi.waitFor(() => expect(fake.trays).toHaveLength(1));
    expect(fake.trays[0]!.image).toMatchObject({ path: expect.stringMatching(/[/\\]build[/\\]trayTemplate\.png$/), template: true });
  });

  it('“Schedules…” shows the window on the Schedules page once the page has loaded', async () => {
    await startApp();
    await vi.waitFor(() => expect(fake.trays).toHaveLength(1));
    const contents = fake.windows[0]!.webContents;
    openMenu().template.find((i) => i.label === 'Schedules…')!.click!();
    expect(contents.send).not.toHaveBeenCalled(); // still loading
    contents.finishLoad();
    expect(contents.send).toHaveBeenCalledWith('fluentpro:event', { event: 'showPage', payload: 'schedules' });
  });

  it('“Schedules…” with no window open opens one on the Schedules page', async () => {
    await startApp();
    await vi.waitFor(() => expect(fake.trays).toHaveLength(1));
    fake.windows[0]!.webContents.finishLoad();
    fake.windows[0]!.isDestroyed.mockReturnValue(true); // the person closed the window
    openMenu().template.find((i) => i.label === 'Schedules…')!.click!();
    expect(fake.windows).toHaveLength(2);
    const contents = fake.windows[1]!.webContents;
    expect(contents.send).not.toHaveBeenCalled();
    contents.finishLoad();
    expect(contents.send).toHaveBeenCalledWith('fluentpro:event', { event: 'showPage', payload: 'schedules' });
  });

  it('queues specs dropped on its icon, as the Dock does', async () => {
    await startApp();
    await vi.waitFor(() => expect(fake.trays).toHaveLength(1));
    fake.trays[0]!.emit('drop-files', {}, ['/Users/ana/a.course.yaml', '/Users/ana/notes.txt']);
    await vi.waitFor(() => expect(core.added).toContainEqual(['/Users/ana/a.course.yaml']));
  });
});
