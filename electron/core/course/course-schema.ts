import { z } from 'zod';
import { LEVELS, SECTIONS, type CourseSpec, type Section } from '../spec/spec-schema.js';

// What the LLM must answer. Every object is strict and every property required, because
// OpenAI's Structured Outputs (strict mode) accepts only such schemas.

const text = () => z.string().trim().min(1);

export const outlineLessonSchema = z.strictObject({
  number: z.number().int().min(1),
  title: text(),
  goals: z.array(text()).min(1).max(5),
  /** Terms this lesson introduces; no term is introduced twice in a course. */
  vocabulary: z.array(text()).min(3).max(20),
  grammarPoint: text(),
});
export type OutlineLesson = z.output<typeof outlineLessonSchema>;

/** The outline must plan exactly the number of lessons the spec asks for. */
export function outlineSchemaFor(spec: Pick<CourseSpec, 'lessons'>) {
  return z.strictObject({
    summary: text(),
    lessons: z.array(outlineLessonSchema).min(spec.lessons).max(spec.lessons),
  });
}
export type Outline = z.output<ReturnType<typeof outlineSchemaFor>>;

export const vocabularyItemSchema = z.strictObject({ term: text(), translation: text(), example: text(), exampleTranslation: text() });
export const dialogueSchema = z.strictObject({
  setting: text(),
  lines: z.array(z.strictObject({ speaker: text(), line: text(), translation: text() })).min(2),
});
export const grammarSchema = z.strictObject({
  point: text(),
  explanation: text(),
  examples: z.array(z.strictObject({ sentence: text(), translation: text() })).min(1),
});
export const exerciseSchema = z.strictObject({ instruction: text(), prompt: text(), answer: text() });
export const quizQuestionSchema = z.strictObject({
  question: text(),
  options: z.array(text()).min(2).max(6),
  answerIndex: z.number().int().min(0),
  explanation: text(),
});

const sectionSchemas = {
  vocabulary: z.array(vocabularyItemSchema).min(1),
  dialogue: dialogueSchema,
  grammar: grammarSchema,
  exercises: z.array(exerciseSchema).min(1),
  quiz: z.array(quizQuestionSchema).min(1),
} satisfies Record<Section, z.ZodType>;

/** A lesson has exactly the sections the spec asks for, so the model writes nothing we throw away. */
export function lessonSchemaFor(sections: readonly Section[]) {
  const picked = Object.fromEntries(sections.map((s) => [s, sectionSchemas[s]])) as Partial<typeof sectionSchemas>;
  return z.strictObject({ title: text(), summary: text(), ...picked });
}

/** Lesson content as written by the model (any subset of sections). */
export const lessonContentSchema = z.strictObject({
  title: text(),
  summary: text(),
  vocabulary: sectionSchemas.vocabulary.optional(),
  dialogue: sectionSchemas.dialogue.optional(),
  grammar: sectionSchemas.grammar.optional(),
  exercises: sectionSchemas.exercises.optional(),
  quiz: sectionSchemas.quiz.optional(),
});
export type LessonContent = z.output<typeof lessonContentSchema>;

export const usageSchema = z.strictObject({
  requests: z.number().int().min(0),
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
});
export type Usage = z.output<typeof usageSchema>;

/** course.json: everything about a generated course, checked before anything is written. */
export const courseSchema = z.strictObject({
  formatVersion: z.literal(1),
  title: text(),
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  language: text(),
  nativeLanguage: text(),
  level: z.enum(LEVELS),
  summary: text(),
  lessonMinutes: z.number().int(),
  sections: z.array(z.enum(SECTIONS)),
  notes: z.string(),
  lessons: z
    .array(
      lessonContentSchema.extend({
        number: z.number().int().min(1),
        slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
        goals: z.array(text()),
        grammarPoint: text(),
      }),
    )
    .min(1),
  totals: z.strictObject({
    lessons: z.number().int(),
    minutes: z.number().int(),
    vocabulary: z.number().int(),
    exercises: z.number().int(),
    quizQuestions: z.number().int(),
  }),
  generator: z.strictObject({
    name: z.literal('FluentPro'),
    version: z.string(),
    provider: z.string(),
    model: z.string(),
    /** True when the content is the offline demo's sample text, not a real course. */
    demo: z.boolean(),
    generatedAt: z.string(),
  }),
  usage: usageSchema,
});
export type Course = z.output<typeof courseSchema>;
export type CourseLesson = Course['lessons'][number];
