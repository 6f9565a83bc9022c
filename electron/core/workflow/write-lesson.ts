import { z } from 'zod';
import { lessonAnswerSchema, quizQuestionsAnswerSchema, sectionOnlyAnswerSchema, vocabularyAnswerSchema } from '../course/answer-schemas.js';
import type { LessonContent, PlannedLesson } from '../course/course-schema.js';
import { jsonSchemaFormat, type JsonSchemaFormat } from '../course/structured-output.js';
import type { Repair } from '../quality/quality-types.js';
import { applyLessonPart, partWhere, salvageLesson, type BrokenPart } from '../quality/repair-lesson.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { askStructured, InvalidAnswerError, type AskContext } from './ask-structured.js';
import { lessonMessages, lessonPartMessages, type LessonContext } from './prompts.js';
import { addUsage, noUsage, type StepAnswer } from './step-answer.js';

/** Requests for one broken part of a lesson before it counts as broken for good. */
export const PART_TRIES = 3;

/** A part of a lesson stayed broken after its tries: the message names the lesson's part and the problem. */
export class LessonPartError extends Error {
  readonly code = 'LESSON_PART_BROKEN';
  constructor(where: string, problem: string) {
    super(`the ${where.replace(/^lesson \d+ /, '')} stayed broken after ${PART_TRIES} tries: ${problem}`);
    this.name = this.constructor.name;
  }
}

const jsonObject = z.record(z.string(), z.unknown());

/**
 * One lesson: the whole lesson is asked for once; the usable sections are kept, and each broken
 * part (a section, some quiz questions, entries for some terms) is asked for alone with its
 * problem stated. A part that stays broken is left out when the lesson stands without it.
 */
export async function writeLesson(spec: CourseSpec, ctx: AskContext, plan: PlannedLesson, context: LessonContext): Promise<StepAnswer<LessonContent>> {
  const usage = noUsage();
  const answer = await askStructured(ctx, {
    task: { kind: 'lesson', spec, plan },
    messages: lessonMessages(spec, plan, context),
    format: jsonSchemaFormat('course_lesson', lessonAnswerSchema(spec.sections, plan.vocabulary)),
    schema: jsonObject,
    accept: (raw) => {
      const salvaged = salvageLesson(raw, spec.sections, plan);
      return salvaged.problems.length ? { ok: false, problems: salvaged.problems } : { ok: true, value: salvaged };
    },
  });
  addUsage(usage, answer.usage);
  const { content, broken } = answer.value;
  const repairs: Repair[] = [...answer.value.repairs];
  const fixed = await Promise.all(broken.map((part) => repairPart(spec, ctx, plan, context, content, part)));
  for (const result of fixed) {
    addUsage(usage, result.usage);
    repairs.push(...result.repairs);
  }
  return { value: content, usage, repairs };
}

async function repairPart(spec: CourseSpec, ctx: AskContext, plan: PlannedLesson, context: LessonContext, content: LessonContent, first: BrokenPart) {
  const usage = noUsage();
  const where = partWhere(plan, first);
  let part: BrokenPart | undefined = first;
  for (let tries = 0; part && tries < PART_TRIES; tries++) {
    const current: BrokenPart = part;
    try {
      const answer = await askStructured(
        { ...ctx, maxRepairs: 0 },
        { task: { kind: 'lesson-part', spec, plan, part: current }, messages: lessonPartMessages(spec, plan, context, current), format: partFormat(current), schema: jsonObject },
      );
      addUsage(usage, answer.usage);
      part = applyLessonPart(content, plan, current, answer.value);
    } catch (error) {
      // An answer that is not even JSON is one try like any other broken answer.
      if (!(error instanceof InvalidAnswerError)) throw error;
      addUsage(usage, error.usage);
      part = { ...current, problem: error.problems[0] ?? current.problem };
    }
  }
  const asked: Repair = { kind: 'part-asked-again', lesson: plan.number, where, detail: `${first.problem}; asked for it again${part ? '' : ' and got it'}` };
  if (!part) return { usage, repairs: [asked] };
  // Still broken: leave it out when the lesson stands without it, else the lesson fails.
  if (part.kind === 'quiz-questions' && content.quiz?.length) {
    return { usage, repairs: [asked, { kind: 'part-dropped' as const, lesson: plan.number, where, detail: `${part.count} quiz question(s) stayed broken after ${PART_TRIES} tries (${part.problem}); the lesson keeps ${content.quiz.length}` }] };
  }
  if (part.kind === 'vocabulary' && content.vocabulary?.length) {
    return { usage, repairs: [asked, { kind: 'part-dropped' as const, lesson: plan.number, where, detail: `no usable entry for ${part.terms.map((t) => `"${t}"`).join(', ')} after ${PART_TRIES} tries; left out, the lesson keeps ${content.vocabulary.length} terms` }] };
  }
  throw new LessonPartError(where, part.problem);
}

function partFormat(part: BrokenPart): JsonSchemaFormat {
  if (part.kind === 'vocabulary') return jsonSchemaFormat('lesson_vocabulary', z.strictObject({ vocabulary: vocabularyAnswerSchema(part.terms) }));
  if (part.kind === 'quiz-questions') return jsonSchemaFormat('lesson_quiz_questions', quizQuestionsAnswerSchema(part.count));
  return jsonSchemaFormat(`lesson_${part.section}`, sectionOnlyAnswerSchema(part.section, []));
}
