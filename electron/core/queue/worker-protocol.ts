import type { Outcome } from '../pacing/admission.js';
import type { AnswerRoomRequest } from '../pacing/answer-sizes.js';
import type { LessonContent, OutlinePart, Usage } from '../course/course-schema.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import type { LessonTarget } from '../store/lesson-jobs.js';
import type { StepDone, WorkflowEvent } from '../workflow/generate-course.js';
import { stepKeyOf, type StepAnswer } from '../workflow/step-answer.js';
import type { JobSettings } from '../../shared/jobs.js';

// Messages between the orchestrator and a worker process. Plain JSON only: they cross a process
// boundary (Node IPC, or Electron's MessagePort for a utilityProcess). Bump the version when a
// shape changes; a worker of another version is refused at start.

// 3: permit-request carries the request's tokens; permit-release its outcome and x-ratelimit-*
//    headers; rate-limit-wait and provider-stop are new.
// 4: start-job carries `target` for a job that regenerates one lesson of a finished course.
// 5: checkpoints carry drafts of unfinished steps, start-job the usage paid before; step-draft /
//    draft-saved save what arrived of an unfinished step; request-answered counts every answer;
//    load-failed: the worker's bootstrap could not load or start the worker (sent instead of ready).
//    permit-request may carry `answer` (the room is then the admission's, learned from answers),
//    permit-granted the room given, permit-release the answer's completion tokens and whether it was cut off.
// 6: a workflow-event may be a speech-note (the speech step, for the job's log); settings may carry `speech`.
export const WORKER_PROTOCOL_VERSION = 6;

/** How often a worker says it is alive, busy or not. */
export const WORKER_HEARTBEAT_MS = 1000;

export interface SerializedCheckpoints {
  outlineParts: [number, StepAnswer<OutlinePart>][];
  lessons: [number, StepAnswer<LessonContent>][];
  /** What had arrived of unfinished steps, by step key. */
  drafts?: [string, unknown][];
}

export type ToWorker =
  | {
      type: 'start-job';
      jobId: string;
      attempt: number;
      spec: CourseSpec;
      settings: JobSettings;
      /** Held in the worker's memory only; never logged. */
      apiKey?: string;
      checkpoints: SerializedCheckpoints;
      /** Lower goes first when request permits are scarce. */
      priority: number;
      /** Write this lesson of a finished course again instead of a whole course from `spec`. */
      target?: LessonTarget;
      /** What earlier runs of the job paid, every answer counted: the course's usage starts from it. */
      usageBefore?: Usage;
    }
  /** `maxCompletionTokens`: the room the admission gave the answer, when the request asked for it. */
  | { type: 'permit-granted'; requestId: number; maxCompletionTokens?: number }
  | { type: 'step-saved'; stepKey: string }
  | { type: 'draft-saved'; saveId: number }
  | { type: 'cancel-job'; jobId: string }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready'; protocol: number; pid: number }
  /** Instead of ready: the worker's modules did not load, or it could not start; the process exits next. */
  | { type: 'load-failed'; reason: string }
  | { type: 'heartbeat'; rss: number }
  /**
   * `tokens`: what the provider will charge the request (prompt estimate plus `max_completion_tokens`);
   * with `answer`, the prompt's estimate, and the admission adds the room it gives.
   */
  | { type: 'permit-request'; requestId: number; priority: number; tokens?: number; answer?: AnswerRoomRequest }
  /** The request was cancelled while waiting: forget it. */
  | { type: 'permit-abandon'; requestId: number }
  /** How the request went, for the shared admission: `headers` holds the answer's `x-ratelimit-*` values. */
  | { type: 'permit-release'; requestId: number; outcome?: Outcome; actualTokens?: number; headers?: Record<string, string>; completionTokens?: number; cutOff?: boolean }
  | { type: 'cool-down'; ms: number }
  | { type: 'workflow-event'; jobId: string; event: Exclude<WorkflowEvent, { type: 'step-done' }> }
  /** A request of the job waits `ms` for the provider's rate limit (for the job's log). */
  | { type: 'rate-limit-wait'; jobId: string; ms: number; reason: string }
  /** The provider refused in a way that stops every job (no credit left): `reason` says so in plain words. */
  | { type: 'provider-stop'; jobId: string; reason: string }
  /** Acknowledged by step-saved once the checkpoint is committed: only then does it count. */
  | { type: 'step-done'; jobId: string; stepKey: string; done: StepDone }
  /** What has arrived of an unfinished step, to be saved at once; acknowledged by draft-saved with the same saveId. */
  | { type: 'step-draft'; jobId: string; saveId: number; stepKey: string; draft: unknown }
  /** An answer the provider sent (usable or not), counted against the job as it arrives. */
  | { type: 'request-answered'; jobId: string; usage: Usage }
  | { type: 'job-succeeded'; jobId: string; outputPath: string; usage: Usage }
  | { type: 'job-failed'; jobId: string; reason: string }
  | { type: 'job-cancelled'; jobId: string };

export function stepKey(done: StepDone): string {
  return stepKeyOf(done);
}
