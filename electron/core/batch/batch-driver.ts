import { BatchTokenLimitError, BatchUnsupportedError, isFinished, onTokenLimit, type BatchClient } from './batch-client.js';
import { BATCH_METADATA_KEY, type BatchStore, type StoredLine } from './batch-store.js';
import { writeBatchFiles, type BatchFileLimits } from './jsonl-writer.js';

// One step of batch mode's durable loop, called on a timer by whoever runs jobs (the app,
// `run --watch`, `serve`) and on wake: finish submissions a crash interrupted, poll the batches
// that are due, read finished ones into the store, and submit the next round when none is open.
// Everything it knows is in SQLite, so a tick after a quit, a crash or a reboot just carries on.

/** `jobIds`: the jobs with lines in the batch (for their logs). */
export type DriverEvent =
  | { type: 'submitted'; batchId: string; providerBatchId: string; lines: number; round: string; jobIds: string[] }
  | { type: 'recovered'; batchId: string; found: boolean }
  /** A poll found the batch in a new, unfinished state (validating → in_progress → finalizing). */
  | { type: 'state-changed'; batchId: string; providerBatchId: string; state: string; counts: { total: number; completed: number; failed: number }; jobIds: string[] }
  | { type: 'finished'; batchId: string; providerBatchId: string; state: string; answered: number; again: number; jobIds: string[] }
  | { type: 'token-limited'; lines: number; decision: 'wait' | 'split' | 'live' }
  | { type: 'unsupported'; message: string };

export interface BatchDriverOptions {
  store: BatchStore;
  client: Pick<BatchClient, 'submit' | 'retrieve' | 'results' | 'findByMetadata' | 'cancel'>;
  /** Default Date.now. */
  now?: () => number;
  /**
   * The next round: which pending lines may go now, and its name. Default: all of them, "round".
   * The caller uses `nextRound` (rounds.ts) over its batch-mode jobs.
   */
  round?: (pending: StoredLine[]) => { name: string; lines: StoredLine[] };
  /** File limits (default the documented 50,000 lines and 200 MB). */
  limits?: Partial<BatchFileLimits>;
  /** Told of jobs that have new answers: re-queue them, so they replay with their answers. */
  onAnswered?: (jobIds: string[]) => void;
  /**
   * Told of lines the provider cannot take in a batch (no Batch API, one line over the queue
   * limit): they are marked 'live', and the caller re-queues their jobs to ask them live.
   */
  onLive?: (lines: StoredLine[], reason: string) => void;
  onEvent?: (event: DriverEvent) => void;
}

export class BatchDriver {
  readonly #o: BatchDriverOptions;
  /** Set after a token-limited batch that was alone: the next files are this many lines at most. */
  #maxLines: number | undefined;

  constructor(options: BatchDriverOptions) {
    this.#o = options;
  }

  /** One pass; safe to call at any time and from more than one process. */
  async tick(): Promise<void> {
    await this.#recover();
    await this.#poll();
    if (this.#o.store.openBatches().length === 0) await this.#submit();
  }

  /**
   * A cancelled job: its lines are dropped, and each batch left holding nothing else is cancelled
   * at the provider (a batch shared with other jobs runs on; the dropped job's answers are ignored).
   */
  async cancelJob(jobId: string): Promise<string[]> {
    const toCancel = this.#o.store.dropJob(jobId);
    for (const providerBatchId of toCancel) await this.#o.client.cancel(providerBatchId);
    return toCancel;
  }

  async #recover(): Promise<void> {
    const { store, client } = this.#o;
    for (const batch of store.interruptedSubmissions()) {
      // The provider may have created it before the crash: its metadata names our id.
      const found = await client.findByMetadata(BATCH_METADATA_KEY, batch.id);
      if (found) store.recordSubmitted(batch.id, found);
      else store.abandonSubmission(batch.id);
      this.#o.onEvent?.({ type: 'recovered', batchId: batch.id, found: !!found });
    }
  }

