import { z } from 'zod';
import { newTermsAnswerSchema, outlinePartAnswerSchema } from '../course/answer-schemas.js';
import type { OutlinePart, PlannedLesson, Usage } from '../course/course-schema.js';
import { jsonSchemaFormat } from '../course/structured-output.js';
import type { Repair } from '../quality/quality-types.js';
import { acceptNewTerms, salvageOutlinePart, type PartRange } from '../quality/repair-outline.js';
import { normalizeTerm } from '../quality/term-match.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { askStructured, InvalidAnswerError, type AskContext } from './ask-structured.js';
import { newTermsMessages, outlinePartMessages, type PlanContext } from './prompts.js';
import { addUsage, noUsage, type DraftChannel, type StepAnswer } from './step-answer.js';

// The course plan, part by part: no single answer grows with the course, a failure costs one
// part, and each part is a checkpoint. Lessons can be written as soon as their part is planned.

/** Lessons planned by one request at most ("about 12"): long courses are split into equal parts. */
export const MAX_PART_LESSONS = 12;

/** The next part to plan once `planned` lessons are: equal parts of at most MAX_PART_LESSONS. */
export function nextRange(planned: number, total: number): PartRange {
  const size = Math.ceil(total / Math.ceil(total / MAX_PART_LESSONS));
  return { from: planned + 1, count: Math.min(size, total - planned) };
}

/** Planning a part failed for good: the message says which lessons and why. */
export class PlanFailedError extends Error {
  readonly code = 'PLAN_FAILED';
  constructor(range: PartRange, reason: string) {
    super(`planning lessons ${range.from}–${range.from + range.count - 1} failed: ${reason}`);
    this.name = this.constructor.name;
  }
}

const jsonObject = z.record(z.string(), z.unknown());

/**
 * What has arrived of a plan part that is not finished: the part as salvaged, the lessons whose
 * new terms are still to be asked for, and what it cost. Saved after the part's answer and after
 * each new-terms answer, so a crash never pays for them again.
 */
export interface OutlinePartDraft {
  version: 1;
  summary?: string;
  lessons: PlannedLesson[];
  /** Lessons still short of terms, in the order they are asked for. */
  short: { lessonNumber: number; need: number }[];
  repairs: Repair[];
  usage: Usage;
}

/** Plans the lessons of `range`, repairing locally what it can; asks again only for what it cannot. */
export async function planPart(spec: CourseSpec, ctx: AskContext, range: PartRange, context: PlanContext, drafts?: DraftChannel<OutlinePartDraft>): Promise<StepAnswer<OutlinePart>> {
  const taken = new Map<string, number>();
  for (const lesson of context.planned) for (const term of lesson.vocabulary) taken.set(normalizeTerm(term), lesson.number);
  const withSummary = context.planned.length === 0;
  let draft = drafts?.saved && isOutlinePartDraft(drafts.saved) ? drafts.saved : undefined;
  if (!draft) {
    const schema = outlinePartAnswerSchema(range.count, withSummary);
    let answer;
    try {
      answer = await askStructured(ctx, {
        task: { kind: 'outline-part', spec, range, withSummary },
        messages: outlinePartMessages(spec, range, context),
        format: jsonSchemaFormat('course_outline_part', schema),
        schema: jsonObject,
        accept: (raw) => {
          const salvaged = salvageOutlinePart(raw, range, taken);
          return salvaged.problems.length ? { ok: false, problems: salvaged.problems } : { ok: true, value: salvaged };
        },
      });
    } catch (error) {
      throw error instanceof InvalidAnswerError ? new PlanFailedError(range, error.message) : error;
    }
    const { lessons, short, summary } = answer.value;
    draft = { version: 1, summary, lessons, short, repairs: [...answer.value.repairs], usage: { ...answer.usage } };
    if (withSummary && !draft.summary) {
      draft.summary = `${spec.title}: a ${spec.level} ${spec.language} course in ${spec.lessons} lessons for speakers of ${spec.nativeLanguage}.`;
      draft.repairs.push({ kind: 'filled-in', where: 'outline', detail: 'the course summary was missing; it was written from the spec' });
    }
    if (draft.short.length) await drafts?.save(structuredClone(draft));
  }
  const { lessons, repairs, usage } = draft;
  for (const lesson of lessons) for (const term of lesson.vocabulary) taken.set(normalizeTerm(term), lesson.number);

  // Lessons whose terms were mostly taken by earlier lessons: ask only for their missing terms.
  while (draft.short.length) {
    const { lessonNumber, need } = draft.short[0]!;
    const lesson = lessons.find((l) => l.number === lessonNumber)!;
    const added = await askNewTerms(spec, ctx, lesson, need, taken, usage).catch((error: unknown) => {
      if (error instanceof InvalidAnswerError && lesson.vocabulary.length > 0) {
        addUsage(usage, error.usage);
        return [];
      }
      throw error instanceof InvalidAnswerError ? new PlanFailedError(range, `lesson ${lessonNumber} has no terms left that no other lesson teaches (${error.message})`) : error;
    });
    lesson.vocabulary.push(...added);
    repairs.push(
      added.length
        ? { kind: 'terms-asked-again', lesson: lessonNumber, where: `lesson ${lessonNumber} vocabulary`, detail: `it kept ${lesson.vocabulary.length - added.length} terms after repeats were dropped; ${added.length} new ones were asked for: ${added.join(', ')}` }
        : { kind: 'part-dropped', lesson: lessonNumber, where: `lesson ${lessonNumber} vocabulary`, detail: `no new terms arrived after repeats were dropped; it teaches ${lesson.vocabulary.length}` },
    );
    draft.short.shift();
    if (draft.short.length) await drafts?.save(structuredClone(draft));
  }
  return { value: withSummary ? { summary: draft.summary ?? '', lessons } : { lessons }, usage, repairs };
}

function isOutlinePartDraft(value: unknown): value is OutlinePartDraft {
  const draft = value as Partial<OutlinePartDraft> | undefined;
  return draft?.version === 1 && Array.isArray(draft.lessons) && Array.isArray(draft.short) && Array.isArray(draft.repairs) && typeof draft.usage === 'object';
}

async function askNewTerms(spec: CourseSpec, ctx: AskContext, lesson: PlannedLesson, need: number, taken: Map<string, number>, usage: ReturnType<typeof noUsage>): Promise<string[]> {
  const answer = await askStructured(ctx, {
    task: { kind: 'new-terms', spec, lesson, need },
    messages: newTermsMessages(spec, lesson, need, [...taken.keys()]),
    format: jsonSchemaFormat('new_terms', newTermsAnswerSchema(need)),
    schema: newTermsAnswerSchema(need).loose(),
    accept: ({ terms }) => {
      const { accepted, rejected } = acceptNewTerms(terms, need, taken);
      return accepted.length >= need ? { ok: true, value: accepted } : { ok: false, problems: [`only ${accepted.length} of the ${need} terms are new; these are already taught: ${rejected.join(', ')}`] };
    },
  });
  addUsage(usage, answer.usage);
  for (const term of answer.value) taken.set(normalizeTerm(term), lesson.number);
  return answer.value;
}
