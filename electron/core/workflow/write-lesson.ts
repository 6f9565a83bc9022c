import { z } from 'zod';
import { lessonAnswerSchema, quizQuestionsAnswerSchema, sectionOnlyAnswerSchema, textsAnswerSchema, vocabularyAnswerSchema } from '../course/answer-schemas.js';
import type { LessonContent, PlannedLesson, Usage } from '../course/course-schema.js';
import { jsonSchemaFormat, type JsonSchemaFormat } from '../course/structured-output.js';
import type { Repair } from '../quality/quality-types.js';
import { applyLessonPart, languagePart, partWhere, salvageLesson, textFixWhere, type BrokenPart, type TextFix } from '../quality/repair-lesson.js';
import { languageFacts } from '../language/index.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { askStructured, InvalidAnswerError, type AskContext } from './ask-structured.js';
import { lessonMessages, lessonPartMessages, type LessonContext } from './prompts.js';
import { addUsage, type DraftChannel, type StepAnswer } from './step-answer.js';

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
 * What has arrived of a lesson that is not finished: the usable content so far, the parts still
 * broken (with the tries already spent on each), the repairs made and what it cost. Saved after
 * the lesson's answer and after every repair answer, so a crash never pays for them again.
 */
export interface LessonDraft {
  version: 1;
  content: LessonContent;
  pending: PendingPart[];
  repairs: Repair[];
  usage: Usage;
  /** The lesson's language was checked once its sections stood, and what was wrong was added to `pending`. */
  languageChecked?: boolean;
}

/** A broken part being asked for again: as first found, as it stands now, and the tries spent. */
export interface PendingPart {
  first: BrokenPart;
  current: BrokenPart;
  tries: number;
}

/**
 * One lesson: the whole lesson is asked for once; the usable sections are kept, and each broken
 * part (a section, some quiz questions, entries for some terms) is asked for alone with its
 * problem stated. A part that stays broken is left out when the lesson stands without it.
 * With `drafts`, what arrives is saved as it arrives and a saved draft is resumed: only the
 * parts still broken are asked for.
 */
export async function writeLesson(spec: CourseSpec, ctx: AskContext, plan: PlannedLesson, context: LessonContext, drafts?: DraftChannel<LessonDraft>): Promise<StepAnswer<LessonContent>> {
  let draft = drafts?.saved && isLessonDraft(drafts.saved) ? drafts.saved : undefined;
  if (!draft) {
    const answer = await askStructured(ctx, {
      task: { kind: 'lesson', spec, plan },
      messages: lessonMessages(spec, plan, context),
      format: jsonSchemaFormat('course_lesson', lessonAnswerSchema(spec.sections, plan.vocabulary, languageFacts(spec.language))),
      schema: jsonObject,
      accept: (raw) => {
        const salvaged = salvageLesson(raw, spec.sections, plan);
        return salvaged.problems.length ? { ok: false, problems: salvaged.problems } : { ok: true, value: salvaged };
      },
    });
    const { content, broken } = answer.value;
    draft = { version: 1, content, pending: broken.map((part) => ({ first: part, current: part, tries: 0 })), repairs: [...answer.value.repairs], usage: { ...answer.usage } };
    if (draft.pending.length) await drafts?.save(structuredClone(draft));
  }
  const state = draft;
  // A part that ran out of tries in an earlier run failed the lesson then; a retry gives it its
  // tries again (else a retried lesson could never be finished).
  for (const pending of state.pending) if (pending.tries >= PART_TRIES) pending.tries = 0;
  // Each broken part is asked for on its own; after each answer the whole draft is saved again.
  const save = () => drafts?.save(structuredClone(state)) ?? Promise.resolve();
  // Every part settles before the lesson does, also when one fails it: no request of this lesson
  // goes on (and no draft is saved) after the lesson is reported failed.
  await repairAll(spec, ctx, plan, context, state, [...state.pending], save);
  // Then the language of what stands (sections asked again included): texts in another script,
  // readings and genders missing, each asked for again alone. Not for the demo's placeholders.
  if (!state.languageChecked && !ctx.provider.demo) {
    state.languageChecked = true;
    const part = languagePart(state.content, languageFacts(spec.language));
    if (part) {
      const pending: PendingPart = { first: part, current: part, tries: 0 };
      state.pending.push(pending);
      await save();
      await repairAll(spec, ctx, plan, context, state, [pending], save);
    }
  }
  return { value: state.content, usage: state.usage, repairs: state.repairs };
}

