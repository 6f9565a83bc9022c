import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChromiumNotFoundError, chromiumPrinter, findChromium } from '../../electron/core/export/chromium-printer.js';
import { MAX_REPORTED, MissingGlyphsError, missingGlyphsMessage, missingGlyphsScript } from '../../electron/core/export/missing-glyphs.js';
import { courseHandoutHtml } from '../../electron/core/export/handout.js';
import type { PdfPrinter } from '../../electron/core/export/export-format.js';
import { exportPdf } from '../../electron/core/export/pdf.js';
import { useTempDir } from '../support/temp-dir.js';
import { ARABIC, CHROMIUM, JAPANESE, demoCourse, trickyCourse } from './export-fixtures.js';

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

  it('names the font package to install for the script whose characters have no font', () => {
    expect(missingGlyphsMessage(Array.from('こんにちは元気'))).toMatch(/no installed font can draw Chinese, Japanese or Korean \(7 characters, e\.g\. "こんにちは元気"\).*empty boxes.*apt-get install fonts-noto-cjk"/);
    expect(missingGlyphsMessage(Array.from('مرحبا'))).toContain('Arabic');
    expect(missingGlyphsMessage(Array.from('مرحبا'))).toContain('apt-get install fonts-noto-core"');
    expect(missingGlyphsMessage(['\u{10480}'])).toContain('apt-get install fonts-noto-core fonts-noto-extra"');
    expect(missingGlyphsMessage(['漢'])).toContain('macOS has these fonts built in');
  });

  // A machine without CJK fonts, made from this one: a fontconfig file (Chromium on Linux finds
  // fonts through fontconfig, which reads FONTCONFIG_FILE) that loads the system's configuration
  // and rejects every CJK font file. The test first proves the condition is real: fontconfig then
  // has no Japanese font, and a PDF printed without the check embeds no CJK font.
  const hasPdffonts = existsSync('/usr/bin/pdffonts') && existsSync('/usr/bin/fc-list');
  describe.skipIf(!hasChromium || !hasPdffonts)(`on a machine without CJK fonts (skipped: needs ${CHROMIUM}, poppler-utils' pdffonts and fontconfig's fc-list; .ci/run installs them)`, () => {
    function withoutCjkFonts(): NodeJS.ProcessEnv {
      const config = join(tempDir(), 'no-cjk-fonts.conf');
      writeFileSync(
        config,
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
          `  <selectfont><rejectfont><glob>*CJK*</glob><glob>*cjk*</glob></rejectfont></selectfont>\n</fontconfig>\n`,
      );
      return { ...process.env, FONTCONFIG_FILE: config };
    }
    /** The fonts a PDF embeds, as pdffonts lists them: name without the subset tag, and type (Skia embeds CJK fonts as unnamed Type 3). */
    const pdfFonts = (pdf: Uint8Array): Set<string> => {
      const file = join(tempDir(), `fonts-${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(file, pdf);
      const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
      return new Set(rows.map((row) => row.replace(/^[A-Z]{6}\+/, '').replace(/\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/, '').replace(/\s+/g, ' ')));
    };
    const japanese = trickyCourse('Japanese', JAPANESE);

    it('the simulated machine really lacks them: fontconfig has no Japanese font, and a PDF printed unchecked lacks the CJK fonts the real one embeds', async () => {
      const env = withoutCjkFonts();
      expect(execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8', env }).trim()).toBe('');
      expect(execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' }).trim(), 'this machine has a Japanese font to hide').not.toBe('');
      // Printed anyway, the Japanese is drawn with the Latin fonts the page names (their empty
      // boxes); with the fonts present, the PDF carries the CJK fonts besides those.
      const boxes = pdfFonts(await exportPdf(japanese, { printer: chromiumPrinter({ executablePath: CHROMIUM, env, checkGlyphs: false }) }));
      const real = pdfFonts(await exportPdf(japanese, { printer: chromiumPrinter({ executablePath: CHROMIUM }) }));
      expect([...boxes].every((f) => real.has(f)), `${[...boxes]} ⊂ ${[...real]}`).toBe(true);
      expect(real.size).toBeGreaterThan(boxes.size);
    });

    it('refuses to print a Japanese handout there, naming the characters and fonts-noto-cjk', async () => {
      const error = await exportPdf(japanese, { printer: chromiumPrinter({ executablePath: CHROMIUM, env: withoutCjkFonts() }) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MissingGlyphsError);
      expect((error as MissingGlyphsError).code).toBe('MISSING_GLYPHS');
      expect((error as MissingGlyphsError).characters).toEqual(expect.arrayContaining(Array.from('こんにちは元気ですかありがとう')));
      expect((error as Error).message).toContain('apt-get install fonts-noto-cjk');
    });

    it('the same check as one script (for Electron’s executeJavaScript in the app) finds the same characters', async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, env: withoutCjkFonts(), args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const page = await browser.newPage({ javaScriptEnabled: false });
        await page.setContent(courseHandoutHtml(japanese));
        const missing = (await page.evaluate(missingGlyphsScript())) as string[];
        expect(missing).toEqual(expect.arrayContaining(Array.from('こんにちは元気ですか')));
        expect(missing.length).toBeLessThanOrEqual(MAX_REPORTED);
      } finally {
        await browser.close();
      }
    });

    it('prints a Spanish or Arabic course there (their fonts are present), and the Japanese one with the fonts installed', async () => {
      const env = withoutCjkFonts();
      for (const course of [demoCourse(1), trickyCourse('Arabic', ARABIC)]) {
        const pdf = await exportPdf(course, { printer: chromiumPrinter({ executablePath: CHROMIUM, env }) });
        expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
      }
      const pdf = await exportPdf(trickyCourse('Japanese', JAPANESE), { printer: chromiumPrinter({ executablePath: CHROMIUM }) });
      expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    });
  });
});
