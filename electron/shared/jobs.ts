import type { TokenUsage } from './job-events.js';

// The job contract every layer speaks: the store writes it, the CLI prints it, the renderer shows it.

export type ActiveState = 'queued' | 'running';
export type FinishedState = 'succeeded' | 'failed' | 'cancelled';
export type JobState = ActiveState | FinishedState;

export const JOB_STATES: readonly JobState[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
export const FINISHED_STATES: readonly FinishedState[] = ['succeeded', 'failed', 'cancelled'];

export function isFinished(state: JobState): state is FinishedState {
  return (FINISHED_STATES as readonly string[]).includes(state);
}

/** How a job is run, fixed when it is enqueued (the API key is never part of it). */
export interface JobSettings {
  provider: 'openai' | 'demo';
  model: string;
  baseURL?: string;
  lessonConcurrency: number;
  outDir: string;
  demoDelayMs: number;
  /** Attempts per LLM request. */
  maxRequestAttempts: number;
  requestTimeoutMs: number;
  /**
   * 'batch': the job's requests go through the provider's Batch API (half price, within 24 h),
   * run by `generate --batch` / `run` in the command's process (electron/cli/batch-jobs.ts).
   * Absent: live. Part of settings_json, so no migration, and a batch job and a live job of the
   * same spec are different jobs.
   */
  mode?: 'batch';
  /**
   * In batch mode, where a step's repairs (a part asked again, an answer sent back with its
   * problems) go: 'live' asks them at once at the live price instead of in another batch round
   * (`generate --batch-repairs live`). Absent: another batch.
   */
  batchRepairs?: 'live';
  /**
   * The speech step: the engine that speaks the course's terms, examples and lines into its
   * audio/ folder. Absent (jobs enqueued before speech existed) or engine 'none': no audio.
   */
  speech?: JobSpeechSettings;
}

/** How a job's audio is made (electron/core/speech). */
export interface JobSpeechSettings {
  engine: 'macos' | 'openai' | 'espeak-ng' | 'none';
  /** The narrator's voice; default the engine's first for the language. */
  voice?: string;
  /** 0.25–4; default 1. */
  speed?: number;
  /** openai: the speech model; default gpt-4o-mini-tts. */
  model?: string;
  /** openai: the speech server; default the chat provider's base URL. */
  baseURL?: string;
  /** Chosen for this run by a flag (`--speech`, `--no-audio`): wins over the spec's `speech:`, which wins over any other default. */
  explicit?: true;
}

/** What a job makes: a whole course from a spec, or one lesson of a finished course written again. */
export type JobKind = 'course' | 'lesson';

export interface JobSummary {
  /** Short and stable: 8 characters; any unique prefix names the job in the CLI. */
  id: string;
  title: string;
  language: string;
  level: string;
  specPath: string;
  state: JobState;
  /** Runs started (a crashed worker's job is run again, up to maxAttempts). */
  attempts: number;
  lessonsTotal: number;
  lessonsDone: number;
  outlineDone: boolean;
  provider: string;
  model: string;
  usage: TokenUsage;
  error?: string;
  outputPath?: string;
  cancelRequested: boolean;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  /**
   * While running: a request waits for the provider's rate limit until then (a 429's
   * retry-after). Compare with the clock: a time in the past means it is no longer waiting.
   */
  waitingUntil?: string;
  /** Why, in words ("429 from the provider"). */
  waitingReason?: string;
  /** 'lesson' for a job that regenerates one lesson (its title reads "Regenerate lesson 7 of <course>"); absent or 'course' otherwise. */
  kind?: JobKind;
  /** The lesson a 'lesson' job regenerates; its course folder is `specPath` (and `outputPath` once it succeeded). */
  lessonNumber?: number;
  /** The author's note for the regenerated lesson ("simpler dialogue"), if any. */
  note?: string;
  /** 'batch' for a job whose requests go through the provider's Batch API (JobSettings.mode). */
  mode?: 'batch';
  /** Of `usage`, what the Batch API answered: billed at half the live price (pricing.ts). */
  batchUsage?: TokenUsage;
  /** A queued batch-mode job that waits for its batches: its requests so far, how many are answered, and when the first went. */
  batchWait?: BatchWait;
}

export interface BatchWait {
  lines: number;
  answered: number;
  /** ISO time of its first batch's submission; absent before one is submitted. */
  firstSubmittedAt?: string;
}

/** One provider batch that holds or held a job's requests (the job's details). */
export interface BatchView {
  /** The provider's batch id (ours while it is being submitted). */
  id: string;
  /** Which round it carries ("plan", "lessons and repairs"). */
  round: string;
  /** The provider's state: validating, in_progress, finalizing, completed, failed, expired, cancelling, cancelled ('submitting' before the provider has it). */
  state: string;
  counts: { total: number; completed: number; failed: number };
  /** When it was submitted (ISO). */
  createdAt: string;
  completedAt?: string;
}

/** "waiting for the batch: 340 of 420 answered, submitted 02:00" (local time) for a queued batch-mode job; undefined otherwise. */
export function batchWaitNote(job: Pick<JobSummary, 'state' | 'mode' | 'batchWait'>): string | undefined {
  if (job.state !== 'queued' || job.mode !== 'batch') return undefined;
  const wait = job.batchWait;
  if (!wait || wait.lines === 0) return 'waiting for the batch: nothing submitted yet';
  return `waiting for the batch: ${wait.answered} of ${wait.lines} answered${wait.firstSubmittedAt ? `, submitted ${clockTime(Date.parse(wait.firstSubmittedAt))}` : ''}`;
}

/** "02:00", local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** "waiting for the rate limit, 12 s" while a job's request waits for the provider; undefined otherwise. */
export function rateLimitNote(job: Pick<JobSummary, 'state' | 'waitingUntil'>, now: number): string | undefined {
  if (job.state !== 'running' || !job.waitingUntil) return undefined;
  const left = Date.parse(job.waitingUntil) - now;
  return left > 0 ? `waiting for the rate limit, ${Math.max(1, Math.round(left / 1000))} s` : undefined;
}

export interface JobLogLine {
  at: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}
