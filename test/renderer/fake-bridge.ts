import type { AddSpecResult, ApiEvents, AppSettings, CourseDetail, CourseExportFormat, ExportCourseOptions, ExportCourseResult, FluentProBridge, JobDetail, LessonChangeView, LessonPatchView, LessonVersionView, SettingsPatch, SpecFileContent } from '../../electron/shared/api.js';
import type { LessonView } from '../../electron/shared/course-html/index.js';
import type { BatchView, JobSummary } from '../../electron/shared/jobs.js';
import { describeCron, type QueuePauseView, type ScheduleDraft, type SchedulePreview, type ScheduleRunView, type ScheduleView } from '../../electron/shared/schedules.js';

let counter = 0;

export function fakeJob(overrides: Partial<JobSummary> = {}): JobSummary {
  counter++;
  return {
    id: `job${String(counter).padStart(5, '0')}`,
    title: `Course ${counter}`,
    language: 'Spanish',
    level: 'A1',
    specPath: `/specs/c${counter}.course.yaml`,
    state: 'queued',
    attempts: 0,
    lessonsTotal: 8,
    lessonsDone: 0,
    outlineDone: false,
    provider: 'openai',
    model: 'gpt-4o-mini',
    usage: { requests: 0, promptTokens: 0, completionTokens: 0 },
    cancelRequested: false,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString(),
    ...overrides,
  };
}

/** window.fluentpro in memory: records calls, answers from its own state, emits on demand. */
export class FakeBridge implements FluentProBridge {
  jobs = new Map<string, JobSummary>();
  /** A batch-mode job's batches, as getJob lists them. */
  batches = new Map<string, BatchView[]>();
  calls: [string, unknown[]][] = [];
  settings: AppSettings = { provider: 'openai', model: 'gpt-4o-mini', baseURL: '', hasApiKey: false, apiKeyStorage: 'keychain', concurrency: 4, lessonConcurrency: 4, maxInFlightRequests: 8, outDir: '/Users/ana/Documents/FluentPro', notifications: true, rpm: null, tpm: null, scheduledBatch: false, speech: 'macos', canRevealFiles: true };
  /** What listModels answers: the models, or an error message to reject with. */
  models: string[] | { error: string } = ['llama3.2', 'qwen2.5'];
  schedules = new Map<string, ScheduleView>();
  runs = new Map<string, ScheduleRunView[]>();
  pause: QueuePauseView | null = null;
  /** What previewSchedule answers; default: fine, "Every day at 02:00" style from the cron. */
  preview: (draft: ScheduleDraft) => SchedulePreview = (draft) => ({
    ok: true,
    description: draft.onChange ? 'When a spec in the folder is added or changed' : describeCron(draft.cron ?? ''),
    timeZone: draft.timeZone || 'Europe/Berlin',
    nextRuns: draft.onChange ? [] : ['2026-12-01T01:00:00.000Z', '2026-12-02T01:00:00.000Z'],
    problems: [],
  });
  /** What runScheduleNow answers (the run is also put first in the history). */
  nextRun: (name: string) => ScheduleRunView = (name) => ({ id: 1, scheduleName: name, at: new Date().toISOString(), reason: 'manual', queued: [], unchanged: [], invalid: [], finishedAt: new Date().toISOString() });
  paths = new Map<File, string>();
  addResults: (files: SpecFileContent[] | string[]) => AddSpecResult[] = () => [];
  readonly #listeners = new Map<string, Set<(payload: never) => void>>();

  constructor(jobs: JobSummary[] = []) {
    for (const job of jobs) this.jobs.set(job.id, job);
  }

