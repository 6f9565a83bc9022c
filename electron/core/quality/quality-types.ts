import { z } from 'zod';

// The quality contract: what the workflow records while it repairs model answers, and what the
// course's quality report says. Stored in course.json (`quality`), so it is a zod schema.

/** What the program changed in a model's answer instead of failing the course. */
export const REPAIR_KINDS = [
  /** A number the model put where the program numbers (a title's "Lesson 175:") was removed. */
  'renumbered',
  /** Something missing that the program knows was filled in (a summary written from the plan's goals). */
  'filled-in',
  /** More lessons, terms or questions than asked for: the extra ones were left out. */
  'extra-dropped',
  /** A vocabulary term an earlier lesson (or the same lesson) already introduced was dropped. */
  'duplicate-term-dropped',
  /** A lesson kept too few terms after duplicates were dropped: only its missing terms were asked for again. */
  'terms-asked-again',
  /** One part of an answer (a section, a quiz question, some outline lessons) was asked for again. */
  'part-asked-again',
  /** A part that stayed broken after its retries was left out, the rest of the lesson kept. */
  'part-dropped',
] as const;
export type RepairKind = (typeof REPAIR_KINDS)[number];

export const repairSchema = z.strictObject({
  kind: z.enum(REPAIR_KINDS),
  /** The lesson it concerns; absent for the course's outline as a whole. */
  lesson: z.number().int().min(1).optional(),
  /** Where in the course, in words: "outline", "lesson 4 vocabulary", "lesson 7 quiz question 2". */
  where: z.string(),
  /** What was wrong and what was done, in plain words. */
  detail: z.string(),
});
export type Repair = z.output<typeof repairSchema>;

export const QUALITY_RULES = [
  'vocabulary-unique',
  'vocabulary-used',
  'vocabulary-recycled',
  'quiz-answers-valid',
  'no-empty-section',
  'lesson-length',
  // What the course's language needs (language-check.ts):
  /** A term, example or line not in the course's script (the model answered in another language). */
  'wrong-script',
  /** A text in a Latin-script course that reads as English (its function words). */
  'wrong-language',
  /** A text in a non-Latin script without its reading (romanization, kana for kanji). */
  'missing-reading',
  /** A noun without its gender, or without the article its gender takes. */
  'missing-gender',
  /** An article that is not the one its noun's gender takes. */
  'article-mismatch',
] as const;
export type QualityRuleId = (typeof QUALITY_RULES)[number];

export const qualityFindingSchema = z.strictObject({
  rule: z.enum(QUALITY_RULES),
  /** `fail` makes the report not hold (and `fluentpro check` exit 1); `warn` is advice. */
  severity: z.enum(['fail', 'warn']),
  lesson: z.number().int().min(1).optional(),
  /** The field concerned, as a JSON Pointer (RFC 6901) into course.json: `/lessons/2/dialogue/lines/0/reading`. */
  pointer: z.string().optional(),
  message: z.string(),
});
export type QualityFinding = z.output<typeof qualityFindingSchema>;

export const qualityReportSchema = z.strictObject({
  /** True when no finding has severity `fail`. */
  holds: z.boolean(),
  metrics: z.strictObject({
    /** Share of lessons' new terms that their own dialogue, exercises, grammar or examples use, 0–100. */
    coveragePct: z.number(),
    /** Share of lessons after the first that reuse at least one earlier lesson's term, 0–100. */
    recyclingPct: z.number(),
    /** Vocabulary terms introduced by more than one lesson. */
    duplicateTerms: z.number().int(),
    /** Quiz questions whose answer index points at no option. */
    invalidQuizAnswers: z.number().int(),
    /** Sections the spec asks for that are missing or empty. */
    emptySections: z.number().int(),
    /** Estimated minutes per lesson, in lesson order. */
    estimatedMinutes: z.array(z.number()),
  }),
  findings: z.array(qualityFindingSchema),
  repairs: z.array(repairSchema),
});
export type QualityReport = z.output<typeof qualityReportSchema>;
