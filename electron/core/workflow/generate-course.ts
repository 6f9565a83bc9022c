import pLimit from 'p-limit';
import type { LessonContent, Outline, OutlinePart, PlannedLesson, Usage } from '../course/course-schema.js';
import type { Repair } from '../quality/quality-types.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { CancelledError, type AnswerCutOff, type AskContext } from './ask-structured.js';
import { nextRange, planPart } from './plan-outline.js';
import { REVIEW_LESSONS, type LessonContext } from './prompts.js';
import { addUsage, noUsage, stepKeyOf, type DraftChannel, type StepAnswer, type StepName } from './step-answer.js';
import { writeLesson } from './write-lesson.js';

/** A finished step of a job: the unit that is checkpointed and never paid for twice. */
export type StepDone =
  | { step: 'outline-part'; from: number; content: OutlinePart; usage: Usage; repairs: Repair[] }
  | { step: 'lesson'; lessonNumber: number; content: LessonContent; usage: Usage; repairs: Repair[] };

export type WorkflowEvent =
  | { type: 'outline-started' }
  | ({ type: 'step-done' } & StepDone)
  | { type: 'lesson-started'; lessonNumber: number }
  | { type: 'lesson-failed'; lessonNumber: number; reason: string }
  /** An answer ran out of its room and is asked again with more (for the job's log). */
  | ({ type: 'answer-cut-off' } & AnswerCutOff)
  /** What the speech step did, or why the course has no audio (for the job's log). */
  | { type: 'speech-note'; level: 'info' | 'warn'; message: string };

/** Steps finished by an earlier run of the same job. */
export interface Checkpoints {
  /** Parts of the plan, by the number of their first lesson. */
  outlineParts: Map<number, StepAnswer<OutlinePart>>;
  lessons: Map<number, StepAnswer<LessonContent>>;
  /** What had arrived of unfinished steps, by step key (`lesson:3`): resumed, not asked for again. */
  drafts?: Map<string, unknown>;
}

export interface GenerateOptions extends AskContext {
  /** Lessons of one course written at once. Default 4. */
  lessonConcurrency?: number;
  checkpoints?: Checkpoints;
  /**
   * Called for each event; for `step-done` it is awaited before the step counts, so the caller
   * can commit a checkpoint first.
   */
  onEvent?: (event: WorkflowEvent) => void | Promise<void>;
  /**
   * Saves what has arrived of an unfinished step (after each answer); awaited before the next
   * request of that step, so an answer received is on disk before anything else is paid for.
   */
  onDraft?: (stepKey: string, draft: unknown) => Promise<void>;
}

export interface GeneratedContent {
  outline: Outline;
  lessons: LessonContent[];
  /** Every repair made to the model's answers, plan first, then lessons in order. */
  repairs: Repair[];
  /** Every step's usage, including steps taken from checkpoints: what the course cost. */
  usage: Usage;
  /** What this run paid for (steps taken from checkpoints cost nothing again). */
  paidThisRun: Usage;
}

/** Some lessons could not be written; the others were kept as checkpoints. */
export class LessonsFailedError extends Error {
  readonly code = 'LESSONS_FAILED';
  constructor(readonly failures: { lessonNumber: number; reason: string }[], total: number) {
    super(
      `${failures.length} of ${total} lessons failed: ` +
        failures.map((f) => `lesson ${f.lessonNumber} (${f.reason})`).join('; '),
    );
    this.name = this.constructor.name;
  }
}

const OUTLINE_PRIORITY_BOOST = 1_000_000_000;

/**
 * The plan part by part; each lesson is written as soon as its part is planned (bounded by
 * `lessonConcurrency`), resuming from checkpoints. A plan that fails part-way still lets the
 * lessons already planned finish and be checkpointed, for `retry`.
 */
