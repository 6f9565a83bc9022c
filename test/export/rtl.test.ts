import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { Window } from 'happy-dom';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseSchema, type Course } from '../../electron/core/course/course-schema.js';
import { chromiumPrinter } from '../../electron/core/export/chromium-printer.js';
import { courseHandoutHtml } from '../../electron/core/export/handout.js';
import { exportMoodleXml } from '../../electron/core/export/moodle-xml.js';
import { exportPdf } from '../../electron/core/export/pdf.js';
import { exportScorm } from '../../electron/core/export/scorm.js';
import { useTempDir } from '../support/temp-dir.js';
import { ARABIC, CHROMIUM, trickyCourse } from './export-fixtures.js';
import { child, elements, parseXml, textOf } from './xml-reader.js';

// Right-to-left free text: an Arabic course for English speakers whose model wrote its quiz,
// exercises and explanations in Arabic, with quotes first and an ellipsis last. In an English
// (left-to-right) page such a line must still run right to left: the opening quote on the right,
// the ellipsis on the left. Without a direction of its own, the browser lays it out left to right
// and both land on the wrong side.

/** Arabic with a leading quote and a trailing ellipsis (no lam-alef, which poppler extracts as two letters reversed). */
const QUESTION = '"مرحبا" تعني ...';
const OPTIONS = ['"شكرا" كثيرا...', '"مساء" الخير...'];
const EXPLANATION = '"مرحبا" تحية...';
const INSTRUCTION = 'ترجم "صباح" ...';
const PROMPT = '"صباح" الخير ...';

function arabicCourse(): Course {
  const base = trickyCourse('Arabic', ARABIC);
  return courseSchema.parse({
    ...base,
    lessons: base.lessons.map((l) => ({
      ...l,
      exercises: [{ instruction: INSTRUCTION, prompt: PROMPT, answer: 'صباح الخير' }],
      quiz: [{ question: QUESTION, options: OPTIONS, answerIndex: 0, explanation: EXPLANATION }],
    })),
    totals: { ...base.totals, quizQuestions: base.lessons.length },
  });
}

function parse(html: string): Document {
  const window = new Window();
  window.document.write(html);
  return window.document as unknown as Document;
}

/** The direction an element's text gets: its own dir, or that of the one child holding its text. */
function ownDir(el: Element): string | null {
  return el.getAttribute('dir') ?? (el.children.length === 1 && el.children[0]!.textContent === el.textContent ? el.children[0]!.getAttribute('dir') : null);
}

