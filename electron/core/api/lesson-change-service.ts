import { dirname, resolve } from 'node:path';
import type { CourseChangedEvent, CourseDetail, LessonChangeView, LessonPatchView, LessonVersionView } from '../../shared/api.js';
import type { JobSettings, JobSummary } from '../../shared/jobs.js';
import { editLesson, InvalidLessonEditError, undoLesson, type LessonPatch } from '../course-edit/change-lesson.js';
import { lessonHistory } from '../course-edit/lesson-history.js';
import { lessonJobRequest } from '../course-edit/lesson-plan.js';
import type { LessonChange } from '../course-edit/save-lesson-change.js';
import { Emitter } from '../queue/emitter.js';
import type { Orchestrator } from '../queue/orchestrator.js';
import type { JobStore } from '../store/job-store.js';

export interface LessonChangeServiceOptions {
  store: JobStore;
  orchestrator: Orchestrator;
  /** A succeeded job's course folder; throws NO_OUTPUT / JOB_NOT_FOUND otherwise. */
  outputOf: (jobId: string) => string;
  /** The course as the viewer reads it (CourseService.getCourse). */
  getCourse: (jobId: string) => Promise<CourseDetail>;
  /** The settings a new job gets now (the app's current ones). */
  jobSettings: () => JobSettings;
}

/**
 * Changing one lesson of a finished course from the viewer: regenerate it through the queue,
 * edit it, undo a change, list its versions. The work is core/course-edit's; this maps a job id
 * to its course folder and tells open viewers when a course changed (onDidChangeCourse).
 */
export class LessonChangeService {
  readonly #options: LessonChangeServiceOptions;
  readonly #didChangeCourse = new Emitter<CourseChangedEvent>();
  /** Regeneration jobs already reported, by id, with the finish time reported (a retried one reports again). */
  readonly #reported = new Map<string, string>();
  readonly #offJobs: () => void;

  /** A lesson of a course changed: edited, undone, or a regeneration of it succeeded. */
  readonly onDidChangeCourse = this.#didChangeCourse.on;

  constructor(options: LessonChangeServiceOptions) {
    this.#options = options;
    this.#offJobs = options.orchestrator.onDidChangeJob((job) => this.#onJob(job));
  }

  dispose(): void {
    this.#offJobs();
  }

  async regenerateLesson(jobId: string, lessonNumber: number, note?: string): Promise<JobSummary> {
    const folder = this.#options.outputOf(jobId);
    const request = await lessonJobRequest(folder, lessonNumber, note).catch(rethrow);
    // The course is written in place: its folder stands for the output folder (as the CLI does).
    const { job } = this.#options.orchestrator.enqueueLesson({ ...request, settings: { ...this.#options.jobSettings(), outDir: dirname(request.folder) } });
    return job;
  }

  async editLesson(jobId: string, lessonNumber: number, patch: LessonPatchView): Promise<LessonChangeView> {
    const change = await editLesson(this.#options.outputOf(jobId), lessonNumber, patch as LessonPatch).catch(rethrow);
    return this.#changed(jobId, change);
  }

  async undoLesson(jobId: string, lessonNumber: number): Promise<LessonChangeView> {
    const change = await undoLesson(this.#options.outputOf(jobId), lessonNumber).catch(rethrow);
    return this.#changed(jobId, change);
  }

  async getLessonHistory(jobId: string, lessonNumber: number): Promise<LessonVersionView[]> {
    const folder = this.#options.outputOf(jobId);
    // lessonJobRequest checks the folder is a course and has the lesson (an empty history would hide a wrong number).
    await lessonJobRequest(folder, lessonNumber).catch(rethrow);
    const versions = await lessonHistory(folder, lessonNumber);
    return versions.map((v) => ({ id: v.id, replacedAt: v.replacedAt, reason: v.reason, ...(v.note ? { note: v.note } : {}), title: v.title, summary: v.summary }));
  }

  async #changed(jobId: string, change: LessonChange): Promise<LessonChangeView> {
    if (change.changed) this.#didChangeCourse.fire({ jobIds: this.#courseJobsOf(change.folder, jobId), lessonNumber: change.lessonNumber, reason: change.reason });
    return { lessonNumber: change.lessonNumber, reason: change.reason, changed: change.changed, undoable: change.undoable, detail: await this.#options.getCourse(jobId) };
  }

  #onJob(job: JobSummary): void {
    if (job.kind !== 'lesson' || job.state !== 'succeeded' || job.lessonNumber === undefined) return;
    const finished = job.finishedAt ?? '';
    if (this.#reported.get(job.id) === finished) return;
    this.#reported.set(job.id, finished);
    const jobIds = this.#courseJobsOf(resolve(job.outputPath ?? job.specPath));
    if (jobIds.length) this.#didChangeCourse.fire({ jobIds, lessonNumber: job.lessonNumber, reason: 'regenerate' });
  }

  /** The succeeded course jobs whose course is `folder` (more than one when a spec was generated again into it). */
  #courseJobsOf(folder: string, known?: string): string[] {
    const ids = this.#options.store
      .list()
      .filter((j) => j.kind !== 'lesson' && j.state === 'succeeded' && j.outputPath !== undefined && resolve(j.outputPath) === folder)
      .map((j) => j.id);
    return known && !ids.includes(known) ? [known, ...ids] : ids;
  }
}

/** Core's refusals, as they cross the boundary: an invalid edit says "field: problem" and carries the field. */
function rethrow(error: unknown): never {
  if (error instanceof InvalidLessonEditError) {
    throw Object.assign(new Error(`${error.field}: ${error.problem}`), { name: 'InvalidLessonEditError', code: error.code, field: error.field });
  }
  // The note's length (lessonJobRequest's TypeError) is the caller's to fix.
  if (error instanceof TypeError && /`note`/.test(error.message)) throw Object.assign(new Error(error.message), { name: 'InvalidInputError', code: 'INVALID_INPUT' });
  throw error;
}
