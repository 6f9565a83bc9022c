import pLimit from 'p-limit';
import { lessonProblems, outlineProblems } from '../course/content-checks.js';
import { lessonSchemaFor, outlineSchemaFor, type LessonContent, type Outline, type Usage } from '../course/course-schema.js';
import { jsonSchemaFormat } from '../course/structured-output.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { askStructured, CancelledError, type Answer, type AskContext } from './ask-structured.js';
import { lessonMessages, outlineMessages } from './prompts.js';

/** A finished step of a job: the unit that is checkpointed and never paid for twice. */
export type StepDone =
  | { step: 'outline'; content: Outline; usage: Usage }
  | { step: 'lesson'; lessonNumber: number; content: LessonContent; usage: Usage };

export type WorkflowEvent =
  | { type: 'outline-started' }
  | ({ type: 'step-done' } & StepDone)
  | { type: 'lesson-started'; lessonNumber: number }
  | { type: 'lesson-failed'; lessonNumber: number; reason: string };

/** Steps finished by an earlier run of the same job. */
export interface Checkpoints {
  outline?: Answer<Outline>;
  lessons: Map<number, Answer<LessonContent>>;
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
}

export interface GeneratedContent {
  outline: Outline;
  lessons: LessonContent[];
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

/** Outline first, then every lesson in parallel (bounded), resuming from checkpoints. */
export async function generateCourse(spec: CourseSpec, options: GenerateOptions): Promise<GeneratedContent> {
  const usage: Usage = { requests: 0, promptTokens: 0, completionTokens: 0 };
  const paidThisRun: Usage = { requests: 0, promptTokens: 0, completionTokens: 0 };
  const emit = async (event: WorkflowEvent) => options.onEvent?.(event);
  const addTo = (total: Usage, u: Usage) => {
    total.requests += u.requests;
    total.promptTokens += u.promptTokens;
    total.completionTokens += u.completionTokens;
  };
  const add = (u: Usage) => {
    addTo(usage, u);
    addTo(paidThisRun, u);
  };
  if (options.checkpoints?.outline) addTo(usage, options.checkpoints.outline.usage);
  for (const saved of options.checkpoints?.lessons.values() ?? []) addTo(usage, saved.usage);

  let outline = options.checkpoints?.outline?.value;
  if (!outline) {
    await emit({ type: 'outline-started' });
    // An outline unlocks a whole course's lessons: it goes ahead of every lesson waiting for a
    // permit, so newly started jobs never leave permits idle behind older jobs' lessons.
    const answer = await askStructured({ ...options, priority: options.priority - OUTLINE_PRIORITY_BOOST }, {
      task: { kind: 'outline', spec },
      messages: outlineMessages(spec),
      format: jsonSchemaFormat('course_outline', outlineSchemaFor(spec)),
      schema: outlineSchemaFor(spec),
      check: outlineProblems,
    });
    add(answer.usage);
    outline = answer.value;
    await emit({ type: 'step-done', step: 'outline', content: outline, usage: answer.usage });
  }

  const schema = lessonSchemaFor(spec.sections);
  const format = jsonSchemaFormat('course_lesson', schema);
  const limit = pLimit(options.lessonConcurrency ?? 4);
  const done = options.checkpoints?.lessons ?? new Map<number, Answer<LessonContent>>();
  const finishedOutline = outline;

  const results = await Promise.allSettled(
    finishedOutline.lessons.map((planned) =>
      limit(async (): Promise<LessonContent> => {
        const saved = done.get(planned.number);
        if (saved) return saved.value;
        if (options.signal?.aborted) throw new CancelledError();
        await emit({ type: 'lesson-started', lessonNumber: planned.number });
        try {
          const answer = await askStructured(options, {
            task: { kind: 'lesson', spec, outline: finishedOutline, lessonNumber: planned.number },
            messages: lessonMessages(spec, finishedOutline, planned.number),
            format,
            schema: schema as never,
            check: lessonProblems,
          });
          add(answer.usage);
          await emit({ type: 'step-done', step: 'lesson', lessonNumber: planned.number, content: answer.value as LessonContent, usage: answer.usage });
          return answer.value as LessonContent;
        } catch (error) {
          if (!(error instanceof CancelledError)) {
            await emit({ type: 'lesson-failed', lessonNumber: planned.number, reason: (error as Error).message });
          }
          throw error;
        }
      }),
    ),
  );

  if (options.signal?.aborted) throw new CancelledError();
  const failures = results.flatMap((r, i) =>
    r.status === 'rejected' ? [{ lessonNumber: i + 1, reason: (r.reason as Error)?.message ?? String(r.reason) }] : [],
  );
  if (failures.length) throw new LessonsFailedError(failures, finishedOutline.lessons.length);
  return { outline, lessons: results.map((r) => (r as PromiseFulfilledResult<LessonContent>).value), usage, paidThisRun };
}
