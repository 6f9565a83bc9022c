import type { CourseView, LessonView } from './course-html/course-view.js';
import type { BatchView, JobLogLine, JobSummary } from './jobs.js';
import type { QueuePauseView, ScheduleDraft, SchedulePreview, ScheduleRunView, ScheduleView } from './schedules.js';

// The one API the renderer can call. Electron IPC (preload → main) and HTTP + SSE
// (`fluentpro serve`) both carry exactly this, and both dispatch into the same core service.

export interface SpecProblemView {
  path: string;
  message: string;
  hint?: string;
  line?: number;
  column?: number;
}

export type AddSpecResult =
  | { name: string; ok: true; job: JobSummary; reused: boolean }
  | { name: string; ok: false; problems: SpecProblemView[] };

export type LessonState = 'waiting' | 'done' | 'failed';

export interface JobDetail {
  job: JobSummary;
  /** One entry per lesson, in order; titles are known once the outline is done. */
  lessons: { number: number; title?: string; state: LessonState }[];
  log: JobLogLine[];
  /** The finished course's quality report; absent until the course is written, or when its course.json cannot be read. */
  quality?: QualityView;
  /** A batch-mode job's batches at the provider, newest first. */
  batches?: BatchView[];
}

/**
 * A course's quality report as the renderer sees it. The same shape as QualityReport in
 * electron/core/quality (which this layer may not import); core asserts that it fits.
 */
export interface QualityView {
  /** True when no finding has severity `fail`. */
  holds: boolean;
  metrics: {
    /** Share of lessons' new terms that their own practice uses, 0–100. */
    coveragePct: number;
    /** Share of lessons after the first that reuse an earlier lesson's term, 0–100. */
    recyclingPct: number;
    duplicateTerms: number;
    invalidQuizAnswers: number;
    emptySections: number;
    /** Estimated minutes per lesson, in lesson order. */
    estimatedMinutes: number[];
  };
  /** Problems (`fail`) and advice (`warn`); each message names its lesson. */
  findings: { rule: string; severity: 'fail' | 'warn'; lesson?: number; message: string }[];
  /** What the program changed in the model's answers instead of failing the course. */
  repairs: { kind: string; lesson?: number; where: string; detail: string }[];
}

/** What the renderer may know of the settings: whether a key is set, never the key. */
export interface AppSettings {
  provider: 'openai' | 'demo';
  model: string;
  baseURL: string;
  hasApiKey: boolean;
  /** Where the key lives: the macOS Keychain (app), or only this process's memory (serve). */
  apiKeyStorage: 'keychain' | 'memory' | 'environment';
  concurrency: number;
  lessonConcurrency: number;
  maxInFlightRequests: number;
  outDir: string;
  /** A native notification when a course or a scheduled batch finishes or fails (the app). Default true. */
  notifications: boolean;
  /** The provider's requests per minute, set by hand for servers that send no x-ratelimit headers; null: unknown. */
  rpm: number | null;
  /** The provider's tokens per minute, likewise. */
  tpm: number | null;
  /** Scheduled runs queue batch-mode jobs: the provider's Batch API, half price, ready within 24 h. Default false. */
  scheduledBatch: boolean;
  /**
   * The speech engine that gives new courses their audio: macOS voices, OpenAI's speech (the
   * provider's key and server), espeak-ng, or none. Default macos on a Mac, espeak-ng elsewhere
   * when it is installed, else none.
   */
  speech: 'macos' | 'openai' | 'espeak-ng' | 'none';
  /** The host can show a folder in Finder / open files (false in a remote browser). */
  canRevealFiles: boolean;
  /**
   * Why macOS refused to show FluentPro's notifications (an unsigned build, or notifications off in
   * System Settings), as the system said it; absent while they show, and where there are none (serve).
   * Set by the app, which shows missed notices beside its menu bar icon instead.
   */
  notificationProblem?: string;
}

export interface SettingsPatch {
  provider?: 'openai' | 'demo';
  model?: string;
  baseURL?: string;
  /** A new key; null removes the stored key. */
  apiKey?: string | null;
  concurrency?: number;
  lessonConcurrency?: number;
  maxInFlightRequests?: number;
  outDir?: string;
  notifications?: boolean;
  /** null clears a limit set by hand. */
  rpm?: number | null;
  tpm?: number | null;
  scheduledBatch?: boolean;
  speech?: AppSettings['speech'];
}

export interface SpecFileContent {
  name: string;
  content: string;
}

/** The export formats of a course, as the viewer's Export menu lists them (core's EXPORT_FORMATS has the same ids). */
export const COURSE_EXPORT_FORMATS = [
  { id: 'anki', label: 'Anki deck (.apkg)' },
  { id: 'html', label: 'Printable web page (.html)' },
  { id: 'pdf', label: 'PDF handout (.pdf)' },
  { id: 'scorm', label: 'SCORM 1.2 package (.zip)' },
  { id: 'gift', label: 'Moodle question bank, GIFT (.gift.txt)' },
  { id: 'moodle-xml', label: 'Moodle question bank, Moodle XML (.xml)' },
] as const;

