import { z } from 'zod';
import type { Section } from '../spec/spec-schema.js';
import { quizQuestionSchema, sectionSchemas, text } from './course-schema.js';

// What a model is asked for, as strict Structured Outputs (every property required, no extra
// ones). The program never asks for what it knows: lesson numbers and counts come from the spec,
// a lesson's title and terms from the plan, so the model cannot get them wrong.

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

/** Vocabulary entries for exactly these terms: the term is picked from the list, never made up. */
export function vocabularyAnswerSchema(terms: readonly string[]) {
  const term = z.enum(terms as [string, ...string[]]);
  return z
    .array(z.strictObject({ term, translation: text(), example: text(), exampleTranslation: text() }))
    .min(terms.length)
    .max(terms.length);
}

function sectionAnswerSchema(section: Section, terms: readonly string[]): z.ZodType {
  return section === 'vocabulary' ? vocabularyAnswerSchema(terms) : sectionSchemas[section];
}

/** A whole lesson: its summary and the spec's sections. */
export function lessonAnswerSchema(sections: readonly Section[], terms: readonly string[]) {
  return z.strictObject({ summary: text(), ...Object.fromEntries(sections.map((s) => [s, sectionAnswerSchema(s, terms)])) });
}

/** One section of a lesson, asked again because the first answer left it broken. */
export function sectionOnlyAnswerSchema(section: Section, terms: readonly string[]) {
  return z.strictObject({ [section]: sectionAnswerSchema(section, terms) });
}

/** `count` quiz questions to stand in for broken ones. */
export function quizQuestionsAnswerSchema(count: number) {
  return z.strictObject({ quiz: z.array(quizQuestionSchema).min(count).max(count) });
}
