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
}));
vi.mock('../../electron/core/api/app-core.js', () => ({
  startAppCore: () => ({
    orchestrator: {
      get runningCount() {
        return core.runningCount;
      },
    },
    service: { addSpecPaths: async (paths: string[]) => void core.added.push(paths), onDidChangeJobs: () => () => {}, onDidRemoveJobs: () => () => {} },
    close: async () => void (core.closed = true),
  }),
  toApiError: (e: Error) => e,
}));

let fake: FakeElectron;
beforeEach(async () => {
  fake = await fakeReady;
  resetFakeElectron(fake);
  fake.app.whenReady.mockImplementation(() => Promise.resolve());
  fake.app.isReady.mockImplementation(() => true);
  Object.assign(core, { runningCount: 0, closed: false, added: [] });
  vi.resetModules();
});

async function startApp() {
  await import('../../electron/main/main.js');
  await new Promise((r) => setTimeout(r, 10)); // let whenReady().then(start) run
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
});
