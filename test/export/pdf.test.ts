import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChromiumNotFoundError, chromiumPrinter, findChromium } from '../../electron/core/export/chromium-printer.js';
import type { PdfPrinter } from '../../electron/core/export/export-format.js';
import { exportPdf } from '../../electron/core/export/pdf.js';
import { useTempDir } from '../support/temp-dir.js';
import { CHROMIUM, demoCourse } from './export-fixtures.js';

const tempDir = useTempDir();
const hasChromium = existsSync(CHROMIUM);
const hasPoppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdfinfo');

function pdfPages(pdf: Uint8Array): { info: string; pages: string[] } {
  const file = join(tempDir(), 'course.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  return { info, pages: text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim()) };
}

describe('pdf export', () => {
  it('prints the handout through the PdfPrinter it is given (the app passes webContents.printToPDF)', async () => {
    const calls: { html: string; pageSize: string }[] = [];
    const printer: PdfPrinter = {
      async print(html, { pageSize }) {
        calls.push({ html, pageSize });
        return new Uint8Array([37, 80, 68, 70]);
      },
    };
    const course = demoCourse(2);
    expect(await exportPdf(course, { printer, pageSize: 'Letter' })).toEqual(new Uint8Array([37, 80, 68, 70]));
    expect(calls.length).toBe(1);
    expect(calls[0]!.pageSize).toBe('Letter');
    expect(calls[0]!.html).toContain('class="fp-course fp-mode-handout"');
    expect(calls[0]!.html).toContain('Answer key');
  });

  it('finds Chromium from FLUENTPRO_CHROMIUM or the usual places, and says what to install when there is none', () => {
    expect(findChromium({ FLUENTPRO_CHROMIUM: '/opt/my/chrome' }, (p) => p === '/opt/my/chrome')).toBe('/opt/my/chrome');
    expect(() => findChromium({ FLUENTPRO_CHROMIUM: '/opt/none' }, () => false)).toThrow('FLUENTPRO_CHROMIUM is /opt/none, which does not exist');
    expect(findChromium({}, (p) => p === '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(findChromium({}, (p) => p === '/usr/bin/chromium')).toBe('/usr/bin/chromium');
    let error: unknown;
    try {
      findChromium({}, () => false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChromiumNotFoundError);
    expect((error as ChromiumNotFoundError).code).toBe('CHROMIUM_NOT_FOUND');
    expect((error as Error).message).toMatch(/needs Chromium or Google Chrome.*apt-get install chromium.*FLUENTPRO_CHROMIUM/);
  });

  describe.skipIf(!hasChromium || !hasPoppler)(`printed by Chromium (skipped: needs ${CHROMIUM} and poppler-utils' pdfinfo/pdftotext; .ci/run installs both)`, () => {
    it('has a page or more per lesson, each lesson starting a page with its title, and the answer key last (A4)', async () => {
      const course = demoCourse(4);
      const pdf = await exportPdf(course, { printer: chromiumPrinter({ executablePath: CHROMIUM }) });
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      const { info, pages } = pdfPages(pdf);
      expect(info).toMatch(/Page size:\s+59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)/);
      expect(pages.length).toBeGreaterThanOrEqual(course.lessons.length + 2);
      for (const lesson of course.lessons) {
        // The stylesheet sets "Lesson N" in capitals.
        const page = pages.find((p) => p.trimStart().toLowerCase().startsWith(`lesson ${lesson.number}\n`));
        expect(page, `a page starts with lesson ${lesson.number}`).toBeDefined();
        expect(page).toContain(lesson.title);
      }
      const key = pages.findIndex((p) => p.trimStart().startsWith('Answer key'));
      expect(key, 'the answer key starts a page after the last lesson').toBeGreaterThan(pages.findIndex((p) => p.trimStart().toLowerCase().startsWith(`lesson ${course.lessons.length}\n`)));
    });

    it('prints on Letter paper when asked', async () => {
      const pdf = await exportPdf(demoCourse(1), { printer: chromiumPrinter({ executablePath: CHROMIUM }), pageSize: 'Letter' });
      expect(pdfPages(pdf).info).toMatch(/Page size:\s+61\d(\.\d+)? x 79\d(\.\d+)? pts \(letter\)/);
    });
  });
});