  async #poll(): Promise<void> {
    const { store, client } = this.#o;
    for (const batch of store.dueForPoll(this.#now())) {
      const snapshot = await client.retrieve(batch.providerBatchId!);
      store.recordPoll(batch.id, snapshot);
      const lines = store.linesOfBatch(batch.id);
      const jobIds = jobsOf(lines);
      if (!isFinished(snapshot.state)) {
        if (snapshot.state !== batch.state) this.#o.onEvent?.({ type: 'state-changed', batchId: batch.id, providerBatchId: snapshot.id, state: snapshot.state, counts: snapshot.counts, jobIds });
        continue;
      }
      if (snapshot.tokenLimited) {
        store.applyResults(batch.id, undefined);
        const decision = onTokenLimit(lines.length, store.openBatches().length);
        if (decision === 'split') this.#maxLines = Math.ceil(lines.length / 2);
        if (decision === 'live') this.#goLive(lines, 'the request alone is over the provider\'s batch queue limit');
        this.#o.onEvent?.({ type: 'token-limited', lines: lines.length, decision });
        continue;
      }
      const results = await client.results(snapshot, lines);
      const answered = [...results.outcomes.values()].filter((o) => o.kind === 'answer');
      store.applyResults(batch.id, results);
      this.#o.onEvent?.({ type: 'finished', batchId: batch.id, providerBatchId: snapshot.id, state: snapshot.state, answered: answered.length, again: lines.length - answered.length, jobIds });
      const jobs = jobsOf(answered.map((o) => o.customId));
      if (jobs.length) this.#o.onAnswered?.(jobs);
    }
  }

  async #submit(): Promise<void> {
    const { store, client } = this.#o;
    const pending = store.pending();
    if (pending.length === 0) return;
    const round = this.#o.round?.(pending) ?? { name: 'round', lines: pending };
    const limits = { ...this.#o.limits, ...(this.#maxLines ? { maxLines: Math.min(this.#maxLines, this.#o.limits?.maxLines ?? Infinity) } : {}) };
    for (const file of writeBatchFiles(round.lines.map((l) => l.request), limits)) {
      const id = store.beginSubmission(file.model, round.name, file.customIds);
      try {
        const snapshot = await client.submit(file, { [BATCH_METADATA_KEY]: id });
        store.recordSubmitted(id, snapshot);
        this.#o.onEvent?.({ type: 'submitted', batchId: id, providerBatchId: snapshot.id, lines: file.customIds.length, round: round.name, jobIds: jobsOf(file.customIds) });
      } catch (error) {
        if (error instanceof BatchUnsupportedError) {
          store.abandonSubmission(id);
          this.#o.onEvent?.({ type: 'unsupported', message: error.message });
          this.#goLive(store.pending().map((l) => l.customId), error.message);
          return;
        }
        if (error instanceof BatchTokenLimitError) {
          store.abandonSubmission(id);
          const decision = onTokenLimit(file.customIds.length, store.openBatches().length);
          if (decision === 'split') this.#maxLines = Math.ceil(file.customIds.length / 2);
          this.#o.onEvent?.({ type: 'token-limited', lines: file.customIds.length, decision });
          return;
        }
        // Anything else (a cut connection, a crash): the batch may exist. It stays 'submitting'
        // and the next tick looks it up by metadata, so its lines are never submitted twice.
        throw error;
      }
    }
    this.#maxLines = undefined;
  }

  /** Lines the batch cannot take: marked 'live' (BatchLineProvider asks them live), and the caller told. */
  #goLive(customIds: string[], reason: string): void {
    this.#o.store.markLive(customIds, reason);
    this.#o.onLive?.(customIds.map((id) => this.#o.store.line(id)!).filter(Boolean), reason);
  }

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }
}

/** The jobs that custom_ids (`<job id>/<step>…`) belong to, each once. */
function jobsOf(customIds: readonly string[]): string[] {
  return [...new Set(customIds.map((id) => id.slice(0, id.indexOf('/'))))];
}
