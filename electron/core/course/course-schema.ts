import { z } from 'zod';
import { qualityReportSchema } from '../quality/quality-types.js';
import { LEVELS, SECTIONS, type Section } from '../spec/spec-schema.js';

// The course as FluentPro keeps it (course.json). What the model is asked for is narrower and
// lives in answer-schemas.ts: the program fills in what it knows (numbers, titles, terms).

export const text = () => z.string().trim().min(1);

/** One lesson of the plan as the course keeps it: the number is the program's, never the model's. */
export const plannedLessonSchema = z.strictObject({
  number: z.number().int().min(1),
  title: text(),
  goals: z.array(text()).min(1).max(5),
  /** Terms this lesson introduces; no term is introduced twice in a course. */
  vocabulary: z.array(text()).min(1).max(20),
  grammarPoint: text(),
});
export type PlannedLesson = z.output<typeof plannedLessonSchema>;

/** The whole plan, assembled from its parts. */
export interface Outline {
  summary: string;
  lessons: PlannedLesson[];
}

/**
 * A contiguous run of planned lessons, as one request planned it: the unit that is checkpointed.
 * The first part also carries the course summary.
 */
export interface OutlinePart {
  summary?: string;
  lessons: PlannedLesson[];
}

/** The course.json format written now; format 1 (no readings, genders or parts of speech) is still read. */
export const COURSE_FORMAT = 2;

/** A term's word class, as a dictionary labels it; `phrase` for a multi-word expression. */
export const PARTS_OF_SPEECH = ['noun', 'verb', 'adjective', 'adverb', 'pronoun', 'preposition', 'conjunction', 'interjection', 'phrase', 'number', 'other'] as const;
export type PartOfSpeech = (typeof PARTS_OF_SPEECH)[number];

/** The genders core/language/grammar.ts knows (a course keeps one of its language's). */
export const GENDERS = ['masculine', 'feminine', 'neuter', 'common'] as const;

/**
 * How a text not written in the Latin script is read (format 2): its romanization (Hepburn,
 * pinyin with tone marks, a transliteration), and for Japanese the kana for any kanji.
 */
export const readingSchema = z.strictObject({ text: text(), kana: text().optional() });
export type Reading = z.output<typeof readingSchema>;

export const vocabularyItemSchema = z.strictObject({
  term: text(),
  translation: text(),
  example: text(),
  exampleTranslation: text(),
  // Format 2, each only where the course's language needs it (core/language):
  partOfSpeech: z.enum(PARTS_OF_SPEECH).optional(),
  /** A noun's grammatical gender, in languages that mark one. */
  gender: z.enum(GENDERS).optional(),
  /** The definite article a learner says with the noun (`el`, `die`), where the language has one. */
  article: text().optional(),
  reading: readingSchema.optional(),
  exampleReading: readingSchema.optional(),
});
export const dialogueLineSchema = z.strictObject({ speaker: text(), line: text(), translation: text(), reading: readingSchema.optional() });
export const dialogueSchema = z.strictObject({
  setting: text(),
  lines: z.array(dialogueLineSchema).min(2),
});
export const grammarExampleSchema = z.strictObject({ sentence: text(), translation: text(), reading: readingSchema.optional() });
export const grammarSchema = z.strictObject({
  point: text(),
  explanation: text(),
  examples: z.array(grammarExampleSchema).min(1),
});
export const exerciseSchema = z.strictObject({ instruction: text(), prompt: text(), answer: text() });
export const quizQuestionSchema = z.strictObject({
  question: text(),
  options: z.array(text()).min(2).max(6),
  answerIndex: z.number().int().min(0),
  explanation: text(),
});

/** Each section as the course keeps it; also how each part of a model's answer is checked on its own. */
export const sectionSchemas = {
  vocabulary: z.array(vocabularyItemSchema).min(1),
  dialogue: dialogueSchema,
  grammar: grammarSchema,
  exercises: z.array(exerciseSchema).min(1),
  quiz: z.array(quizQuestionSchema).min(1),
} satisfies Record<Section, z.ZodType>;

/** A lesson's content: the model's sections with the title and summary the plan gives (any subset of sections). */
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

/**
 * course.json: everything about a generated course, checked before anything is written.
 * Format 2 only adds optional fields, so a format 1 course is read as it is (a format 2 course
 * without readings, genders or parts of speech) and written back as format 2.
 */
export const courseSchema = z.strictObject({
  formatVersion: z.union([z.literal(1), z.literal(COURSE_FORMAT)]),
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
  /** The course's checks and the repairs made to the model's answers (absent in courses written before 0.2). */
  quality: qualityReportSchema.optional(),
});
export type Course = z.output<typeof courseSchema>;
export type CourseLesson = Course['lessons'][number];
