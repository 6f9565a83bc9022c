import { z } from 'zod';
import { SPEECH_ENGINE_NAMES } from '../speech/speech-engine.js';

/** CEFR levels, easiest first. */
export const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type Level = (typeof LEVELS)[number];

/** The parts a lesson can have, in the order they are written. */
export const SECTIONS = ['vocabulary', 'dialogue', 'grammar', 'exercises', 'quiz'] as const;
export type Section = (typeof SECTIONS)[number];

export const SPEC_LIMITS = {
  titleMax: 200,
  lessonsMax: 60,
  lessonMinutesMin: 5,
  lessonMinutesMax: 120,
  notesMax: 4000,
  /** A spec is a short file; anything larger is a mistake (a dragged video, a log file). */
  fileBytesMax: 1024 * 1024,
} as const;

const trimmedText = (field: string, max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`) })
    .trim()
    .min(1, `${field} must not be empty`)
    .max(max, `${field} must be at most ${max} characters`);

/**
 * The course spec: the only thing an author writes. Strict: unknown keys are errors
 * (the reader adds a "did you mean" before this schema sees them).
 */
export const courseSpecSchema = z.strictObject({
  /** The course title; also names the output folder. 1–200 characters. */
  title: trimmedText('title', SPEC_LIMITS.titleMax),
  /** Target language: a name ("Spanish") or a BCP-47 code ("es", "pt-BR"). */
  language: trimmedText('language', 60),
  /** Language of explanations and translations. Default "English". */
  nativeLanguage: trimmedText('nativeLanguage', 60).default('English'),
  /** CEFR level, A1 (beginner) to C2. */
  level: z.enum(LEVELS, { error: (issue) => (issue.input === undefined ? 'level is required' : `level must be one of ${LEVELS.join(', ')}`) }),
  /** Number of lessons, 1–60. */
  lessons: z
    .number({ error: (issue) => (issue.input === undefined ? 'lessons is required' : 'lessons must be a whole number') })
    .int('lessons must be a whole number')
    .min(1, 'lessons must be at least 1')
    .max(SPEC_LIMITS.lessonsMax, `lessons must be at most ${SPEC_LIMITS.lessonsMax}`),
  /** Minutes a learner spends on one lesson, 5–120. Default 20. */
  lessonMinutes: z
    .number({ error: 'lessonMinutes must be a whole number' })
    .int('lessonMinutes must be a whole number')
    .min(SPEC_LIMITS.lessonMinutesMin, `lessonMinutes must be at least ${SPEC_LIMITS.lessonMinutesMin}`)
    .max(SPEC_LIMITS.lessonMinutesMax, `lessonMinutes must be at most ${SPEC_LIMITS.lessonMinutesMax}`)
    .default(20),
  /** Topics for the first lessons, in order; the outline fills in the rest. At most `lessons`. */
  topics: z.array(trimmedText('each topic', 200), { error: 'topics must be a list of text' }).default([]),
  /** Which sections every lesson has. Default: all five. */
  sections: z
    .array(z.enum(SECTIONS, { error: `each section must be one of ${SECTIONS.join(', ')}` }), {
      error: 'sections must be a list',
    })
    .min(1, 'sections must name at least one section')
    .refine((list) => new Set(list).size === list.length, 'sections must not repeat a section')
    .default([...SECTIONS]),
  /**
   * How this course is spoken (its audio): `speech: none`, or `speech: { engine, voice, speed }`.
   * Wins over Settings and $FLUENTPRO_SPEECH; a `--speech` / `--no-audio` flag wins over it.
   */
  speech: z
    .preprocess(
      (value) => (typeof value === 'string' ? { engine: value } : value),
      z.strictObject(
        {
          engine: z.enum(SPEECH_ENGINE_NAMES, { error: `speech.engine must be one of ${SPEECH_ENGINE_NAMES.join(', ')}` }).optional(),
          voice: trimmedText('speech.voice', 100).optional(),
          speed: z.number({ error: 'speech.speed must be a number' }).min(0.25, 'speech.speed must be at least 0.25').max(4, 'speech.speed must be at most 4').optional(),
        },
        { error: (issue) => (issue.code === 'unrecognized_keys' ? `speech takes engine, voice and speed (not ${issue.keys.join(', ')})` : `speech must be an engine (${SPEECH_ENGINE_NAMES.join(', ')}) or { engine, voice, speed }`) },
      ),
    )
    .optional(),
  /** Free guidance for the writer, at most 4000 characters. */
  notes: z
    .string({ error: 'notes must be text' })
    .max(SPEC_LIMITS.notesMax, `notes must be at most ${SPEC_LIMITS.notesMax} characters`)
    .default(''),
}).superRefine((spec, ctx) => {
  if (spec.topics.length > spec.lessons) {
    ctx.addIssue({
      code: 'custom',
      path: ['topics'],
      message: `topics has ${spec.topics.length} entries but the course has only ${spec.lessons} lessons`,
    });
  }
});

/** A spec after defaults are applied: what the engine works with. */
export type CourseSpec = z.output<typeof courseSpecSchema>;
/** A spec as an author writes it (optional fields may be missing). */
export type CourseSpecInput = z.input<typeof courseSpecSchema>;

export const SPEC_FIELDS = Object.keys(courseSpecSchema.shape) as (keyof CourseSpec)[];