export type CourseExportFormat = (typeof COURSE_EXPORT_FORMATS)[number]['id'];

/** A finished course as the viewer reads it: course.json's content and its quality report. */
export interface CourseDetail {
  jobId: string;
  course: CourseView;
  /** The checks run on the course as it is now; absent only when they cannot be run. */
  quality?: QualityView;
  /**
   * The course's clips (audio/clips.json, those on disk that still speak the text): JSON Pointer
   * into course.json ("/lessons/0/vocabulary/2/term") → clip file name, played through
   * FluentProBridge.clipUrl. Absent for a course without audio.
   */
  clips?: Record<string, string>;
}

export interface ExportCourseOptions {
  /** Paper for `pdf`: A4 (default) or Letter. */
  pageSize?: 'A4' | 'Letter';
}

/** Where an export went: `path` is null when the person cancelled the save dialog. */
export interface ExportCourseResult {
  format: CourseExportFormat;
  path: string | null;
}

/**
 * A person's edit of a lesson: the fields given replace the lesson's (a section as a whole).
 * Checked with the course's lesson schema; a refusal is INVALID_LESSON_EDIT with its `field`.
 */
export type LessonPatchView = Partial<Pick<LessonView, 'title' | 'summary' | 'goals' | 'grammarPoint' | 'vocabulary' | 'dialogue' | 'grammar' | 'exercises' | 'quiz'>>;

/** What an edit or an undo did, and the course as it is now (for the viewer to show). */
export interface LessonChangeView {
  lessonNumber: number;
  /** "edit" or "undo". */
  reason: string;
  /** False when the edit changed nothing: nothing was written. */
  changed: boolean;
  /** Earlier versions of the lesson left to undo to. */
  undoable: number;
  detail: CourseDetail;
}

/** One earlier version of a lesson, newest first in getLessonHistory (undo brings back the first). */
export interface LessonVersionView {
  /** Stable name of the version (its file name in history/). */
  id: string;
  /** When this version was replaced (ISO 8601). */
  replacedAt: string;
  /** What replaced it: "regenerate" or "edit". */
  reason: string;
  /** The note of the regeneration that replaced it, if any. */
  note?: string;
  title: string;
  summary: string;
}

export interface FluentProApi {
  listJobs(): Promise<JobSummary[]>;
  getJob(id: string): Promise<JobDetail>;
  /** Spec files by path (Finder drops, the open dialog, the Dock). */
  addSpecPaths(paths: string[]): Promise<AddSpecResult[]>;
  /** Spec files by content (a browser drop, where there is no path). */
  addSpecContents(files: SpecFileContent[]): Promise<AddSpecResult[]>;
  /** Queues one of the bundled example specs, for a first run. */
  addExample(): Promise<AddSpecResult[]>;
  validateSpec(file: SpecFileContent): Promise<{ ok: boolean; problems: SpecProblemView[] }>;
  cancelJob(id: string): Promise<JobSummary>;
  retryJob(id: string): Promise<JobSummary>;
  removeJob(id: string): Promise<void>;
  revealOutput(id: string): Promise<void>;
  openOutput(id: string): Promise<void>;
  getSettings(): Promise<AppSettings>;
  setSettings(patch: SettingsPatch): Promise<AppSettings>;
  /** The models an OpenAI-compatible server lists at /v1/models (Settings' model picker); `baseURL` '' or absent: the saved one. */
  listModels(baseURL?: string): Promise<{ models: string[] }>;
  /** Every schedule with its next run and what its last run did, by name. */
  listSchedules(): Promise<ScheduleView[]>;
  /** Checks and saves a new schedule; a ScheduleError's code names the field (SCHEDULE_ERROR_FIELDS). */
  addSchedule(draft: ScheduleDraft): Promise<ScheduleView>;
  /** Replaces a schedule's timing and source (its history stays); `draft.name` may rename it. */
  updateSchedule(name: string, draft: ScheduleDraft): Promise<ScheduleView>;
  setScheduleEnabled(name: string, enabled: boolean): Promise<ScheduleView>;
  /** Removes a schedule and its history; the jobs it queued stay. */
  removeSchedule(name: string): Promise<void>;
  /** Fires a schedule now, enabled or not; returns what the run queued. */
  runScheduleNow(name: string): Promise<ScheduleRunView>;
  /** A schedule's runs, newest first. */
  getScheduleHistory(name: string): Promise<ScheduleRunView[]>;
  /** What a draft would do, for the form's live preview: its description, next runs and every problem by field. */
  previewSchedule(draft: ScheduleDraft): Promise<SchedulePreview>;
  /** The pause in force, or null when the queue runs. */
  getQueuePause(): Promise<QueuePauseView | null>;
  /** Pauses the queue until a time (ISO, in the future), or until resumed. */
  pauseQueue(untilIso?: string): Promise<QueuePauseView>;
  resumeQueue(): Promise<void>;
  /** A succeeded job's course, for the viewer; NO_OUTPUT before it succeeded, NOT_A_COURSE when its course.json is gone or broken. */
  getCourse(jobId: string): Promise<CourseDetail>;
  /** Writes one export of a succeeded job's course where the host says (the app: a save dialog; serve: the course's exports/ folder). */
  exportCourse(jobId: string, format: CourseExportFormat, options?: ExportCourseOptions): Promise<ExportCourseResult>;
  /** Queues one lesson of a succeeded job's course to be written again (optionally with a note, at most 1000 characters), with the current settings; returns the queued (or identical running) job. */
  regenerateLesson(jobId: string, lessonNumber: number, note?: string): Promise<JobSummary>;
  /** Saves a person's edit of a lesson; INVALID_LESSON_EDIT (with `field`) when the schema refuses it, COURSE_BUSY while another change is saved. */
  editLesson(jobId: string, lessonNumber: number, patch: LessonPatchView): Promise<LessonChangeView>;
  /** Brings back the lesson's previous version; NOTHING_TO_UNDO when there is none. */
  undoLesson(jobId: string, lessonNumber: number): Promise<LessonChangeView>;
  /** The lesson's earlier versions, newest first. */
  getLessonHistory(jobId: string, lessonNumber: number): Promise<LessonVersionView[]>;
}

