import { createHash } from 'node:crypto';
import { ProviderError, type LlmAnswer, type LlmProvider, type LlmRequest, type LlmTask } from '../providers/provider.js';
import { batchRequest, type BatchRequest } from './batch-line.js';
import type { BatchStore } from './batch-store.js';
import { partName } from './rounds.js';

/** The step has no answer yet: its request waits in the batch store for the next round. Not a failure. */
export class AwaitingBatchError extends Error {
  readonly code = 'AWAITING_BATCH';
  constructor(readonly customId: string) {
    super(`waiting for the batch (${customId})`);
    this.name = this.constructor.name;
  }
}

/** A step's key in a batch line: the names rounds.ts plans by. */
export function stepKeyOfTask(task: LlmTask): string {
  switch (task.kind) {
    case 'outline-part':
      return `outline-part:${task.range.from}`;
    case 'new-terms':
      return `terms:${task.lesson.number}`;
    case 'lesson':
      return `lesson:${task.plan.number}`;
    case 'lesson-part':
      return `lesson:${task.plan.number}/part:${partName(task.part)}`;
  }
}

/**
 * The provider a batch-mode job runs its unchanged workflow with. Each request is a line named by
 * job, step and a hash of its body: one the store has an answer for gets that answer, which then
 * goes through the same checks, accept / repair path, drafts and checkpoints as a live one; any
 * other is added to the store and the step stops with AwaitingBatchError, until the job is run
 * again when answers arrive. The body's hash tells a request sent back with its problems (same
 * step, more messages) from the first ask.
 */
export class BatchLineProvider implements LlmProvider {
  readonly name = 'openai' as const;
  readonly demo = false;
  /** Requests of this run that wait for a batch: any, and the run's failures are waiting, not failing. */
  readonly awaiting: string[] = [];
  /** How often this run asked each body: a repeat is a new line (live, it would be a new sample). */
  readonly #asked = new Map<string, number>();

  constructor(
    readonly jobId: string,
    readonly model: string,
    readonly store: BatchStore,
    /** Asks the lines the driver marked 'live' (no Batch API, a request over the queue limit). */
    readonly live?: LlmProvider,
  ) {}

  async complete(request: LlmRequest): Promise<LlmAnswer> {
    const first = lineFor(this.jobId, this.model, request);
    // A step that asks the same body again (a part whose problem reads the same) must not get the
    // same stored answer back: the n-th ask in a run is its own line. Runs replay in the same
    // order, so the n-th ask finds the n-th answer.
    const n = this.#asked.get(first.customId) ?? 0;
    this.#asked.set(first.customId, n + 1);
    const line = n ? { ...first, customId: `${first.customId}~${n}` } : first;
    const stored = this.store.line(line.customId);
    if (stored?.answer) return stored.answer;
    if (stored?.state === 'failed') throw new ProviderError(`the provider refused the batch request: ${stored.error ?? 'no reason given'}`, 'client');
    if (stored?.state === 'live') {
      if (!this.live) throw new ProviderError(`this request must be asked live (${stored.error ?? 'no reason given'}), and the run has no live provider`, 'client');
      const answer = await this.live.complete(request);
      this.store.recordLiveAnswer(line.customId, answer);
      return answer;
    }
    if (!stored) this.store.addLines([line]);
    this.awaiting.push(line.customId);
    throw new AwaitingBatchError(line.customId);
  }
}

/** The request's batch line: `<job>/<step>#<12 hex of the body's sha256>` (a repeat in the same run adds `~n`). */
export function lineFor(jobId: string, model: string, request: Pick<LlmRequest, 'task' | 'messages' | 'format'>): BatchRequest {
  const draft = batchRequest(jobId, 'x', model, request);
  const hash = createHash('sha256').update(JSON.stringify(draft.body)).digest('hex').slice(0, 12);
  return { ...draft, customId: `${jobId}/${stepKeyOfTask(request.task)}#${hash}` };
}
