import { describe, expect, it } from 'vitest';
import { lessonAnswerSchema } from '../../electron/core/course/answer-schemas.js';
import { jsonSchemaFormat } from '../../electron/core/course/structured-output.js';
import { isInScript, languageFacts } from '../../electron/core/language/index.js';
import { SECTIONS } from '../../electron/core/spec/spec-schema.js';
import { fakeLanguageOf } from '../support/fake-language.js';
import { fakeFromSchema, type ChatRequest, type JsonSchema } from '../support/fake-llm-server.js';
import { imperfectAnswer } from '../support/real-model.js';

// The test server answers the fields a course's language needs with that language's words and
// their true readings, genders and articles, and in real-model mode slips as models do.

type Item = { term: string; partOfSpeech: string; gender?: string | null; article?: string | null; reading?: { text: string; kana?: string }; example: string; exampleReading?: { text: string; kana?: string } };
type Lesson = { vocabulary: Item[]; dialogue: { lines: { line: string; reading?: { text: string; kana?: string } }[] }; grammar: { examples: { sentence: string; reading?: { text: string } }[] } };

function lessonFor(language: string, terms: string[]): Lesson {
  const schema = jsonSchemaFormat('course_lesson', lessonAnswerSchema(SECTIONS, terms, languageFacts(language))).schema as JsonSchema;
  return fakeFromSchema(schema, `lesson 1|${language}`, terms, fakeLanguageOf(`You write ${language} courses for speakers of English at`)) as Lesson;
}

describe('the test server writes in the course language', () => {
  it('Japanese: terms and lines in Japanese script, readings in kana and Hepburn romaji', () => {
    const lesson = lessonFor('Japanese', ['市場 12345001', '食べる 12345002']);
    expect(lesson.vocabulary[0]).toMatchObject({ term: '市場 12345001', partOfSpeech: 'noun', reading: { kana: 'いちば 12345001', text: 'ichiba 12345001' } });
    expect(lesson.vocabulary[1]).toMatchObject({ partOfSpeech: 'verb', reading: { kana: 'たべる 12345002', text: 'taberu 12345002' } });
    expect(lesson.vocabulary[0]).not.toHaveProperty('gender');
    for (const line of lesson.dialogue.lines) {
      expect(isInScript(line.line, 'Jpan')).toBe(true);
      expect(isInScript(line.reading!.text, 'Latn')).toBe(true);
      expect(line.reading!.kana).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('German: a noun with its gender and article, a verb with neither, no readings', () => {
    const lesson = lessonFor('German', ['Markt 12345001', 'kaufen 12345002', 'Stadt 12345003']);
    expect(lesson.vocabulary.map((v) => [v.term.split(' ')[0], v.partOfSpeech, v.gender, v.article])).toEqual([
      ['Markt', 'noun', 'masculine', 'der'],
      ['kaufen', 'verb', null, null],
      ['Stadt', 'noun', 'feminine', 'die'],
    ]);
    expect(lesson.vocabulary[0]).not.toHaveProperty('reading');
  });

  it('Arabic: a gender without an article, and a transliteration', () => {
    const lesson = lessonFor('Arabic', ['محطة 12345001']);
    expect(lesson.vocabulary[0]).toMatchObject({ gender: 'feminine', reading: { text: 'maḥaṭṭa 12345001' } });
    expect(lesson.vocabulary[0]).not.toHaveProperty('article');
  });
});

describe('real-model mode: schema-valid slips in the language', () => {
  it('writes about 5% of target-language texts in English and leaves about 5% of readings unwritten', () => {
    const body = { model: 'm', messages: [{ role: 'system', content: 'You write Japanese courses for speakers of English at' }] } as unknown as ChatRequest;
    let texts = 0;
    let english = 0;
    let omitted = 0;
    for (let n = 1; n <= 60; n++) {
      const lesson = lessonFor('Japanese', ['市場 12345001', '駅 12345002', '水 12345003', '友達 12345004']);
      const { answer, flaws } = imperfectAnswer(lesson, body, { numberedTitles: 0, unusedVocabulary: 0, quizIndexOutOfRange: 0, missingSection: 0, truncated: 0 }, { key: `lesson ${n}|x`, attempt: 0 });
      const spoiled = answer as Lesson;
      texts += spoiled.dialogue.lines.length + spoiled.grammar.examples.length + spoiled.vocabulary.length;
      english += [...spoiled.dialogue.lines.map((l) => l.line), ...spoiled.grammar.examples.map((e) => e.sentence), ...spoiled.vocabulary.map((v) => v.example)].filter((t) => !isInScript(t, 'Jpan')).length;
      omitted += flaws.filter((f) => f.includes('omitted')).length;
      for (const item of spoiled.vocabulary) if (flaws.includes(`reading of term "${item.term}" omitted`)) expect(item.reading).toEqual({ kana: item.term, text: item.term });
    }
    expect(english / texts).toBeGreaterThan(0.02);
    expect(english / texts).toBeLessThan(0.1);
    expect(omitted).toBeGreaterThan(0);
  });
});
