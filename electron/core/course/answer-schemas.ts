import { z } from 'zod';
import type { LanguageFacts } from '../language/index.js';
import type { Section } from '../spec/spec-schema.js';
import { PARTS_OF_SPEECH, quizQuestionSchema, sectionSchemas, text } from './course-schema.js';

// What a model is asked for, as strict Structured Outputs (every property required, no extra
// ones). The program never asks for what it knows: lesson numbers and counts come from the spec,
// a lesson's title and terms from the plan, so the model cannot get them wrong.
//
// The schemas are built per course language (core/language): a `reading` exists only where the
// script needs one, a `gender` and an `article` only where the language marks them. Strict mode
// makes every property required, so a field the language does not need is left out of the
// schema, never offered as a nullable extra: a Spanish lesson has no `reading` to fill with
// nonsense, a Japanese term no `gender`.

/** What the schemas need of the course's language: its reading and gender facts (languageFacts()). */
export type AnswerLanguage = Pick<LanguageFacts, 'reading' | 'gender'>;

/** The reading of one target-language text, as the language's reading facts ask for it. */
export function readingAnswerSchema(language: AnswerLanguage) {
  const reading = language.reading;
  if (!reading) return undefined;
  const romanization = text().describe(`How the text is read: ${reading.instruction}`);
  return reading.kana
    ? z.strictObject({ kana: text().describe('The whole text in kana (hiragana, katakana where the word is written so), no kanji'), text: romanization.describe(`The whole text in ${reading.system}`) })
    : z.strictObject({ text: romanization });
}

/** The fields a language adds to one target-language text: `{ [name]: reading }`, or nothing. */
function readingFields(language: AnswerLanguage, name = 'reading') {
  const reading = readingAnswerSchema(language);
  return reading ? { [name]: reading } : {};
}

/** A term's part of speech, and, where the language marks it, a noun's gender and article. */
function grammarFields(language: AnswerLanguage) {
  const gender = language.gender;
  const fields: Record<string, z.ZodType> = { partOfSpeech: z.enum(PARTS_OF_SPEECH).describe('The term\'s part of speech') };
  if (!gender) return fields;
  // Gender belongs to nouns: null for any other word (strict mode's way to say "none").
  fields.gender = z.enum(gender.genders as [string, ...string[]]).nullable().describe('A noun\'s grammatical gender; null when the term is not a noun');
  const articles = [...new Set(Object.values(gender.articles).flat())];
  if (articles.length) {
    const list = Object.entries(gender.articles)
      .map(([g, a]) => `${a!.join('/')} (${g})`)
      .join(', ');
    fields.article = z.enum(articles as [string, ...string[]]).nullable().describe(`The definite article said with the noun: ${list}; null when the term is not a noun`);
  }
  return fields;
}

/** Fewest new terms a planned lesson keeps after repeats are dropped; below it, terms are asked for again. */
export const MIN_TERMS = 3;
/** Terms a lesson is asked to plan (the prompt says the same). */
export const TERMS_ASKED = { min: 4, max: 12 } as const;

export const plannedLessonAnswerSchema = z.strictObject({
  title: text(),
  goals: z.array(text()).min(1).max(5),
  vocabulary: z.array(text()).min(TERMS_ASKED.min).max(TERMS_ASKED.max),
  grammarPoint: text(),
});
export type PlannedLessonAnswer = z.output<typeof plannedLessonAnswerSchema>;

/** `count` lessons of the plan; the first part also writes the course summary. */
export function outlinePartAnswerSchema(count: number, withSummary: boolean) {
  const lessons = z.array(plannedLessonAnswerSchema).min(count).max(count);
  return withSummary ? z.strictObject({ summary: text(), lessons }) : z.strictObject({ lessons });
}

/** Replacement terms for one planned lesson whose own terms were taken by earlier lessons. */
export function newTermsAnswerSchema(count: number) {
  return z.strictObject({ terms: z.array(text()).min(count).max(count + 4) });
}

/** One vocabulary entry for one of these terms, with the fields its language needs. */
function vocabularyItemAnswerSchema(terms: readonly string[], language: AnswerLanguage) {
  const term = z.enum(terms as [string, ...string[]]);
  return z.strictObject({
    term,
    ...grammarFields(language),
    ...readingFields(language),
    translation: text(),
    example: text(),
    ...readingFields(language, 'exampleReading'),
    exampleTranslation: text(),
  });
}

/** Vocabulary entries for exactly these terms: the term is picked from the list, never made up. */
export function vocabularyAnswerSchema(terms: readonly string[], language: AnswerLanguage) {
  return z.array(vocabularyItemAnswerSchema(terms, language)).min(terms.length).max(terms.length);
}

/** A dialogue line: who says it (a name), the line in the target language, its reading where needed, its translation. */
export function dialogueLineAnswerSchema(language: AnswerLanguage) {
  return z.strictObject({ speaker: text(), line: text(), ...readingFields(language), translation: text() });
}

/** A grammar example: the sentence, its reading where needed, its translation. */
export function grammarExampleAnswerSchema(language: AnswerLanguage) {
  return z.strictObject({ sentence: text(), ...readingFields(language), translation: text() });
}

function sectionAnswerSchema(section: Section, terms: readonly string[], language: AnswerLanguage): z.ZodType {
  switch (section) {
    case 'vocabulary':
      return vocabularyAnswerSchema(terms, language);
    case 'dialogue':
      return z.strictObject({ setting: text(), lines: z.array(dialogueLineAnswerSchema(language)).min(2) });
    case 'grammar':
      return z.strictObject({ point: text(), explanation: text(), examples: z.array(grammarExampleAnswerSchema(language)).min(1) });
    default:
      return sectionSchemas[section];
  }
}

/** A whole lesson: its summary and the spec's sections, with the fields the course's language needs. */
export function lessonAnswerSchema(sections: readonly Section[], terms: readonly string[], language: AnswerLanguage) {
  return z.strictObject({ summary: text(), ...Object.fromEntries(sections.map((s) => [s, sectionAnswerSchema(s, terms, language)])) });
}

/** One section of a lesson, asked again because the first answer left it broken. */
export function sectionOnlyAnswerSchema(section: Section, terms: readonly string[], language: AnswerLanguage) {
  return z.strictObject({ [section]: sectionAnswerSchema(section, terms, language) });
}

/**
 * Replacements for some vocabulary entries, dialogue lines and grammar examples whose language
 * was wrong (a repair of those texts alone): an entry per term, then the lines and the examples
 * in the order asked. Only the lists asked for are in the schema.
 */
export function textsAnswerSchema(items: readonly { section: 'vocabulary' | 'dialogue' | 'grammar'; was: string }[], language: AnswerLanguage) {
  const terms = items.filter((i) => i.section === 'vocabulary').map((i) => i.was);
  const lines = items.filter((i) => i.section === 'dialogue').length;
  const examples = items.filter((i) => i.section === 'grammar').length;
  const line = z.strictObject({ line: text(), ...readingFields(language), translation: text() });
  return z.strictObject({
    ...(terms.length ? { vocabulary: vocabularyAnswerSchema(terms, language) } : {}),
    ...(lines ? { lines: z.array(line).min(lines).max(lines) } : {}),
    ...(examples ? { examples: z.array(grammarExampleAnswerSchema(language)).min(examples).max(examples) } : {}),
  });
}

/** `count` quiz questions to stand in for broken ones. */
export function quizQuestionsAnswerSchema(count: number) {
  return z.strictObject({ quiz: z.array(quizQuestionSchema).min(count).max(count) });
}
