import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Course } from '../../electron/core/course/course-schema.js';
import { exportAnki } from '../../electron/core/export/anki.js';
import { exportGift } from '../../electron/core/export/gift.js';
import { renderLesson } from '../../electron/core/output/render-markdown.js';
import { renderCourseHtml } from '../../electron/shared/course-html/render-course.js';
import { ARABIC, JAPANESE, trickyCourse } from './export-fixtures.js';

// Format 2's readings, genders and articles, shown where a learner reads the course: the shared
// HTML (viewer, handout, PDF, SCORM), the Markdown lessons, the Anki deck and the question banks.

/** A format 2 course: the first term and texts of lesson 1 with the fields its language has. */
type VocabularyItem = NonNullable<Course['lessons'][number]['vocabulary']>[number];

function withFields(course: Course, term: Partial<VocabularyItem>, line?: { text: string; kana?: string }): Course {
  const copy = structuredClone(course);
  copy.formatVersion = 2;
  const lesson = copy.lessons[0]!;
  Object.assign(lesson.vocabulary![0]!, term);
  if (line) {
    lesson.dialogue!.lines[0]!.reading = line;
    lesson.grammar!.examples[0]!.reading = line;
    lesson.vocabulary![0]!.exampleReading = line;
  }
  return copy;
}

const japanese = () =>
  withFields(trickyCourse('Japanese', [{ term: '市場', line: '市場です。' }, ...JAPANESE.slice(1)]), { partOfSpeech: 'noun', reading: { text: 'ichiba', kana: 'いちば' } }, { text: 'ichiba desu.', kana: 'いちばです。' });
const chinese = () => withFields(trickyCourse('Chinese', [{ term: '市场', line: '这是市场。' }, { term: '水', line: '水。' }]), { partOfSpeech: 'noun', reading: { text: 'shìchǎng' } }, { text: 'zhè shì shìchǎng.' });
const arabic = () => withFields(trickyCourse('Arabic', [{ term: 'سوق', line: 'هذا سوق.' }, ...ARABIC.slice(1)]), { partOfSpeech: 'noun', gender: 'masculine', reading: { text: 'sūq' } }, { text: 'hādhā sūq.' });
const german = () => withFields(trickyCourse('German', [{ term: 'Markt', line: 'Der Markt ist groß.' }, { term: 'Stadt', line: 'Die Stadt.' }]), { partOfSpeech: 'noun', gender: 'masculine', article: 'der' });

const html = (course: Course) => renderCourseHtml(course, { mode: 'reading' });

describe('the course HTML', () => {
  it('Japanese: the kana as ruby over the term, the romaji after it; sentences with their reading', () => {
    const page = html(japanese());
    expect(page).toContain('<td class="fp-term" lang="ja"><ruby>市場<rt>いちば</rt></ruby> <span class="fp-reading" lang="ja-Latn" dir="ltr">ichiba</span> <span class="fp-pos">noun</span></td>');
    expect(page).toContain('<span class="fp-line fp-target" lang="ja">市場です。</span> <span class="fp-reading" lang="ja-Latn" dir="ltr">いちばです。 · ichiba desu.</span>');
  });

  it('Chinese: pinyin as ruby, not repeated after the term', () => {
    const page = html(chinese());
    expect(page).toContain('<ruby>市场<rt>shìchǎng</rt></ruby> <span class="fp-pos">noun</span></td>');
    expect(page).toContain('<span class="fp-reading" lang="zh-Latn" dir="ltr">zhè shì shìchǎng.</span>');
  });

  it('Arabic: the transliteration after the term, left to right inside the right-to-left cell, and the gender mark', () => {
    expect(html(arabic())).toContain('<td class="fp-term" lang="ar" dir="rtl">سوق <span class="fp-reading" lang="ar-Latn" dir="ltr">sūq</span> <abbr class="fp-gender" title="masculine">m.</abbr>');
  });

  it('German: the article before the noun, no reading', () => {
    const page = html(german());
    expect(page).toContain('<td class="fp-term" lang="de"><span class="fp-article">der</span> Markt <span class="fp-pos">noun</span></td>');
    expect(page).not.toContain('fp-reading');
  });

  it('a format 1 course looks as it did', () => {
    expect(html(trickyCourse('Japanese', JAPANESE))).not.toMatch(/<ruby>|fp-reading|fp-article|fp-pos/);
  });
});

describe('Markdown and exports', () => {
  it('the Markdown lesson shows the article, the reading after the term and after each sentence', () => {
    const ja = japanese();
    const md = renderLesson(ja, ja.lessons[0]!);
    expect(md).toContain('| 市場 (いちば · ichiba) |');
    expect(md).toContain('市場です。 (ichiba desu.)');
    const de = german();
    expect(renderLesson(de, de.lessons[0]!)).toContain('| der Markt |');
    const ar = arabic();
    expect(renderLesson(ar, ar.lessons[0]!)).toContain('| سوق (sūq) m. |');
  });

  function notes(course: Course) {
    const files = unzipSync(exportAnki(course, new Date('2026-01-01T00:00:00Z')));
    const db = new Database(Buffer.from(files['collection.anki2']!));
    try {
      const col = db.prepare('SELECT models FROM col').get() as { models: string };
      const model = Object.values(JSON.parse(col.models) as Record<string, { tmpls: { qfmt: string }[] }>)[0]!;
      return { model, fields: (db.prepare('SELECT flds, sfld FROM notes ORDER BY id').all() as { flds: string; sfld: string }[]).map((n) => ({ ...n, flds: n.flds.split('\u001f') })) };
    } finally {
      db.close();
    }
  }

  it('the Anki deck: furigana Anki shows as ruby for Japanese, the article for German; the sort field stays the bare term', () => {
    const ja = notes(japanese());
    expect(ja.model.tmpls[0]!.qfmt).toContain('{{furigana:Term}}');
    const first = ja.fields.find((n) => n.sfld === '市場')!;
    expect(first.flds[0]).toBe(' 市場[いちば]<div class="reading">ichiba</div>');
    expect(first.flds[2]).toBe('市場です。<div class="reading">いちばです。 · ichiba desu.</div>');
    const de = notes(german());
    expect(de.fields.find((n) => n.sfld === 'Markt')!.flds[0]).toBe('der Markt');
  });

  it('the question banks match "der Markt", not "Markt"', () => {
    expect(exportGift(german())).toContain('=der Markt ->');
  });
});
