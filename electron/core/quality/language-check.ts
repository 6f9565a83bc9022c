import type { LessonContent } from '../course/course-schema.js';
import { isInScript, looksEnglish, scriptShare, type LanguageFacts } from '../language/index.js';

// What a lesson's language asks of it, checked field by field: its texts in the course's script
// (a Japanese line that came back in English), a reading wherever the script needs one, and a
// noun's gender with the article that goes with it. The workflow asks for each flawed part again
// alone (write-lesson.ts); the course's quality report lists what is left (check-course.ts).

export const LANGUAGE_RULES = ['wrong-script', 'wrong-language', 'missing-reading', 'missing-gender', 'article-mismatch'] as const;
export type LanguageRule = (typeof LANGUAGE_RULES)[number];

/** The sections whose items carry target-language text. */
export type TextSection = 'vocabulary' | 'dialogue' | 'grammar';

export interface LanguageProblem {
  rule: LanguageRule;
  section: TextSection;
  /** The item in its section's list: a term, a dialogue line, a grammar example. */
  index: number;
  /** JSON Pointer (RFC 6901) into the lesson: `/dialogue/lines/2/reading`. */
  pointer: string;
  /** What is wrong, in words a teacher or a model can act on (without the lesson's number). */
  problem: string;
}

export interface LanguageCheckOptions {
  /**
   * Whether the lesson was asked for readings and genders (course.json format 2). A format 1
   * course never was: only its script is judged.
   */
  fields?: boolean;
}

type Reading = { text: string; kana?: string | undefined } | undefined;


/**
 * Every language problem of one lesson, in section order. Latin-script courses are not judged
 * by script (Spanish and English share it); a language FluentPro knows nothing of is not judged
 * at all.
 */
export function languageProblems(lesson: Pick<LessonContent, 'vocabulary' | 'dialogue' | 'grammar'>, facts: LanguageFacts, options: LanguageCheckOptions = {}): LanguageProblem[] {
  const fields = options.fields ?? true;
  const problems: LanguageProblem[] = [];
  const script = facts.script && facts.script !== 'Latn' ? facts.script : undefined;
  const label = `${facts.name} script`;
  // A Latin-script course's texts cannot be judged by script; English is found by its words.
  const english = facts.script === 'Latn' && facts.language !== 'en';

  /** One target-language text and its reading. */
  const text = (section: TextSection, index: number, path: string, what: string, value: string, reading: Reading, readingPath: string) => {
    if (script && !isInScript(value, script)) {
      problems.push({ rule: 'wrong-script', section, index, pointer: path, problem: `${what} "${clip(value)}" is not in ${label}` });
      return;
    }
    if (english && looksEnglish(value)) {
      problems.push({ rule: 'wrong-language', section, index, pointer: path, problem: `${what} "${clip(value)}" is in English, not ${facts.name}` });
      return;
    }
    if (!fields || !facts.reading) return;
    const why = readingProblem(value, reading, facts);
    if (why) problems.push({ rule: 'missing-reading', section, index, pointer: readingPath, problem: `${what} "${clip(value)}" ${why}` });
  };

  lesson.vocabulary?.forEach((item, i) => {
    const at = `/vocabulary/${i}`;
    text('vocabulary', i, `${at}/term`, `the term`, item.term, item.reading, `${at}/reading`);
    text('vocabulary', i, `${at}/example`, `the example of "${clip(item.term)}"`, item.example, item.exampleReading, `${at}/exampleReading`);
    if (!fields || !facts.gender) return;
    const gender = facts.gender;
    const articles = item.gender ? (gender.articles[item.gender] ?? []) : [];
    if (item.gender && !gender.genders.includes(item.gender)) {
      problems.push({ rule: 'missing-gender', section: 'vocabulary', index: i, pointer: `${at}/gender`, problem: `the noun "${clip(item.term)}" has the gender "${item.gender}", which ${facts.name} does not have (${gender.genders.join(', ')})` });
    } else if (item.partOfSpeech === 'noun' && !item.gender) {
      problems.push({ rule: 'missing-gender', section: 'vocabulary', index: i, pointer: `${at}/gender`, problem: `the noun "${clip(item.term)}" has no gender` });
    } else if (item.gender && articles.length && !item.article) {
      problems.push({ rule: 'missing-gender', section: 'vocabulary', index: i, pointer: `${at}/article`, problem: `the ${item.gender} noun "${clip(item.term)}" has no article (${articles.join('/')})` });
    }
    if (item.article && !articles.includes(item.article)) {
      const right = item.gender ? (articles.length ? `a ${item.gender} noun takes ${articles.join('/')}` : `${facts.name} has no article for it`) : 'it has no gender';
      problems.push({ rule: 'article-mismatch', section: 'vocabulary', index: i, pointer: `${at}/article`, problem: `"${clip(item.term)}" has the article "${item.article}", but ${right}` });
    }
  });
  lesson.dialogue?.lines.forEach((line, i) => text('dialogue', i, `/dialogue/lines/${i}/line`, `dialogue line ${i + 1}`, line.line, line.reading, `/dialogue/lines/${i}/reading`));
  lesson.grammar?.examples.forEach((example, i) => text('grammar', i, `/grammar/examples/${i}/sentence`, `grammar example ${i + 1}`, example.sentence, example.reading, `/grammar/examples/${i}/reading`));
  return problems;
}

/** Why a text's reading will not do, or undefined when it does. */
function readingProblem(value: string, reading: Reading, facts: LanguageFacts): string | undefined {
  const system = facts.reading!.system;
  if (!reading?.text.trim()) return `has no reading (${system})`;
  // A romanization is mostly Latin letters (ALA-LC's ʾ and ʿ are letters of no script) and has
  // none of the course's own: a reading that is the text copied as it is fails both.
  const own = facts.script ? (scriptShare(reading.text, facts.script) ?? 0) : 0;
  if (!isInScript(reading.text, 'Latn') || own > 0 || reading.text.trim() === value.trim()) return `has a reading that is not in ${system} ("${clip(reading.text)}")`;
  if (facts.reading!.kana && /\p{Script=Han}/u.test(value)) {
    if (!reading.kana?.trim()) return 'has no kana reading for its kanji';
    if (/\p{Script=Han}/u.test(reading.kana)) return `has a kana reading with kanji left in it ("${clip(reading.kana)}")`;
  }
  return undefined;
}

/** A text short enough for a one-line message. */
function clip(text: string, max = 40): string {
  const t = text.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