describe('right-to-left free text in the exports', () => {
  const course = arabicCourse();

  it('marks questions, options, explanations, exercises and answer-key lines dir="auto" in the HTML handout and the SCORM page, on an English page', () => {
    const handout = parse(courseHandoutHtml(course));
    expect([handout.documentElement.getAttribute('lang'), handout.documentElement.getAttribute('dir')]).toEqual(['en', 'ltr']);
    for (const selector of ['.fp-question-text', '.fp-options .fp-option', '.fp-instruction', '.fp-prompt', '.fp-grammar .fp-explanation-text']) {
      const found = Array.from(handout.querySelectorAll(selector));
      expect(found.length, selector).toBeGreaterThan(0);
      for (const el of found) expect(ownDir(el), selector).toBe('auto');
    }
    const keyLine = Array.from(handout.querySelectorAll('.fp-answer-key .fp-key-list li')).find((li) => li.querySelector('strong'))!;
    expect(Array.from(keyLine.querySelectorAll('[dir="auto"]')).map((s) => s.textContent)).toEqual([OPTIONS[0], EXPLANATION]);

    const scorm = parse(strFromU8(unzipSync(exportScorm(course))['index.html']!));
    for (const selector of ['.fp-question-text', 'button.fp-option', '.fp-explanation', '.fp-instruction', '.fp-prompt']) {
      const found = Array.from(scorm.querySelectorAll(selector));
      expect(found.length, selector).toBeGreaterThan(0);
      for (const el of found) expect(el.getAttribute('dir'), selector).toBe('auto');
    }
  });

  it('marks every HTML text of the Moodle XML questions dir="auto"', () => {
    const question = elements(parseXml(exportMoodleXml(course)), 'question').find((q) => q.attributes.type === 'multichoice')!;
    expect(textOf(child(child(question, 'questiontext'), 'text'))).toBe(`<p dir="auto">${QUESTION}</p>`);
    expect(elements(question, 'answer').map((a) => textOf(child(a, 'text')))).toEqual(OPTIONS.map((o) => `<p dir="auto">${o}</p>`));
    expect(textOf(child(child(question, 'generalfeedback'), 'text'))).toBe(`<p dir="auto">${EXPLANATION}</p>`);
  });

  describe.skipIf(!existsSync(CHROMIUM))(`laid out by Chromium (skipped: needs ${CHROMIUM}; .ci/run installs it)`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    });
    afterAll(async () => {
      await browser?.close();
    });

    /** For each element matching `selector` whose text is one of `texts`: where its first and last characters are drawn. */
    async function ends(html: string, selector: string, texts: string[]): Promise<{ text: string; first: number; last: number; direction: string }[]> {
      const page = await browser.newPage();
      await page.setContent(html);
      const found = await page.evaluate(
        ({ selector, texts }) =>
          Array.from(document.querySelectorAll(selector))
            .filter((el) => texts.includes(el.textContent ?? ''))
            .map((el) => {
              const node = el.firstChild!.nodeType === Node.TEXT_NODE ? el.firstChild! : el.firstChild!.firstChild!;
              const text = node.textContent!;
              const at = (i: number) => {
                const range = document.createRange();
                range.setStart(node, i);
                range.setEnd(node, i + 1);
                return range.getBoundingClientRect().left;
              };
              return { text, first: at(0), last: at(text.length - 1), direction: getComputedStyle(node.parentElement!).direction };
            }),
        { selector, texts },
      );
      await page.close();
      return found;
    }

    it('draws an Arabic question, option, explanation and exercise right to left: the opening quote on the right, the ellipsis on the left', async () => {
      for (const [html, selector, texts] of [
        [courseHandoutHtml(course), '.fp-question-text, .fp-instruction, .fp-prompt', [QUESTION, INSTRUCTION, PROMPT]],
        [courseHandoutHtml(course), '.fp-options .fp-option', OPTIONS],
        [courseHandoutHtml(course), '.fp-answer-key li span', [OPTIONS[0]!, EXPLANATION]],
        [strFromU8(unzipSync(exportScorm(course))['index.html']!).replace(/<script[^>]*><\/script>/, '').replace(/ data-fp-explanation hidden/g, ' data-fp-explanation'), '.fp-question-text, button.fp-option, .fp-explanation', [QUESTION, ...OPTIONS, EXPLANATION]],
      ] as const) {
        const drawn = await ends(html, selector, [...texts]);
        expect(new Set(drawn.map((d) => d.text)), selector).toEqual(new Set(texts));
        for (const d of drawn) {
          expect(d.direction, d.text).toBe('rtl');
          expect(d.first, `${d.text}: the first character is drawn right of the last`).toBeGreaterThan(d.last);
        }
      }
    });
  });

  const tempDir = useTempDir();
  const hasPoppler = existsSync('/usr/bin/pdftotext');
  describe.skipIf(!existsSync(CHROMIUM) || !hasPoppler)(`the PDF (skipped: needs ${CHROMIUM} and poppler-utils' pdftotext; .ci/run installs both)`, () => {
    it('prints the Arabic lines right to left: in each, poppler finds the ellipsis left of every Arabic word', async () => {
      const pdf = await exportPdf(course, { printer: chromiumPrinter({ executablePath: CHROMIUM }) });
      const file = join(tempDir(), 'arabic.pdf');
      writeFileSync(file, pdf);
      // pdftotext -bbox-layout: each printed line with its words where they are drawn.
      const layout = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8' });
      const lines = Array.from(layout.matchAll(/<line [^>]*>([\s\S]*?)<\/line>/g), ([, body]) =>
        Array.from(body!.matchAll(/<word xMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g), ([, x, text]) => ({ x: Number(x), text: text!.replace(/&quot;/g, '"') })),
      );
      // The lines of Arabic free text: Arabic words, quotes and an ellipsis, after a list's number or letter.
      const arabicLines = lines
        .map((words) => words.filter((w) => !/^([a-z]|\d+)\.$/.test(w.text)))
        .filter((words) => words.length > 1 && words.every((w) => /^["\u0600-\u06ff.]+$/.test(w.text)) && words.some((w) => w.text.includes('...')));
      // Each lesson's question, instruction, prompt and two options.
      expect(arabicLines.length).toBeGreaterThanOrEqual(course.lessons.length * 5);
      for (const words of arabicLines) {
        const ellipsis = words.find((w) => w.text.includes('...'))!;
        expect(Math.min(...words.map((w) => w.x)), words.map((w) => w.text).join(' ')).toBe(ellipsis.x);
      }
    });
  });
});
