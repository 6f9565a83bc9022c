import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeElectron, type FakeElectron } from './fake-electron.js';

// The glue of File › Export… and the viewer's Export menu in the app: the save panel and
// webContents.printToPDF, against the fake Electron.
const fakeReady = vi.hoisted(async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('electron', async () => await fakeReady);

let fake: FakeElectron;
beforeEach(async () => {
  fake = await fakeReady;
  resetFakeElectron(fake);
  fake.BrowserWindow.getFocusedWindow.mockImplementation(() => null);
});

type Window = InstanceType<FakeElectron['BrowserWindow']>;

describe('the PDF printer of the app', () => {
  it('prints the handout in a hidden, sandboxed window without script, on the paper asked for, and closes it', async () => {
    const { webContentsPdfPrinter } = await import('../../electron/main/pdf-printer.js');
    const pdf = await webContentsPdfPrinter().print('<!doctype html><title>Handout</title><p>Lesson 1</p>', { pageSize: 'Letter' });
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.4 printed');
    const window = fake.windows[0] as Window;
    expect(window.options).toMatchObject({ show: false });
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    // The page came from a file holding exactly the HTML, and nothing else was loaded.
    const file = window.loadFile.mock.calls[0]![0];
    expect(file).toMatch(/fluentpro-print-.*handout\.html$/);
    expect(window.loadURL).not.toHaveBeenCalled();
    const options = window.webContents.printToPDF.mock.calls[0]![0];
    expect(options).toMatchObject({ pageSize: 'Letter', printBackground: true, margins: { top: expect.closeTo(0.59, 2), left: expect.closeTo(0.59, 2) } });
    expect(window.destroy).toHaveBeenCalled();
    expect(() => readFileSync(file)).toThrow(); // the temporary page is gone
  });

  it('never navigates and opens no window', async () => {
    const { webContentsPdfPrinter } = await import('../../electron/main/pdf-printer.js');
    await webContentsPdfPrinter().print('<p>x</p>', { pageSize: 'A4' });
    const window = fake.windows[0] as Window;
    const event = { url: 'https://example.com/', preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', event);
    expect(event.preventDefault).toHaveBeenCalled();
    const openHandler = window.webContents.setWindowOpenHandler.mock.calls[0]![0] as () => unknown;
    expect(openHandler()).toEqual({ action: 'deny' });
  });

  it('reports a page that did not load as PRINT_FAILED and still closes the window', async () => {
    const { webContentsPdfPrinter } = await import('../../electron/main/pdf-printer.js');
    fake.BrowserWindow.failNextLoad = new Error('ERR_FAILED (-2) loading the page');
    await expect(webContentsPdfPrinter().print('<p>x</p>', { pageSize: 'A4' })).rejects.toMatchObject({ code: 'PRINT_FAILED', message: 'the PDF could not be printed: ERR_FAILED (-2) loading the page' });
    const window = fake.windows[0] as Window;
    expect(window.webContents.printToPDF).not.toHaveBeenCalled();
    expect(window.destroy).toHaveBeenCalled();
  });
});

describe('the save panel for exports', () => {
  const request = { courseFolder: '/Users/ana/Documents/FluentPro/spanish', defaultName: 'spanish.scorm.zip', formatLabel: 'SCORM 1.2 package (.zip)', extension: 'scorm.zip' };

  it('opens in the course’s exports/ folder with the course’s file name, as a sheet on the focused window', async () => {
    const { saveDialogTarget } = await import('../../electron/main/save-dialog.js');
    const parent = new fake.BrowserWindow({ webPreferences: {} });
    fake.BrowserWindow.getFocusedWindow.mockImplementation(() => parent);
    fake.dialog.showSaveDialog.mockImplementation(async () => ({ canceled: false, filePath: '/Users/ana/Desktop/mine.scorm.zip' }));
    expect(await saveDialogTarget.chooseSaveFile(request)).toBe('/Users/ana/Desktop/mine.scorm.zip');
    const [window, options] = fake.dialog.showSaveDialog.mock.calls[0]!;
    expect(window).toBe(parent);
    expect(options).toMatchObject({
      title: 'Export SCORM 1.2 package (.zip)',
      defaultPath: '/Users/ana/Documents/FluentPro/spanish/exports/spanish.scorm.zip',
      filters: [{ name: 'SCORM 1.2 package (.zip)', extensions: ['zip'] }],
      properties: expect.arrayContaining(['createDirectory', 'showOverwriteConfirmation']),
    });
  });

  it('answers null when the person cancels', async () => {
    const { saveDialogTarget } = await import('../../electron/main/save-dialog.js');
    expect(await saveDialogTarget.chooseSaveFile(request)).toBeNull();
    expect(fake.dialog.showSaveDialog.mock.calls[0]).toHaveLength(1); // no window focused: a free-standing panel
  });
});

describe('File › Export…', () => {
  type Item = { label?: string; enabled?: boolean; accelerator?: string; click?: () => void; submenu?: Item[] };
  const fileMenu = (menu: unknown) => ((menu as { template: Item[] }).template.find((m) => m.label === 'File')!.submenu ?? []).find((i) => i.label === 'Export…')!;

  it('asks the window for the course in view, and is disabled when the app gives no action', async () => {
    const { buildAppMenu } = await import('../../electron/main/app-menu.js');
    const exportCourse = vi.fn();
    const item = fileMenu(buildAppMenu({ addSpecs: vi.fn(), exportCourse }));
    expect(item).toMatchObject({ enabled: true, accelerator: 'CmdOrCtrl+E' });
    item.click!();
    expect(exportCourse).toHaveBeenCalledOnce();
    expect(fileMenu(buildAppMenu({ addSpecs: vi.fn() })).enabled).toBe(false);
  });
});
