import type { JobLogLine, JobSummary } from './jobs.js';

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
  /** The host can show a folder in Finder / open files (false in a remote browser). */
  canRevealFiles: boolean;
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
}

export interface SpecFileContent {
  name: string;
  content: string;
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
}

export type ApiMethod = keyof FluentProApi;

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
}

/** window.fluentpro: the API plus event subscription. Nothing else crosses the bridge. */
export interface FluentProBridge extends FluentProApi {
  on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
  /** The path of a dropped File (Electron's webUtils.getPathForFile); '' where there is none. */
  pathForFile(file: File): string;
}

/** An error as it crosses a process or network boundary: recognised by name/code, not instanceof. */
export interface ApiError {
  name: string;
  message: string;
  code: string;
}

export const IPC_PREFIX = 'fluentpro:';
export const IPC_EVENT_CHANNEL = 'fluentpro:event';

/** Every event, for transports that list them (the preload, SSE). */
export const API_EVENTS = ['jobsChanged', 'jobsRemoved', 'specsAdded'] as const satisfies readonly (keyof ApiEvents)[];
