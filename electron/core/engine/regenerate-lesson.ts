import { replaceLesson } from '../course-edit/change-lesson.js';
import { lessonPlanFromCourse, specFromCourse } from '../course-edit/lesson-plan.js';
import { lessonOf, type LessonChange } from '../course-edit/save-lesson-change.js';
import { sameLesson } from '../course-edit/lesson-history.js';
import type { LessonContent, Usage } from '../course/course-schema.js';
import { readCourseFolder } from '../output/read-course.js';
import type { LessonTarget } from '../store/lesson-jobs.js';
import { CancelledError } from '../workflow/ask-structured.js';
import { addUsage, noUsage, type StepAnswer } from '../workflow/step-answer.js';
import { DEFAULT_RETRY_POLICY } from '../workflow/retry-policy.js';
import { writeLesson } from '../workflow/write-lesson.js';
import { draftChannel } from '../workflow/generate-course.js';
import type { ProduceOptions } from './produce-course.js';
import { refreshCourseAudio } from './course-speech.js';

export type RegenerateOptions = Omit<ProduceOptions, 'settings'> & { settings: Pick<ProduceOptions['settings'], 'maxAttempts'> };

/**
 * One job that writes one lesson of a finished course again: the lesson's plan and context are
 * read from course.json, the lesson is written (the author's note in its prompt) and
 * checkpointed as step `lesson:N`, then saved by replaceLesson with reason "regenerate" (the
 * previous version kept in history/). A retry after a crash takes the checkpoint and pays
 * nothing again; a version already saved is not saved twice.
 */
export async function regenerateLesson(target: LessonTarget, options: RegenerateOptions): Promise<{ outputPath: string; usage: Usage; change: LessonChange | undefined }> {
  const loaded = await readCourseFolder(target.folder);
  const n = target.lessonNumber;
  const current = lessonOf(loaded, n);
  const spec = specFromCourse(loaded.course);
  const { plan, context } = lessonPlanFromCourse(loaded.course, n, target.note);

  // Every answer this job paid for, in earlier runs (the job's usage when claimed) and in this one,
  // the answers of a run killed before its step was saved included: what the course is charged.
  const paid: Usage = options.usageBefore ? { ...options.usageBefore } : noUsage();
  const onAnswered = (usage: Usage) => {
    addUsage(paid, usage);
    options.onAnswered?.(usage);
  };
  let written: StepAnswer<LessonContent> | undefined = options.checkpoints?.lessons.get(n);
  if (!written) {
    if (options.signal?.aborted) throw new CancelledError();
    await options.onEvent?.({ type: 'lesson-started', lessonNumber: n });
    try {
      written = await writeLesson(
        spec,
        {
          provider: options.provider,
          permits: options.permits,
          retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: options.settings.maxAttempts },
          priority: options.priority,
          signal: options.signal,
          onRateLimitWait: options.onRateLimitWait,
          onProviderStop: options.onProviderStop,
          onAnswered,
          onCutOff: (cut) => void options.onEvent?.({ type: 'answer-cut-off', ...cut }),
        },
        plan,
        context,
        draftChannel(options, { step: 'lesson', lessonNumber: n }),
      );
    } catch (error) {
      if (!(error instanceof CancelledError)) await options.onEvent?.({ type: 'lesson-failed', lessonNumber: n, reason: (error as Error).message });
      throw error;
    }
    await options.onEvent?.({ type: 'step-done', step: 'lesson', lessonNumber: n, content: written.value, usage: written.usage, repairs: written.repairs });
  }
  if (options.signal?.aborted) throw new CancelledError();

  // A run that saved this version and then crashed before it said so: already done.
  const version = { number: n, slug: current.slug, goals: current.goals, grammarPoint: current.grammarPoint, ...written.value };
  const speechContext = { speech: options.speech, permits: options.permits, priority: options.priority, signal: options.signal, onEvent: options.onEvent };
  if (sameLesson(version, current)) {
    // Saved by a run that stopped before its clips were all made: those it made are not made again.
    await refreshCourseAudio(speechContext, loaded.folder, loaded.course);
    return { outputPath: loaded.folder, usage: written.usage, change: undefined };
  }
  // Without the job's own count (a caller outside the queue), the step's usage is all there is.
  const charged = options.usageBefore ? paid : written.usage;
  const change = await replaceLesson(target.folder, n, written.value, { reason: 'regenerate', repairs: written.repairs, usage: charged, note: target.note });
  // A course with audio gets the new version's clips (only its changed texts are spoken).
  const changed = await readCourseFolder(change.folder);
  await refreshCourseAudio(speechContext, change.folder, changed.course);
  return { outputPath: change.folder, usage: charged, change };
}
