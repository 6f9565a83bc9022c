import type { JobStore } from '../store/job-store.js';
import type { BareJobEvent } from './followed-job-events.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** A worker's message about what arrived of its job: an answer, a draft of a step, a finished step. */
export type ProgressMessage = Extract<FromWorker, { type: 'request-answered' | 'step-draft' | 'step-done' }>;

export function isProgressMessage(message: FromWorker): message is ProgressMessage {
  return message.type === 'request-answered' || message.type === 'step-draft' || message.type === 'step-done';
}

/**
 * Records what arrived of a job, committed first and acknowledged second: a step or draft the
 * worker counts as saved is always on disk, and every answer is charged to the job as it comes.
 * Returns the event to tell (a finished step), if any. Throws what the store throws (a full disk).
 */
export function recordProgress(store: JobStore, jobId: string, message: ProgressMessage, reply: (message: ToWorker) => void): BareJobEvent | undefined {
  switch (message.type) {
    case 'request-answered':
      store.countAnswered(jobId, message.usage);
      return undefined;
    case 'step-draft':
      store.saveDraft(jobId, message.stepKey, message.draft);
      reply({ type: 'draft-saved', saveId: message.saveId });
      return undefined;
    case 'step-done': {
      store.saveCheckpoint(jobId, message.done);
      reply({ type: 'step-saved', stepKey: message.stepKey });
      if (message.done.step === 'outline-part') return message.done.from === 1 ? { type: 'outline-done' } : undefined;
      const job = store.get(jobId)!;
      return { type: 'lesson-done', lessonNumber: message.done.lessonNumber, lessonsDone: job.lessonsDone, lessonsTotal: job.lessonsTotal };
    }
  }
}