export async function generateCourse(spec: CourseSpec, given: GenerateOptions): Promise<GeneratedContent> {
  // An answer cut off for lack of room is an event of the job too: its log says so.
  const options: GenerateOptions = {
    ...given,
    onCutOff: (cut) => {
      given.onCutOff?.(cut);
      void given.onEvent?.({ type: 'answer-cut-off', ...cut });
    },
  };
  const usage = noUsage();
  const paidThisRun = noUsage();
  const emit = async (event: WorkflowEvent) => options.onEvent?.(event);
  const pay = (u: Usage) => {
    addUsage(usage, u);
    addUsage(paidThisRun, u);
  };
  const savedParts = options.checkpoints?.outlineParts ?? new Map<number, StepAnswer<OutlinePart>>();
  const savedLessons = options.checkpoints?.lessons ?? new Map<number, StepAnswer<LessonContent>>();

  const planned: PlannedLesson[] = [];
  const planRepairs: Repair[] = [];
  let summary = '';
  const limit = pLimit(options.lessonConcurrency ?? 4);
  const lessonTasks: Promise<StepAnswer<LessonContent>>[] = [];

  const contextFor = (plan: PlannedLesson): LessonContext => {
    const i = plan.number - 1;
    return {
      summary,
      previous: planned[i - 1],
      next: planned[i + 1],
      reviewTerms: planned.slice(Math.max(0, i - REVIEW_LESSONS), i).flatMap((l) => l.vocabulary),
    };
  };
  const startLesson = (plan: PlannedLesson) =>
    limit(async (): Promise<StepAnswer<LessonContent>> => {
      const saved = savedLessons.get(plan.number);
      if (saved) {
        addUsage(usage, saved.usage);
        return saved;
      }
      if (options.signal?.aborted) throw new CancelledError();
      await emit({ type: 'lesson-started', lessonNumber: plan.number });
      try {
        const written = await writeLesson(spec, options, plan, contextFor(plan), draftChannel(options, { step: 'lesson', lessonNumber: plan.number }));
        pay(written.usage);
        await emit({ type: 'step-done', step: 'lesson', lessonNumber: plan.number, content: written.value, usage: written.usage, repairs: written.repairs });
        return written;
      } catch (error) {
        if (!(error instanceof CancelledError)) await emit({ type: 'lesson-failed', lessonNumber: plan.number, reason: (error as Error).message });
        throw error;
      }
    });

  let planError: unknown;
  try {
    if (plannedInCheckpoints(savedParts, spec.lessons) < spec.lessons) await emit({ type: 'outline-started' });
    while (planned.length < spec.lessons) {
      const range = nextRange(planned.length, spec.lessons);
      let part = savedParts.get(range.from);
      if (part) addUsage(usage, part.usage);
      else {
        if (options.signal?.aborted) throw new CancelledError();
        // A part unlocks lessons: it goes ahead of every lesson waiting for a permit, so newly
        // started jobs never leave permits idle behind older jobs' lessons.
        part = await planPart(spec, { ...options, priority: options.priority - OUTLINE_PRIORITY_BOOST }, range, { summary, planned }, draftChannel(options, { step: 'outline-part', from: range.from }));
        pay(part.usage);
        await emit({ type: 'step-done', step: 'outline-part', from: range.from, content: part.value, usage: part.usage, repairs: part.repairs });
      }
      summary ||= part.value.summary ?? '';
      planned.push(...part.value.lessons);
      planRepairs.push(...part.repairs);
      for (const plan of part.value.lessons) {
        const task = startLesson(plan);
        // Settled below; until then a failed lesson must not count as an unhandled rejection.
        task.catch(() => {});
        lessonTasks.push(task);
      }
    }
  } catch (error) {
    planError = error;
  }

  const results = await Promise.allSettled(lessonTasks);
  if (options.signal?.aborted) throw new CancelledError();
  if (planError) throw planError;
  const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [{ lessonNumber: i + 1, reason: (r.reason as Error)?.message ?? String(r.reason) }] : []));
  if (failures.length) throw new LessonsFailedError(failures, planned.length);
  const lessons = results.map((r) => (r as PromiseFulfilledResult<StepAnswer<LessonContent>>).value);
  return {
    outline: { summary, lessons: planned },
    lessons: lessons.map((l) => l.value),
    repairs: [...planRepairs, ...lessons.flatMap((l) => l.repairs)],
    usage,
    paidThisRun,
  };
}

/** The drafts of one step: the one an earlier run saved, and where new ones go. */
export function draftChannel<D>(options: Pick<GenerateOptions, 'checkpoints' | 'onDraft'>, step: StepName): DraftChannel<D> | undefined {
  const key = stepKeyOf(step);
  const saved = options.checkpoints?.drafts?.get(key) as D | undefined;
  const save = options.onDraft;
  if (!save && !saved) return undefined;
  return { saved, save: (draft) => save?.(key, draft) ?? Promise.resolve() };
}

/** How many lessons the saved parts plan, counting only an unbroken run from lesson 1. */
function plannedInCheckpoints(parts: Map<number, StepAnswer<OutlinePart>>, total: number): number {
  let planned = 0;
  for (let part = parts.get(1); part && planned < total; part = parts.get(planned + 1)) planned += part.value.lessons.length;
  return planned;
}