export type ApiMethod = keyof FluentProApi;

export type { QueuePauseView, ScheduleDraft, SchedulePreview, ScheduleRunView, ScheduleView } from './schedules.js';

/** Every method, for transports that list them (IPC channel names, HTTP routes). */
export const API_METHODS = [
  'listJobs',
  'getJob',
  'addSpecPaths',
  'addSpecContents',
  'addExample',
  'validateSpec',
  'cancelJob',
  'retryJob',
  'removeJob',
  'revealOutput',
  'openOutput',
  'getSettings',
  'setSettings',
  'listModels',
  'listSchedules',
  'addSchedule',
  'updateSchedule',
  'setScheduleEnabled',
  'removeSchedule',
  'runScheduleNow',
  'getScheduleHistory',
  'previewSchedule',
  'getQueuePause',
  'pauseQueue',
  'resumeQueue',
  'getCourse',
  'exportCourse',
  'regenerateLesson',
  'editLesson',
  'undoLesson',
  'getLessonHistory',
] as const satisfies readonly ApiMethod[];

/** Events the renderer receives. */
export interface ApiEvents {
  /** Jobs whose summary changed (added, progressed, finished), batched at most ~10 times a second. */
  jobsChanged: JobSummary[];
  /** Jobs removed. */
  jobsRemoved: string[];
  /**
   * The results of specs added outside the page (Finder's Open With, the Dock, File › Add, a
   * second `open`), so the page shows the ones not added as it does for a drop. Sent when at
   * least one was not added; kept by the preload until the page listens.
   */
  specsAdded: AddSpecResult[];
  /** Every schedule, after one was added, changed, removed or ran. */
  schedulesChanged: ScheduleView[];
  /** The pause began, ended (null) or changed, from this window, the menu bar, the command or its time. */
  queuePauseChanged: QueuePauseView | null;
  /** The menu bar asks the window to show a page ("Schedules…"); kept by the preload until the page listens. */
  showPage: AppPage;
  /** File › Export… in the app: the page opens the Export menu of the course in view (or says to open one). */
  exportRequested: null;
  /** A lesson of these succeeded jobs' course changed (an edit, an undo, a regeneration that finished): an open viewer reads the course again. */
  courseChanged: CourseChangedEvent;
}

export interface CourseChangedEvent {
  /** The course jobs whose course folder it is. */
  jobIds: string[];
  lessonNumber: number;
  /** "edit", "undo" or "regenerate". */
  reason: string;
}

/** The window's pages. */
export type AppPage = 'jobs' | 'schedules';

/** window.fluentpro: the API plus event subscription. Nothing else crosses the bridge. */
export interface FluentProBridge extends FluentProApi {
  on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /** The path of a dropped File (Electron's webUtils.getPathForFile); '' where there is none. */
  pathForFile(file: File): string;
  /**
   * The URL an <audio> plays a clip of a course from (a file name from CourseDetail.clips): the
   * app's app://fluentpro/course-audio/…, serve's /api/course-audio/… with the page's token.
   */
  clipUrl(jobId: string, file: string): string;
}

/** An error as it crosses a process or network boundary: recognised by name/code, not instanceof. */
export interface ApiError {
  name: string;
  message: string;
  code: string;
  /** The field an INVALID_LESSON_EDIT refused ("vocabulary[2].translation"). */
  field?: string;
}

export const IPC_PREFIX = 'fluentpro:';
export const IPC_EVENT_CHANNEL = 'fluentpro:event';

/** Every event, for transports that list them (the preload, SSE). */
export const API_EVENTS = ['jobsChanged', 'jobsRemoved', 'specsAdded', 'schedulesChanged', 'queuePauseChanged', 'showPage', 'exportRequested', 'courseChanged'] as const satisfies readonly (keyof ApiEvents)[];
