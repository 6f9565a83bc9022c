import { describe, expect, it } from 'vitest';
import type { Course } from '../../electron/core/course/course-schema.js';
import { checkCourse } from '../../electron/core/quality/check-course.js';
import { LANGUAGE_RULES } from '../../electron/core/quality/language-check.js';
import { JAPANESE, trickyCourse } from '../export/export-fixtures.js';

// The language rules of the quality report: wrong-script, wrong-language, missing-reading,
// missing-gender and article-mismatch, each naming the lesson and the field's JSON Pointer.

function v2(course: Course, edit: (c: Course) => void): Course {
  const copy = structuredClone(course);
  copy.formatVersion = 2;
  edit(copy);
  return copy;
}

const languageFindings = (course: Course) => checkCourse(course, []).findings.filter((f) => (LANGUAGE_RULES as readonly string[]).includes(f.rule));

/** Every Japanese text of the fixture given a reading, so only what a test breaks is found. */
function readJapanese(c: Course) {
  for (const l of c.lessons) {
    for (const v of l.vocabulary!) Object.assign(v, { partOfSpeech: 'other', reading: { text: 'konnichiwa', kana: 'こんにちは' }, exampleReading: { text: 'genki desu ka', kana: 'げんきですか' } });
    for (const line of l.dialogue!.lines) line.reading = { text: 'konnichiwa', kana: 'こんにちは' };
    for (const e of l.grammar!.examples) e.reading = { text: 'dōmo', kana: 'どうも' };
  }
}

describe('language rules', () => {
  it('a Japanese course complete in its language has no language finding', () => {
    expect(languageFindings(v2(trickyCourse('Japanese', JAPANESE), readJapanese))).toEqual([]);
  });

  it('wrong-script: a dialogue line in English, naming the lesson and the pointer', () => {
    const course = v2(trickyCourse('Japanese', JAPANESE), (c) => {
      readJapanese(c);
      c.lessons[1]!.dialogue!.lines[0]!.line = 'Where is the station?';
    });
    expect(languageFindings(course)).toEqual([
      { rule: 'wrong-script', severity: 'fail', lesson: 2, pointer: '/lessons/1/dialogue/lines/0/line', message: 'lesson 2: dialogue line 1 "Where is the station?" is not in Japanese script (/lessons/1/dialogue/lines/0/line)' },
    ]);
    expect(checkCourse(course, []).holds).toBe(false);
  });

  it('missing-reading: none, one copied from the text, kana with kanji left in it', () => {
    const course = v2(trickyCourse('Japanese', JAPANESE), (c) => {
      readJapanese(c);
      delete c.lessons[0]!.vocabulary![0]!.reading;
      c.lessons[0]!.dialogue!.lines[0]!.reading = { text: c.lessons[0]!.dialogue!.lines[0]!.line };
      c.lessons[0]!.grammar!.examples[0]!.sentence = '市場です。';
      c.lessons[0]!.grammar!.examples[0]!.reading = { text: 'ichiba desu', kana: '市場です' };
    });
    expect(languageFindings(course).map((f) => [f.rule, f.severity, f.pointer])).toEqual([
      ['missing-reading', 'warn', '/lessons/0/vocabulary/0/reading'],
      ['missing-reading', 'warn', '/lessons/0/dialogue/lines/0/reading'],
      ['missing-reading', 'warn', '/lessons/0/grammar/examples/0/reading'],
    ]);
    expect(languageFindings(course)[2]!.message).toContain('has a kana reading with kanji left in it');
  });

  it('missing-gender and article-mismatch in German', () => {
    const course = v2(trickyCourse('German'), (c) => {
      const [a, b, d] = c.lessons[0]!.vocabulary!;
      Object.assign(a!, { partOfSpeech: 'noun' });
      Object.assign(b!, { partOfSpeech: 'noun', gender: 'masculine', article: 'die' });
      Object.assign(d!, { partOfSpeech: 'noun', gender: 'neuter' });
    });
    expect(languageFindings(course)).toEqual([
      { rule: 'article-mismatch', severity: 'fail', lesson: 1, pointer: '/lessons/0/vocabulary/1/article', message: 'lesson 1: "hola-2" has the article "die", but a masculine noun takes der (/lessons/0/vocabulary/1/article)' },
      { rule: 'missing-gender', severity: 'warn', lesson: 1, pointer: '/lessons/0/vocabulary/0/gender', message: 'lesson 1: the noun "hola" has no gender (/lessons/0/vocabulary/0/gender)' },
      { rule: 'missing-gender', severity: 'warn', lesson: 1, pointer: '/lessons/0/vocabulary/2/article', message: 'lesson 1: the neuter noun "hola-3" has no article (das) (/lessons/0/vocabulary/2/article)' },
    ]);
  });

  it('wrong-language: a Latin-script course cannot be judged by script, so English is found by its words', () => {
    const course = v2(trickyCourse('Spanish'), (c) => {
      c.lessons[0]!.dialogue!.lines[0]!.line = 'Where is the station?';
      c.lessons[0]!.dialogue!.lines[1]!.line = '¿Dónde está la estación? Es muy grande.';
      c.lessons[1]!.grammar!.examples[0]!.sentence = 'the market';
    });
    expect(languageFindings(course)).toEqual([
      { rule: 'wrong-language', severity: 'fail', lesson: 1, pointer: '/lessons/0/dialogue/lines/0/line', message: 'lesson 1: dialogue line 1 "Where is the station?" is in English, not Spanish (/lessons/0/dialogue/lines/0/line)' },
    ]);
  });

  it('English function words that are words of other languages do not count (Dutch "is", German "was", Norwegian "to")', () => {
    for (const [language, line] of [['Dutch', 'Het is wat het is.'], ['German', 'Was ist das? Ich will es.'], ['Norwegian', 'Jeg har to katter for deg.'], ['Portuguese', 'O livro do menino.'], ['English', 'Where is the station?']]) {
      const course = v2(trickyCourse(language!), (c) => void (c.lessons[0]!.dialogue!.lines[0]!.line = line!));
      expect(languageFindings(course), language).toEqual([]);
    }
  });

  it('a format 1 course is judged by script only: it was never asked for readings or genders', () => {
    const japanese = trickyCourse('Japanese', JAPANESE);
    expect(japanese.formatVersion).toBe(1);
    expect(languageFindings(japanese)).toEqual([]);
    const english = structuredClone(japanese);
    english.lessons[0]!.grammar!.examples[0]!.sentence = 'Thank you.';
    expect(languageFindings(english).map((f) => f.rule)).toEqual(['wrong-script']);
  });

  it('the offline demo\'s placeholders are not judged', () => {
    const course = v2(trickyCourse('Japanese', JAPANESE), (c) => {
      c.generator.demo = true;
      c.lessons[0]!.dialogue!.lines[0]!.line = '[demo] Line 1';
    });
    expect(languageFindings(course)).toEqual([]);
  });
});