async function repairAll(spec: CourseSpec, ctx: AskContext, plan: PlannedLesson, context: LessonContext, state: LessonDraft, parts: PendingPart[], save: () => Promise<void>): Promise<void> {
  const settled = await Promise.allSettled(parts.map((pending) => repairPart(spec, ctx, plan, context, state, pending, save)));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function isLessonDraft(value: unknown): value is LessonDraft {
  const draft = value as Partial<LessonDraft> | undefined;
  return draft?.version === 1 && typeof draft.content === 'object' && Array.isArray(draft.pending) && Array.isArray(draft.repairs) && typeof draft.usage === 'object';
}

async function repairPart(spec: CourseSpec, ctx: AskContext, plan: PlannedLesson, context: LessonContext, draft: LessonDraft, pending: PendingPart, save: () => Promise<void>): Promise<void> {
  const { content } = draft;
  const where = partWhere(plan, pending.first);
  let part: BrokenPart | undefined = pending.current;
  while (part && pending.tries < PART_TRIES) {
    const current: BrokenPart = part;
    try {
      const answer = await askStructured(
        { ...ctx, maxRepairs: 0 },
        { task: { kind: 'lesson-part', spec, plan, part: current }, messages: lessonPartMessages(spec, plan, context, current), format: partFormat(spec, current), schema: jsonObject },
      );
      addUsage(draft.usage, answer.usage);
      part = applyLessonPart(content, plan, current, answer.value, languageFacts(spec.language));
      if (current.kind === 'texts') recordTextsFixed(draft, plan, pending.first, current, part);
    } catch (error) {
      // An answer that is not even JSON is one try like any other broken answer.
      if (!(error instanceof InvalidAnswerError)) throw error;
      addUsage(draft.usage, error.usage);
      part = { ...current, problem: error.problems[0] ?? current.problem };
    }
    pending.tries++;
    if (part) pending.current = part;
    else draft.pending.splice(draft.pending.indexOf(pending), 1);
    const asked: Repair = { kind: 'part-asked-again', lesson: plan.number, where, detail: `${pending.first.problem}; asked for it again${part ? '' : ' and got it'}` };
    if (!part && current.kind !== 'texts') draft.repairs.push(asked);
    else if (pending.tries >= PART_TRIES) settleBroken(draft, plan, where, pending, asked);
    await save();
  }
  // A draft saved with a part out of tries (a crash right after its last answer) settles it now.
  if (part && draft.pending.includes(pending)) {
    settleBroken(draft, plan, where, pending, { kind: 'part-asked-again', lesson: plan.number, where, detail: `${pending.first.problem}; asked for it again` });
    await save();
  }
}

/**
 * A part still broken after its tries: left out when the lesson stands without it (recorded in
 * the draft's repairs), else the lesson fails.
 */
function settleBroken(draft: LessonDraft, plan: PlannedLesson, where: string, pending: PendingPart, asked: Repair): void {
  const { content } = draft;
  const part = pending.current;
  if (part.kind === 'texts') {
    // A text whose language stays wrong is kept as it is: the lesson stands, and the quality report names it.
    for (const item of part.items) {
      const first = firstOf(pending.first, item);
      draft.repairs.push({ kind: 'part-asked-again', lesson: plan.number, where: `lesson ${plan.number} ${textFixWhere(item)}`, detail: `${first.problem} (/lessons/${plan.number - 1}${first.pointer}); asked for it again ${PART_TRIES} times, still: ${item.problem}; kept as it was` });
    }
  } else if (part.kind === 'quiz-questions' && content.quiz?.length) {
    draft.repairs.push(asked, { kind: 'part-dropped', lesson: plan.number, where, detail: `${part.count} quiz question(s) stayed broken after ${PART_TRIES} tries (${part.problem}); the lesson keeps ${content.quiz.length}` });
  } else if (part.kind === 'vocabulary' && content.vocabulary?.length) {
    draft.repairs.push(asked, { kind: 'part-dropped', lesson: plan.number, where, detail: `no usable entry for ${part.terms.map((t) => `"${t}"`).join(', ')} after ${PART_TRIES} tries; left out, the lesson keeps ${content.vocabulary.length} terms` });
  } else throw new LessonPartError(where, part.problem);
  draft.pending.splice(draft.pending.indexOf(pending), 1);
}

/** The items of a texts part as first found (their first problem), by section and index. */
function firstOf(first: BrokenPart, item: TextFix): TextFix {
  return (first.kind === 'texts' && first.items.find((i) => i.section === item.section && i.index === item.index)) || item;
}

/** A repair for each text a texts part's answer put right (those not left in `after`). */
function recordTextsFixed(draft: LessonDraft, plan: PlannedLesson, first: BrokenPart, before: Extract<BrokenPart, { kind: 'texts' }>, after: BrokenPart | undefined): void {
  const left = after?.kind === 'texts' ? after.items : [];
  for (const item of before.items) {
    if (left.some((l) => l.section === item.section && l.index === item.index)) continue;
    const found = firstOf(first, item);
    draft.repairs.push({ kind: 'part-asked-again', lesson: plan.number, where: `lesson ${plan.number} ${textFixWhere(item)}`, detail: `${found.problem} (/lessons/${plan.number - 1}${found.pointer}); asked for it again and got it` });
  }
}

function partFormat(spec: CourseSpec, part: BrokenPart): JsonSchemaFormat {
  const language = languageFacts(spec.language);
  if (part.kind === 'texts') return jsonSchemaFormat('lesson_texts', textsAnswerSchema(part.items, language));
  if (part.kind === 'vocabulary') return jsonSchemaFormat('lesson_vocabulary', z.strictObject({ vocabulary: vocabularyAnswerSchema(part.terms, language) }));
  if (part.kind === 'quiz-questions') return jsonSchemaFormat('lesson_quiz_questions', quizQuestionsAnswerSchema(part.count));
  return jsonSchemaFormat(`lesson_${part.section}`, sectionOnlyAnswerSchema(part.section, [], language));
}
