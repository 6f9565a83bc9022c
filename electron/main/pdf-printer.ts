import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfPrinter } from '../core/export/export-format.js';

/** Page margin on every side, in inches (Electron's unit): 1.5 cm, as the handout's @page and the command's printer. */
const MARGIN_INCHES = 1.5 / 2.54;

/**
 * PDFs in the app: the handout HTML printed by webContents.printToPDF in a hidden window that
 * runs no script, has no preload and no Node, is sandboxed, and never navigates or opens anything.
 * The page is loaded from a temporary file (a data: URL has a size limit a long course can pass).
 */
export function webContentsPdfPrinter(): PdfPrinter {
  return {
    async print(html, { pageSize }) {
      const dir = await mkdtemp(join(tmpdir(), 'fluentpro-print-'));
      const window = new BrowserWindow({
        show: false,
        width: 800,
        height: 1100,
        webPreferences: {
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          javascript: false,
          spellcheck: false,
          disableBlinkFeatures: 'Auxclick',
        },
      });
      window.webContents.on('will-navigate', (event) => event.preventDefault());
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      try {
        const file = join(dir, 'handout.html');
        await writeFile(file, html);
        await window.loadFile(file);
        const pdf = await window.webContents.printToPDF({
          pageSize,
          printBackground: true,
          margins: { top: MARGIN_INCHES, bottom: MARGIN_INCHES, left: MARGIN_INCHES, right: MARGIN_INCHES },
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } catch (error) {
        throw Object.assign(new Error(`the PDF could not be printed: ${(error as Error).message}`), { name: 'PrintFailedError', code: 'PRINT_FAILED' });
      } finally {
        window.destroy();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
