import { z } from 'zod';
import { MIN_TERMS, TERMS_ASKED } from '../course/answer-schemas.js';
import { text, type PlannedLesson } from '../course/course-schema.js';
import type { Repair } from './quality-types.js';
import { normalizeTerm } from './term-match.js';

// Local repairs of one part of a course plan. What the program can decide by itself (numbers,
// extra lessons, terms repeated from earlier lessons) it fixes and records; what only the model
// can supply (lessons that did not arrive, replacement terms) it reports for a small request.

/** Which lessons a request planned: `count` lessons from number `from`. */
export interface PartRange {
  from: number;
  count: number;
}

export interface SalvagedPart {
  /** The summary as written, when the answer had a usable one. */
  summary?: string;
  /** Usable lessons, numbered from `range.from` in order; fewer than asked when some were unusable. */
  lessons: PlannedLesson[];
  /** Lessons left with fewer than MIN_TERMS terms after repeats were dropped, and how many new terms they need. */
  short: { lessonNumber: number; need: number }[];
  repairs: Repair[];
  /** Why nothing in the answer could be used; empty when something could. */
  problems: string[];
}

// Lenient on purpose: each lesson is judged on its own, so one bad lesson does not cost the part.
const looseLessonSchema = z.object({
  title: text(),
  goals: z.array(z.unknown()),
  vocabulary: z.array(z.unknown()),
  grammarPoint: text(),
});

/** "Lesson 175: Greetings", "175. Greetings", "Lección 3 - Saludos": the number is the program's. */
const NUMBER_PREFIX = /^\s*(?:\p{L}{3,12}\s+)?\d+\s*[:.)\-–—]\s*/u;

/**
 * @param raw the model's parsed JSON
 * @param taken every term planned so far (normalised) and the lesson that introduces it
 */
export function salvageOutlinePart(raw: unknown, range: PartRange, taken: ReadonlyMap<string, number>): SalvagedPart {
  const repairs: Repair[] = [];
  const answer = (raw ?? {}) as { summary?: unknown; lessons?: unknown };
  const summary = typeof answer.summary === 'string' && answer.summary.trim() ? answer.summary.trim() : undefined;
  if (!Array.isArray(answer.lessons)) {
    return { summary, lessons: [], short: [], repairs, problems: ['lessons: expected a list of lessons'] };
  }
  const usable: (z.output<typeof looseLessonSchema> & { goals: string[] })[] = [];
  const unusable: string[] = [];
  answer.lessons.forEach((item, i) => {
    const parsed = looseLessonSchema.safeParse(item);
    const goals = parsed.success ? cleanTexts(parsed.data.goals).slice(0, 5) : [];
    if (parsed.success && goals.length > 0) usable.push({ ...parsed.data, goals });
    else unusable.push(`lessons.${i}: ${parsed.success ? 'goals: must list at least one goal' : parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  });
  if (usable.length === 0) return { summary, lessons: [], short: [], repairs, problems: unusable.length ? unusable : ['lessons: the list is empty'] };

  const last = range.from + range.count - 1;
  if (usable.length > range.count) {
    repairs.push({ kind: 'extra-dropped', where: 'outline', detail: `the plan for lessons ${range.from}–${last} had ${usable.length} lessons; the ${usable.length - range.count} extra were left out` });
    usable.length = range.count;
  }

  const seen = new Map(taken);
  const lessons: PlannedLesson[] = [];
  const short: SalvagedPart['short'] = [];
  usable.forEach((item, i) => {
    const number = range.from + i;
    let title = item.title;
    const stripped = title.replace(NUMBER_PREFIX, '').trim();
    if (stripped && stripped !== title) {
      repairs.push({ kind: 'renumbered', lesson: number, where: `lesson ${number} title`, detail: `the title "${title}" carried its own number; it is lesson ${number}, so the number was removed` });
      title = stripped;
    }
    const vocabulary: string[] = [];
    for (const term of cleanTexts(item.vocabulary)) {
      const key = normalizeTerm(term);
      if (!key) continue;
      const first = seen.get(key);
      if (first !== undefined) {
        const where = first === number ? 'earlier in the same lesson' : `already in lesson ${first}`;
        repairs.push({ kind: 'duplicate-term-dropped', lesson: number, where: `lesson ${number} vocabulary`, detail: `"${term}" was planned ${where}; left out of lesson ${number}` });
        continue;
      }
      seen.set(key, number);
      vocabulary.push(term);
    }
    if (vocabulary.length < MIN_TERMS) short.push({ lessonNumber: number, need: TERMS_ASKED.min - vocabulary.length });
    lessons.push({ number, title, goals: item.goals, vocabulary, grammarPoint: item.grammarPoint });
  });
  if (unusable.length && lessons.length < range.count) {
    repairs.push({
      kind: 'part-asked-again',
      where: 'outline',
      detail: `${unusable.length} of the lessons planned for ${range.from}–${last} were unusable (${unusable[0]}); kept the ${lessons.length} good ones and asked again for the rest`,
    });
  }
  return { summary, lessons, short, repairs, problems: [] };
}

/**
 * New terms for a lesson whose own were taken: those not planned anywhere yet (nor twice in the
 * answer), at most `need` of them.
 */
export function acceptNewTerms(terms: readonly string[], need: number, taken: ReadonlyMap<string, number>): { accepted: string[]; rejected: string[] } {
  const accepted: string[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  for (const term of cleanTexts(terms)) {
    const key = normalizeTerm(term);
    if (!key || taken.has(key) || seen.has(key)) rejected.push(term);
    else if (accepted.length < need) {
      seen.add(key);
      accepted.push(term);
    }
  }
  return { accepted, rejected };
}

function cleanTexts(values: readonly unknown[]): string[] {
  return values.flatMap((v) => (typeof v === 'string' && v.trim() ? [v.trim()] : []));
}
