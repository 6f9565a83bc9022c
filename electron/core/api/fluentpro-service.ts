import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { AddSpecResult, AppSettings, FluentProApi, JobDetail, QualityView, SettingsPatch, SpecFileContent, SpecProblemView } from '../../shared/api.js';
import type { JobSettings, JobSummary } from '../../shared/jobs.js';
import { DEFAULTS, defaultSpeech, toJobSettings, type EngineSettings } from '../config/settings.js';
import type { Orchestrator } from '../queue/orchestrator.js';
import { Emitter } from '../queue/emitter.js';
import { listServerModels } from '../providers/list-models.js';
import { qualityReportSchema, type QualityReport } from '../quality/quality-types.js';
import { enqueueSpecFiles } from '../queue/enqueue-spec-files.js';
import { parseSpecText } from '../spec/read-spec.js';
import { SpecError } from '../spec/spec-error.js';
import type { JobStore } from '../store/job-store.js';
import { batchViewsOfJob } from '../store/batch-mode-jobs.js';
import { SettingsStore } from '../store/settings-store.js';
import { CourseService } from './course-service.js';
import { EXPORTS_FOLDER_TARGET, type FileRevealer, type SaveTarget, type SecretStore } from './host-services.js';
import type { PdfPrinter } from '../export/export-format.js';
import type { CourseDetail, CourseExportFormat, ExportCourseOptions, ExportCourseResult } from '../../shared/api.js';
import { ScheduleService } from './schedule-service.js';
import { LessonChangeService } from './lesson-change-service.js';
import type { LessonChangeView, LessonPatchView, LessonVersionView } from '../../shared/api.js';
import type { QueuePauseView, ScheduleDraft, SchedulePreview, ScheduleRunView, ScheduleView } from '../../shared/schedules.js';

/** What is saved of the settings (everything in AppSettings that is not derived). */
type SavedSettings = Pick<AppSettings, 'provider' | 'model' | 'baseURL' | 'concurrency' | 'lessonConcurrency' | 'maxInFlightRequests' | 'outDir' | 'notifications' | 'rpm' | 'tpm' | 'scheduledBatch' | 'speech'>;

export interface ServiceOptions {
  store: JobStore;
  orchestrator: Orchestrator;
  secrets: SecretStore;
  files: FileRevealer;
  /** Where exports are saved. Default: the course's exports/ folder (serve, tests). */
  saveTarget?: SaveTarget;
  /** What prints PDF exports. Default: the system Chromium (the app passes webContents.printToPDF). */
  pdfPrinter?: PdfPrinter;
  /** Output folder until the user picks one (the app: ~/Documents/FluentPro). */
  defaultOutDir: string;
  /** Where the example specs are (the app's resources; the repository's examples/). */
  examplesDir: string;
  /** How often job changes are sent to windows at most. Default 100 ms (10 a second). */
  coalesceMs?: number;
  /** Options of the schedules (tests: clock, timers). */
  schedules?: Partial<Omit<ConstructorParameters<typeof ScheduleService>[0], 'store' | 'orchestrator'>>;
}

/** Error codes that cross the boundary as they are; anything else is reported as INTERNAL. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

/**
 * The API the renderer calls, in plain Node. The Electron main process and `fluentpro serve`
 * are only transports in front of it.
 */
export class FluentProService implements FluentProApi {
  readonly #store: JobStore;
  readonly #orchestrator: Orchestrator;
  readonly #secrets: SecretStore;
  readonly #files: FileRevealer;
  readonly #settings: SettingsStore<SavedSettings>;
  readonly #options: ServiceOptions;
  readonly #changed = new Set<string>();
  readonly #didChangeJobs = new Emitter<JobSummary[]>();
  readonly #didRemoveJobs = new Emitter<string[]>();
  #flushTimer: NodeJS.Timeout | undefined;
  /** Schedules and the queue pause; started and stopped by startAppCore. */
  readonly schedules: ScheduleService;
  /** Reading and exporting finished courses. */
  readonly courses: CourseService;
  /** Regenerating, editing and undoing a lesson of a finished course. */
  readonly lessons: LessonChangeService;

  /** Batches of changed jobs, at most one per `coalesceMs`. */
  readonly onDidChangeJobs = this.#didChangeJobs.on;
  readonly onDidRemoveJobs = this.#didRemoveJobs.on;

