import type { ReadingView, VocabularyItemView } from './course-view.js';
import { languageTag, scriptOf } from './language.js';

// How a term's reading, gender and article are shown, in one place for every format: the HTML
// renderer (viewer, handout, PDF, SCORM), the Markdown lessons and the exports that show a term.

/** Scripts whose readings go above the text as ruby (furigana, pinyin), where a format allows it. */
const RUBY_SCRIPTS: ReadonlySet<string> = new Set(['Jpan', 'Hans', 'Hant', 'Hani']);

/** True for Japanese and Chinese: a term's reading is ruby text over it (`<ruby>市場<rt>いちば</rt></ruby>`). */
export function usesRuby(language: string): boolean {
  const script = scriptOf(languageTag(language));
  return script !== undefined && RUBY_SCRIPTS.has(script);
}

/** The reading above a term in ruby: the kana (Japanese), else the romanization (pinyin). */
export function rubyText(reading: ReadingView): string {
  return reading.kana ?? reading.text;
}

/** A reading as plain text: `いちば · ichiba` (Japanese; a middle dot, since kana may end in 。), `sūq`. */
export function readingText(reading: ReadingView): string {
  return reading.kana && reading.kana !== reading.text ? `${reading.kana} · ${reading.text}` : reading.text;
}

/** The article joined to its noun as a learner says it: `der Markt`, `l'ami`. */
export function withArticle(article: string | undefined, term: string): string {
  if (!article) return term;
  return /['’]$/.test(article) ? `${article}${term}` : `${article} ${term}`;
}

const GENDER_MARKS: Record<string, string> = { masculine: 'm.', feminine: 'f.', neuter: 'n.', common: 'c.' };

/** A gender as a dictionary marks it (`m.`, `f.`), for a noun without an article to show it (Arabic, Russian). */
export function genderMark(gender: string): string {
  return GENDER_MARKS[gender] ?? gender;
}

/**
 * A term as plain text with what format 2 adds: the article before it, the reading after it,
 * the gender mark when there is no article: `der Markt`, `市場 (いちば · ichiba)`, `سوق (sūq) m.`.
 */
export function termLabel(item: Pick<VocabularyItemView, 'term' | 'article' | 'gender' | 'reading'>): string {
  const reading = item.reading ? ` (${readingText(item.reading)})` : '';
  const mark = item.gender && !item.article ? ` ${genderMark(item.gender)}` : '';
  return `${withArticle(item.article, item.term)}${reading}${mark}`;
}

/** A sentence as plain text with its reading after it, when it has one: `市場です。 (ichiba desu.)`. */
export function withReading(text: string, reading: ReadingView | undefined): string {
  return reading ? `${text} (${reading.text})` : text;
}
