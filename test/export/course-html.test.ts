import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { COURSE_CSS } from '../../electron/shared/course-html/course-css.js';
import { escapeHtml } from '../../electron/shared/course-html/escape.js';
import { languageTag, textDirection } from '../../electron/shared/course-html/language.js';
import { renderCourseDocument, renderCourseHtml, renderLessonHtml } from '../../electron/shared/course-html/render-course.js';
import { EXPORT_FORMATS } from '../../electron/core/export/formats.js';
import { ARABIC, JAPANESE, NASTY, demoCourse, trickyCourse } from './export-fixtures.js';

function parse(html: string): Document {
  const window = new Window();
  window.document.write(html.startsWith('<!doctype') ? html : `<!doctype html><html><body>${html}</body></html>`);
  return window.document as unknown as Document;
}

describe('course HTML renderer', () => {
  it('escapes every special character of model text, so a <script> title stays text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const course = trickyCourse();
    for (const mode of ['reading', 'handout', 'scorm'] as const) {
      const html = renderCourseDocument(course, { mode, inlineCss: COURSE_CSS });
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<b>');
      const doc = parse(html);
      expect(doc.querySelectorAll('script').length).toBe(0);
      expect(doc.querySelector('.fp-lesson-title')!.textContent).toBe(`Greetings ${NASTY}`);
      expect(doc.querySelector('h1')!.textContent).toBe(`Tricky ${NASTY}`);
      expect(doc.querySelector('title')!.textContent).toBe(`Tricky ${NASTY}`);
    }
  });

  it('has no inline event handler, style attribute or javascript: URL (it must run under the viewer’s CSP)', () => {
    const html = renderCourseHtml(trickyCourse(), { mode: 'reading' });
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('gives the target language’s text lang, and dir="rtl" for Arabic, on a page in the native language', () => {
    const doc = parse(renderCourseDocument(trickyCourse('Arabic', ARABIC), { mode: 'reading' }));
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.documentElement.getAttribute('dir')).toBe('ltr');
    const term = doc.querySelector('.fp-term')!;
    expect(term.textContent).toBe('مرحبا');
    expect(term.getAttribute('lang')).toBe('ar');
    expect(term.getAttribute('dir')).toBe('rtl');
    for (const line of Array.from(doc.querySelectorAll(".fp-line"))) expect([line.getAttribute('lang'), line.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    // The translations are English: no lang of their own, left to right.
    expect(doc.querySelector('.fp-translation')!.getAttribute('dir')).toBeNull();
  });

  it('keeps CJK text as it is, marked lang="ja", left to right', () => {
    const doc = parse(renderCourseHtml(trickyCourse('Japanese', JAPANESE), { mode: 'handout' }));
    const term = doc.querySelector('.fp-term')!;
    expect(term.textContent).toBe('こんにちは');
    expect(term.getAttribute('lang')).toBe('ja');
    expect(term.getAttribute('dir')).toBeNull();
    expect(doc.querySelector('.fp-line')!.textContent).toBe('こんにちは、元気ですか？');
  });

  it('marks Spanish in an Arabic speakers’ course dir="ltr" inside a right-to-left page', () => {
    const course = { ...trickyCourse(), nativeLanguage: 'Arabic' };
    const doc = parse(renderCourseDocument(course, { mode: 'reading' }));
    expect([doc.documentElement.getAttribute('lang'), doc.documentElement.getAttribute('dir')]).toEqual(['ar', 'rtl']);
    expect([doc.querySelector('.fp-term')!.getAttribute('lang'), doc.querySelector('.fp-term')!.getAttribute('dir')]).toEqual(['es', 'ltr']);
  });

  it.each([
    ['Spanish', 'es', 'ltr'],
    ['japanese', 'ja', 'ltr'],
    ['Arabic', 'ar', 'rtl'],
    ['Hebrew', 'he', 'rtl'],
    ['Persian', 'fa', 'rtl'],
    ['Brazilian Portuguese', 'pt-BR', 'ltr'],
    ['pt_br', 'pt-BR', 'ltr'],
    ['zh-hant-tw', 'zh-Hant-TW', 'ltr'],
    ['Mandarin Chinese', 'zh', 'ltr'],
    ['Urdu', 'ur', 'rtl'],
  ])('%s is %s, %s', (name, tag, dir) => {
    expect(languageTag(name)).toBe(tag);
    expect(textDirection(languageTag(name))).toBe(dir);
  });

  it('leaves out lang for a language it does not know rather than guess', () => {
    expect(languageTag('Klingon of the Far Reaches')).toBeUndefined();
    const html = renderCourseHtml({ ...trickyCourse(), language: 'Klingon of the Far Reaches' }, { mode: 'reading' });
    expect(parse(html).querySelector('.fp-term')!.hasAttribute('lang')).toBe(false);
  });

  it('reading mode: answers hidden behind reveal buttons, quiz options to pick, translations to toggle (data attributes, no script)', () => {
    const course = trickyCourse();
    const doc = parse(renderLessonHtml(course, course.lessons[0]!, { mode: 'reading' }));
    const reveal = doc.querySelector('[data-fp-action="reveal-answer"]')!;
    const answer = doc.getElementById(reveal.getAttribute('aria-controls')!)!;
    expect(answer.hasAttribute('hidden')).toBe(true);
    expect(answer.textContent).toContain('Answer 1 {a=b}');
    const question = doc.querySelector('[data-fp-question]')!;
    expect(question.getAttribute('data-fp-correct')).toBe('1');
    expect(Array.from(question.querySelectorAll('[data-fp-action="pick-option"]')).map((b) => b.getAttribute('data-fp-option'))).toEqual(['0', '1', '2']);
    expect(question.querySelector('[data-fp-explanation]')!.hasAttribute('hidden')).toBe(true);
    expect(doc.querySelector('[data-fp-quiz]')!.getAttribute('data-fp-questions')).toBe('2');
    expect(doc.querySelector('[data-fp-action="toggle-translations"]')!.closest('[data-fp-translations]')).not.toBeNull();
  });

  it('handout mode: a page break before each lesson, no buttons, every answer on an answer key at the end', () => {
    const course = demoCourse(3);
    const doc = parse(renderCourseHtml(course, { mode: 'handout' }));
    expect(doc.querySelectorAll('button').length).toBe(0);
    expect(doc.querySelectorAll('.fp-answer').length).toBe(0);
    expect(doc.querySelectorAll('.fp-lesson').length).toBe(3);
    const key = doc.querySelector('.fp-answer-key')!;
    expect(key.previousElementSibling!.classList.contains('fp-lesson')).toBe(true);
    expect(key.querySelectorAll('.fp-answer-key-lesson').length).toBe(3);
    const firstQuiz = course.lessons[0]!.quiz![0]!;
    expect(key.textContent).toContain(`${String.fromCharCode(97 + firstQuiz.answerIndex)}) ${firstQuiz.options[firstQuiz.answerIndex]}`);
    expect(key.textContent).toContain(course.lessons[2]!.exercises![0]!.answer);
    expect(COURSE_CSS).toMatch(/\.fp-mode-handout \.fp-lesson, \.fp-mode-handout \.fp-answer-key \{ break-before: page;/);
  });

  it('is pure TypeScript: no Node and no DOM, so the sandboxed renderer and the exporters can both use it', () => {
    const dir = join(import.meta.dirname, '..', '..', 'electron', 'shared', 'course-html');
    const sources = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(3);
    for (const file of sources) {
      const code = readFileSync(join(dir, file), 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
      expect(code, file).not.toMatch(/\b(Buffer|process|require|globalThis|document|window|navigator|DOMParser)\b|from 'node:/);
    }
  });

  it('the stylesheet: light and dark, print rules, and course.css is the same text as COURSE_CSS', () => {
    expect(COURSE_CSS).toContain('@media (prefers-color-scheme: dark)');
    expect(COURSE_CSS).toContain('@media print');
    const file = readFileSync(join(import.meta.dirname, '..', '..', 'electron', 'shared', 'course-html', 'course.css'), 'utf8');
    expect(file, 'electron/shared/course-html/course.css and course-css.ts differ: make them the same text').toBe(COURSE_CSS);
  });
});

describe('html export', () => {
  it('is one self-contained document: inline CSS, no script, nothing fetched from the network', async () => {
    const html = (await EXPORT_FORMATS.html.export(demoCourse(2))) as string;
    const doc = parse(html);
    expect(doc.querySelectorAll('style').length).toBe(1);
    expect(doc.querySelectorAll('script, link, img, iframe').length).toBe(0);
    expect(html).not.toMatch(/https?:\/\//);
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')).toContain("default-src 'none'");
    expect(doc.querySelector('.fp-course')!.classList.contains('fp-mode-handout')).toBe(true);
  });
});