  constructor(options: ServiceOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#orchestrator = options.orchestrator;
    this.#secrets = options.secrets;
    this.#files = options.files;
    this.#settings = new SettingsStore(options.store.db);
    this.courses = new CourseService({ outputOf: (id) => this.#outputOf(id), saveTarget: options.saveTarget ?? EXPORTS_FOLDER_TARGET, ...(options.pdfPrinter ? { pdfPrinter: options.pdfPrinter } : {}) });
    this.lessons = new LessonChangeService({
      store: options.store,
      orchestrator: options.orchestrator,
      outputOf: (id) => this.#outputOf(id),
      getCourse: (id) => this.courses.getCourse(id),
      jobSettings: () => toJobSettings(this.#engineSettings()),
    });
    this.schedules = new ScheduleService({ store: options.store, orchestrator: options.orchestrator, defaultSettings: () => this.#scheduledJobSettings(), ...options.schedules });
    // Coalesced: a course with 60 lessons and 4 jobs running must not flood a window with events.
    this.#orchestrator.onDidChangeJob((job) => this.#queueChange(job.id));
    this.#applyRuntimeSettings();
  }

  /** A job changed outside the orchestrator (the batch poller): the views hear of it as of any other. */
  jobChanged(id: string): void {
    this.#queueChange(id);
  }

  dispose(): void {
    this.lessons.dispose();
    clearTimeout(this.#flushTimer);
  }

  async listJobs(): Promise<JobSummary[]> {
    return this.#store.list();
  }

  async getJob(id: string): Promise<JobDetail> {
    const job = this.#require(id);
    const checkpoints = this.#store.loadCheckpoints(id);
    const log = this.#store.logs(id);
    const failed = new Set(log.flatMap((l) => /^lesson (\d+) failed/.exec(l.message)?.[1] ?? []).map(Number));
    const plannedTitles = new Map([...checkpoints.outlineParts.values()].flatMap((part) => part.value.lessons.map((l) => [l.number, l.title] as const)));
    const lessons = Array.from({ length: job.lessonsTotal }, (_, i) => {
      const number = i + 1;
      const state = checkpoints.lessons.has(number) ? ('done' as const) : failed.has(number) && job.state !== 'running' ? ('failed' as const) : ('waiting' as const);
      return { number, title: checkpoints.lessons.get(number)?.value.title ?? plannedTitles.get(number), state };
    });
    const quality = job.state === 'succeeded' && job.outputPath ? await readCourseQuality(job.outputPath) : undefined;
    const batches = job.mode === 'batch' ? batchViewsOfJob(this.#store.db, id) : [];
    return { job, lessons, log, ...(quality ? { quality } : {}), ...(batches.length ? { batches } : {}) };
  }

  async addSpecPaths(paths: string[]): Promise<AddSpecResult[]> {
    const results = await enqueueSpecFiles(paths, (loaded) => this.#enqueue(loaded.spec, loaded.source, loaded.file));
    return results.map((r): AddSpecResult => (r.ok ? { name: basename(r.file), ok: true, ...r.queued! } : { name: basename(r.file), ok: false, problems: problemsOf(r.error) }));
  }

  async addSpecContents(files: SpecFileContent[]): Promise<AddSpecResult[]> {
    return files.map((file) => {
      const parsed = parseContent(file);
      return parsed.ok ? { name: file.name, ok: true, ...this.#enqueue(parsed.spec, file.content, file.name) } : { name: file.name, ok: false, problems: parsed.problems };
    });
  }

  async addExample(): Promise<AddSpecResult[]> {
    return this.addSpecPaths([join(this.#options.examplesDir, 'spanish-travel.course.yaml')]);
  }

  async validateSpec(file: SpecFileContent): Promise<{ ok: boolean; problems: SpecProblemView[] }> {
    const parsed = parseContent(file);
    return parsed.ok ? { ok: true, problems: [] } : { ok: false, problems: parsed.problems };
  }

  async cancelJob(id: string): Promise<JobSummary> {
    this.#require(id);
    return this.#orchestrator.cancel(id);
  }

  async retryJob(id: string): Promise<JobSummary> {
    this.#require(id);
    return this.#orchestrator.retry(id);
  }

  async removeJob(id: string): Promise<void> {
    this.#require(id);
    this.#store.remove(id);
    this.#changed.delete(id);
    this.#didRemoveJobs.fire([id]);
  }

  async revealOutput(id: string): Promise<void> {
    await this.#files.reveal(this.#outputOf(id));
  }

  async openOutput(id: string): Promise<void> {
    await this.#files.open(join(this.#outputOf(id), 'README.md'));
  }

  async getSettings(): Promise<AppSettings> {
    return this.#effectiveSettings();
  }

  /** Saves and applies at once: running jobs keep their settings, new ones take the new. */
  async setSettings(patch: SettingsPatch): Promise<AppSettings> {
    const { apiKey, ...rest } = patch;
    // The Keychain writes asynchronously: a key that cannot be kept is reported, not lost silently.
    if (apiKey !== undefined) await this.#secrets.set(apiKey);
    this.#settings.save(rest);
    this.#applyRuntimeSettings();
    return this.getSettings();
  }

  async listModels(baseURL?: string): Promise<{ models: string[] }> {
    try {
      return { models: await listServerModels({ baseURL: baseURL || this.#effectiveSettings().baseURL, apiKey: this.#secrets.get() }) };
    } catch (error) {
      throw new ServiceError(`could not list the server's models: ${(error as Error).message}`, 'SERVER_UNREACHABLE');
    }
  }

  listSchedules(): Promise<ScheduleView[]> {
    return this.schedules.listSchedules();
  }
  addSchedule(draft: ScheduleDraft): Promise<ScheduleView> {
    return this.schedules.addSchedule(draft);
  }
  updateSchedule(name: string, draft: ScheduleDraft): Promise<ScheduleView> {
    return this.schedules.updateSchedule(name, draft);
  }
  setScheduleEnabled(name: string, enabled: boolean): Promise<ScheduleView> {
    return this.schedules.setScheduleEnabled(name, enabled);
  }
  removeSchedule(name: string): Promise<void> {
    return this.schedules.removeSchedule(name);
  }
  runScheduleNow(name: string): Promise<ScheduleRunView> {
    return this.schedules.runScheduleNow(name);
  }
  getScheduleHistory(name: string): Promise<ScheduleRunView[]> {
    return this.schedules.getScheduleHistory(name);
  }
  previewSchedule(draft: ScheduleDraft): Promise<SchedulePreview> {
    return this.schedules.previewSchedule(draft);
  }
  getQueuePause(): Promise<QueuePauseView | null> {
    return this.schedules.getQueuePause();
  }
  pauseQueue(untilIso?: string): Promise<QueuePauseView> {
    return this.schedules.pauseQueue(untilIso);
  }
  resumeQueue(): Promise<void> {
    return this.schedules.resumeQueue();
  }
  getCourse(jobId: string): Promise<CourseDetail> {
    return this.courses.getCourse(jobId);
  }
  exportCourse(jobId: string, format: CourseExportFormat, options?: ExportCourseOptions): Promise<ExportCourseResult> {
    return this.courses.exportCourse(jobId, format, options);
  }
  regenerateLesson(jobId: string, lessonNumber: number, note?: string): Promise<JobSummary> {
    return this.lessons.regenerateLesson(jobId, lessonNumber, note);
  }
  editLesson(jobId: string, lessonNumber: number, patch: LessonPatchView): Promise<LessonChangeView> {
    return this.lessons.editLesson(jobId, lessonNumber, patch);
  }
  undoLesson(jobId: string, lessonNumber: number): Promise<LessonChangeView> {
    return this.lessons.undoLesson(jobId, lessonNumber);
  }
  getLessonHistory(jobId: string, lessonNumber: number): Promise<LessonVersionView[]> {
    return this.lessons.getLessonHistory(jobId, lessonNumber);
  }

  /** The saved settings over the defaults: the one place the defaults are applied. */
  #effectiveSettings(): AppSettings {
    const saved = this.#settings.load();
    // Whether a key is set, without asking the Keychain (no prompt just to draw Settings).
    const hasApiKey = this.#secrets.has?.() ?? Boolean(this.#secrets.get());
    return {
      provider: saved.provider ?? (hasApiKey ? 'openai' : 'demo'),
      model: saved.model ?? DEFAULTS.model,
      baseURL: saved.baseURL ?? '',
      hasApiKey,
      apiKeyStorage: this.#secrets.storage,
      concurrency: saved.concurrency ?? DEFAULTS.concurrency,
      lessonConcurrency: saved.lessonConcurrency ?? DEFAULTS.lessonConcurrency,
      maxInFlightRequests: saved.maxInFlightRequests ?? DEFAULTS.maxInFlightRequests,
      outDir: saved.outDir ?? this.#options.defaultOutDir,
      notifications: saved.notifications ?? true,
      rpm: saved.rpm ?? null,
      tpm: saved.tpm ?? null,
      scheduledBatch: saved.scheduledBatch ?? false,
      speech: saved.speech ?? speechFromEnv() ?? defaultSpeech(),
      canRevealFiles: this.#files.canRevealFiles,
    };
  }

  #applyRuntimeSettings(): void {
    const settings = this.#effectiveSettings();
    this.#orchestrator.concurrency = settings.concurrency;
    this.#orchestrator.gate.maxInFlight = settings.maxInFlightRequests;
    // Limits set by hand pace every job at once; the provider's own headers still win when lower.
    this.#orchestrator.gate.limits = { rpm: settings.rpm ?? undefined, tpm: settings.tpm ?? undefined };
  }

  #enqueue(spec: Parameters<JobStore['enqueue']>[0]['spec'], source: string, specPath: string): { job: JobSummary; reused: boolean } {
    return this.#orchestrator.enqueue({ spec, source, specPath, settings: toJobSettings(this.#engineSettings()) });
  }

  /** The settings a batch-mode job is worked with (the batch poller): the app's provider, with its key. */
  batchSettings(): EngineSettings {
    return { ...this.#engineSettings(), apiKey: this.#secrets.get() };
  }

  /** A scheduled job's settings: the app's, in batch mode when Settings says scheduled runs use the Batch API (never for the demo provider, which has none). */
  #scheduledJobSettings(): JobSettings {
    const settings = toJobSettings(this.#engineSettings());
    return this.#effectiveSettings().scheduledBatch && settings.provider !== 'demo' ? { ...settings, mode: 'batch' } : settings;
  }

  #engineSettings(): EngineSettings {
    const { provider, model, baseURL, concurrency, lessonConcurrency, maxInFlightRequests, outDir, speech } = this.#effectiveSettings();
    return {
      provider,
      model,
      baseURL: baseURL || undefined,
      concurrency,
      lessonConcurrency,
      maxInFlightRequests,
      outDir,
      demoDelayMs: DEFAULTS.demoDelayMs,
      maxAttempts: DEFAULTS.maxAttempts,
      requestTimeoutMs: DEFAULTS.requestTimeoutMs,
      speech: { engine: speech },
    };
  }

  #outputOf(id: string): string {
    const job = this.#require(id);
    if (job.state !== 'succeeded' || !job.outputPath) throw new ServiceError(`job ${id} has no finished course yet`, 'NO_OUTPUT');
    return job.outputPath;
  }

  #require(id: string): JobSummary {
    const job = this.#store.get(id);
    if (!job) throw new ServiceError(`no job ${id}`, 'JOB_NOT_FOUND');
    return job;
  }

  #queueChange(id: string): void {
    this.#changed.add(id);
    this.#flushTimer ??= setTimeout(() => {
      this.#flushTimer = undefined;
      const jobs = [...this.#changed].flatMap((jobId) => this.#store.get(jobId) ?? []);
      this.#changed.clear();
      if (jobs.length) this.#didChangeJobs.fire(jobs);
    }, this.#options.coalesceMs ?? 100);
  }
}

/** The renderer's copy of the report's shape must accept every report core makes. */
const toQualityView = (report: QualityReport): QualityView => report;

/**
 * The quality report recorded in a finished course's course.json. The details view is only
 * a window on it: a course moved, deleted, edited into invalid JSON or written before reports
 * existed shows no quality section rather than an error.
 */
async function readCourseQuality(outputPath: string): Promise<QualityView | undefined> {
  try {
    const course = JSON.parse(await readFile(join(outputPath, 'course.json'), 'utf8')) as { quality?: unknown } | null;
    const parsed = qualityReportSchema.safeParse(course?.quality);
    return parsed.success ? toQualityView(parsed.data) : undefined;
  } catch {
    return undefined;
  }
}

function parseContent(file: SpecFileContent): { ok: true; spec: ReturnType<typeof parseSpecText> } | { ok: false; problems: SpecProblemView[] } {
  const ext = extname(file.name).toLowerCase();
  if (!['.yaml', '.yml', '.json'].includes(ext)) {
    return { ok: false, problems: [{ path: '', message: `the file is not a course spec (it ends in "${ext || 'nothing'}")`, hint: 'drop .course.yaml, .course.yml or .course.json files' }] };
  }
  try {
    return { ok: true, spec: parseSpecText(file.content.replace(/^\uFEFF/, ''), file.name) };
  } catch (error) {
    if (error instanceof SpecError) return { ok: false, problems: problemsOf(error) };
    throw error;
  }
}

function problemsOf(error: SpecError): SpecProblemView[] {
  return error.problems.map((p) => ({ ...p }));
}

/** $FLUENTPRO_SPEECH, when it names an engine: the default before the Settings choose one. */
function speechFromEnv(): AppSettings['speech'] | undefined {
  const named = process.env.FLUENTPRO_SPEECH?.trim();
  return named === 'macos' || named === 'openai' || named === 'espeak-ng' || named === 'none' ? named : undefined;
}