  emit<E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(payload as never);
  }

  on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#listeners.set(event, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  pathForFile(file: File): string {
    return this.paths.get(file) ?? '';
  }

  clipUrl(jobId: string, file: string): string {
    return `/clips/${jobId}/${file}`;
  }

  #record(name: string, args: unknown[]) {
    this.calls.push([name, args]);
  }

  async listJobs() {
    this.#record('listJobs', []);
    return [...this.jobs.values()];
  }
  async getJob(id: string): Promise<JobDetail> {
    this.#record('getJob', [id]);
    const job = this.jobs.get(id)!;
    return {
      job,
      lessons: Array.from({ length: job.lessonsTotal }, (_, i) => ({ number: i + 1, title: `Lesson title ${i + 1}`, state: i < job.lessonsDone ? 'done' : 'waiting' })),
      log: [{ at: '2026-01-01T10:00:00.000Z', level: 'info', message: 'queued from test' }],
      ...(this.batches.has(id) ? { batches: this.batches.get(id)! } : {}),
    };
  }
  async addSpecPaths(paths: string[]) {
    this.#record('addSpecPaths', [paths]);
    return this.addResults(paths);
  }
  async addSpecContents(files: SpecFileContent[]) {
    this.#record('addSpecContents', [files]);
    return this.addResults(files);
  }
  async addExample() {
    this.#record('addExample', []);
    return [];
  }
  async validateSpec() {
    return { ok: true, problems: [] };
  }
  async cancelJob(id: string) {
    this.#record('cancelJob', [id]);
    const job = { ...this.jobs.get(id)!, state: 'cancelled' as const };
    this.jobs.set(id, job);
    return job;
  }
  async retryJob(id: string) {
    this.#record('retryJob', [id]);
    const job = { ...this.jobs.get(id)!, state: 'queued' as const };
    this.jobs.set(id, job);
    return job;
  }
  async removeJob(id: string) {
    this.#record('removeJob', [id]);
  }
  async revealOutput(id: string) {
    this.#record('revealOutput', [id]);
  }
  async openOutput(id: string) {
    this.#record('openOutput', [id]);
  }
  async listSchedules() {
    this.#record('listSchedules', []);
    return [...this.schedules.values()];
  }
  async addSchedule(draft: ScheduleDraft) {
    this.#record('addSchedule', [draft]);
    const view: ScheduleView = {
      name: draft.name,
      ...(draft.cron ? { cron: draft.cron } : {}),
      timeZone: draft.timeZone || 'Europe/Berlin',
      onChange: draft.onChange ?? false,
      ...(draft.folder ? { folder: draft.folder } : {}),
      specFiles: draft.specFiles ?? [],
      onlyChanged: draft.onlyChanged ?? false,
      catchUp: draft.catchUp ?? true,
      enabled: draft.enabled ?? true,
      createdAt: new Date().toISOString(),
      description: draft.onChange ? 'When a spec in the folder is added or changed' : describeCron(draft.cron ?? ''),
      ...(draft.onChange ? {} : { nextRunAt: '2026-12-01T01:00:00.000Z' }),
    };
    this.schedules.set(view.name, view);
    return view;
  }
  async updateSchedule(name: string, draft: ScheduleDraft) {
    this.#record('updateSchedule', [name, draft]);
    this.schedules.delete(name);
    return this.addSchedule(draft);
  }
  async setScheduleEnabled(name: string, enabled: boolean) {
    this.#record('setScheduleEnabled', [name, enabled]);
    const view = { ...this.schedules.get(name)!, enabled };
    this.schedules.set(name, view);
    return view;
  }
  async removeSchedule(name: string) {
    this.#record('removeSchedule', [name]);
    this.schedules.delete(name);
  }
  async runScheduleNow(name: string) {
    this.#record('runScheduleNow', [name]);
    const run = this.nextRun(name);
    this.runs.set(name, [run, ...(this.runs.get(name) ?? [])]);
    this.schedules.set(name, { ...this.schedules.get(name)!, lastRunAt: run.at, lastRun: run });
    return run;
  }
  async getScheduleHistory(name: string) {
    this.#record('getScheduleHistory', [name]);
    return this.runs.get(name) ?? [];
  }
  async previewSchedule(draft: ScheduleDraft) {
    this.#record('previewSchedule', [draft]);
    return this.preview(draft);
  }
  async getQueuePause() {
    return this.pause;
  }
  async pauseQueue(untilIso?: string) {
    this.#record('pauseQueue', untilIso === undefined ? [] : [untilIso]);
    this.pause = { pausedAt: new Date().toISOString(), ...(untilIso ? { pausedUntil: untilIso } : {}) };
    return this.pause;
  }
  async resumeQueue() {
    this.#record('resumeQueue', []);
    this.pause = null;
  }
  /** What getCourse answers, by job id (a missing one fails as the service does). */
  courses = new Map<string, CourseDetail>();
  /** What exportCourse answers; default: written into the course's exports/ folder. */
  exportAnswer: (jobId: string, format: CourseExportFormat) => Promise<ExportCourseResult> = async (_id, format) => ({ format, path: `/Users/ana/Documents/FluentPro/course/exports/course.${format}` });
  async getCourse(jobId: string): Promise<CourseDetail> {
    this.#record('getCourse', [jobId]);
    const detail = this.courses.get(jobId);
    if (!detail) throw Object.assign(new Error(`job ${jobId} has no finished course yet`), { code: 'NO_OUTPUT' });
    return detail;
  }
  async exportCourse(jobId: string, format: CourseExportFormat, options?: ExportCourseOptions) {
    this.#record('exportCourse', options === undefined ? [jobId, format] : [jobId, format, options]);
    return this.exportAnswer(jobId, format);
  }
  /** Earlier versions of each lesson, newest first, by `${jobId}/${lessonNumber}`, with the lesson they hold. */
  history = new Map<string, { version: LessonVersionView; lesson: LessonView }[]>();
  /** When set, editLesson refuses as the service does (INVALID_LESSON_EDIT naming the field). */
  editRefusal: { field: string; message: string } | undefined;
  async regenerateLesson(jobId: string, lessonNumber: number, note?: string) {
    this.#record('regenerateLesson', note === undefined ? [jobId, lessonNumber] : [jobId, lessonNumber, note]);
    const course = this.jobs.get(jobId);
    const job = fakeJob({ kind: 'lesson', lessonNumber, ...(note ? { note } : {}), title: `Regenerate lesson ${lessonNumber} of ${course?.title ?? 'a course'}`, lessonsTotal: 1, specPath: course?.outputPath ?? '/out/course' });
    this.jobs.set(job.id, job);
    return job;
  }
  async editLesson(jobId: string, lessonNumber: number, patch: LessonPatchView): Promise<LessonChangeView> {
    this.#record('editLesson', [jobId, lessonNumber, patch]);
    if (this.editRefusal) throw { name: 'InvalidLessonEditError', message: this.editRefusal.message, code: 'INVALID_LESSON_EDIT', field: this.editRefusal.field };
    return this.#replace(jobId, lessonNumber, (lesson) => ({ ...lesson, ...patch }), 'edit');
  }
  async undoLesson(jobId: string, lessonNumber: number): Promise<LessonChangeView> {
    this.#record('undoLesson', [jobId, lessonNumber]);
    const [newest, ...rest] = this.history.get(`${jobId}/${lessonNumber}`) ?? [];
    if (!newest) throw { name: 'NothingToUndoError', message: `lesson ${lessonNumber} has no earlier version: nothing to undo`, code: 'NOTHING_TO_UNDO' };
    const change = this.#replace(jobId, lessonNumber, () => newest.lesson, 'undo');
    this.history.set(`${jobId}/${lessonNumber}`, rest);
    return { ...change, undoable: rest.length };
  }
  async getLessonHistory(jobId: string, lessonNumber: number) {
    this.#record('getLessonHistory', [jobId, lessonNumber]);
    return (this.history.get(`${jobId}/${lessonNumber}`) ?? []).map((h) => h.version);
  }
  /** Replaces a lesson of a known course; an edit keeps the old version in `history`. */
  #replace(jobId: string, lessonNumber: number, change: (lesson: LessonView) => LessonView, reason: string): LessonChangeView {
    const detail = this.courses.get(jobId)!;
    const old = detail.course.lessons.find((l) => l.number === lessonNumber)!;
    const updated: CourseDetail = { ...detail, course: { ...detail.course, lessons: detail.course.lessons.map((l) => (l.number === lessonNumber ? change(l) : l)) } };
    this.courses.set(jobId, updated);
    const key = `${jobId}/${lessonNumber}`;
    if (reason !== 'undo') this.history.set(key, [{ version: { id: `v${Date.now()}`, replacedAt: new Date().toISOString(), reason, title: old.title, summary: old.summary }, lesson: old }, ...(this.history.get(key) ?? [])]);
    return { lessonNumber, reason, changed: true, undoable: this.history.get(key)?.length ?? 0, detail: updated };
  }
  async getSettings() {
    return this.settings;
  }
  async listModels(baseURL?: string) {
    this.#record('listModels', baseURL === undefined ? [] : [baseURL]);
    if ('error' in this.models) throw new Error(this.models.error);
    return { models: this.models };
  }
  async setSettings(patch: SettingsPatch) {
    this.#record('setSettings', [patch]);
    const { apiKey, ...rest } = patch;
    this.settings = { ...this.settings, ...rest, hasApiKey: apiKey === undefined ? this.settings.hasApiKey : apiKey !== null };
    return this.settings;
  }
}
