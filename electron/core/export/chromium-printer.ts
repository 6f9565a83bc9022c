import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PageSize, PdfPrinter } from './export-format.js';
import { MAX_REPORTED, MissingGlyphsError, findMissingGlyphs } from './missing-glyphs.js';

// PDFs from the command line: the system's Chromium (or Chrome) driven by playwright-core, as the
// end-to-end tests drive it. The app passes webContents.printToPDF instead (see PdfPrinter).

/** No Chromium to print with; says what to install. */
export class ChromiumNotFoundError extends Error {
  readonly code = 'CHROMIUM_NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

/** Chromium started but could not print the page. */
export class PrintFailedError extends Error {
  readonly code = 'PRINT_FAILED';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

/** Where Chromium or Chrome usually is, in the order tried after $FLUENTPRO_CHROMIUM. */
export function chromiumCandidates(home = homedir()): string[] {
  const mac = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary'];
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    ...mac.map((app) => join('/Applications', app)),
    ...mac.map((app) => join(home, 'Applications', app)),
  ];
}

/** The browser to print with: $FLUENTPRO_CHROMIUM, else the first of chromiumCandidates() that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const chosen = env.FLUENTPRO_CHROMIUM;
  if (chosen) {
    if (exists(chosen)) return chosen;
    throw new ChromiumNotFoundError(`FLUENTPRO_CHROMIUM is ${chosen}, which does not exist; point it at a Chromium or Google Chrome executable`);
  }
  const found = chromiumCandidates().find((path) => exists(path));
  if (found) return found;
  throw new ChromiumNotFoundError(
    'printing a PDF needs Chromium or Google Chrome, and neither was found. Install one (macOS: Google Chrome from google.com/chrome, or "brew install --cask chromium"; Debian/Ubuntu: "apt-get install chromium"), or set FLUENTPRO_CHROMIUM to its executable',
  );
}

export interface ChromiumPrinterOptions {
  /** The browser executable (default: findChromium()). */
  executablePath?: string;
  /** Page margin on every side (default `1.5cm`, as the stylesheet's @page). */
  margin?: string;
  /** Refuse to print text no installed font can draw (MissingGlyphsError; default true). */
  checkGlyphs?: boolean;
  /** Environment of the browser process (default: this process's; fontconfig reads FONTCONFIG_FILE from it). */
  env?: NodeJS.ProcessEnv;
}

/** A PdfPrinter that starts headless Chromium for each print and closes it after. */
export function chromiumPrinter(options: ChromiumPrinterOptions = {}): PdfPrinter {
  return {
    async print(html: string, { pageSize }: { pageSize: PageSize }): Promise<Uint8Array> {
      const executablePath = options.executablePath ?? findChromium();
      const margin = options.margin ?? '1.5cm';
      const { chromium } = await import('playwright-core');
      let browser;
      try {
        browser = await chromium.launch({ executablePath, headless: true, ...(options.env ? { env: options.env } : {}), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
      } catch (error) {
        throw new PrintFailedError(`could not start ${executablePath} to print the PDF: ${(error as Error).message.split('\n')[0]}`);
      }
      try {
        const page = await browser.newPage({ javaScriptEnabled: false });
        await page.setContent(html, { waitUntil: 'load' });
        // Scripts are off for the page; Playwright's evaluate still runs (as DevTools does).
        if (options.checkGlyphs ?? true) {
          const missing = await page.evaluate(findMissingGlyphs, MAX_REPORTED);
          if (missing.length > 0) throw new MissingGlyphsError(missing);
        }
        const pdf = await page.pdf({ format: pageSize, printBackground: true, margin: { top: margin, right: margin, bottom: margin, left: margin } });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } finally {
        await browser.close();
      }
    },
  };
}
