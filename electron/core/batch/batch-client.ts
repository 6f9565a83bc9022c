import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI, { toFile } from 'openai';
import type { Batch } from 'openai/resources/batches';
import { BATCH_ENDPOINT } from './batch-line.js';
import { readBatchResults, type BatchResults } from './jsonl-reader.js';
import type { BatchInputFile } from './jsonl-writer.js';

/** A batch's states, as the provider names them (openai-node src/resources/batches.ts). */
export type BatchState = Batch['status'];
export type FinishedBatchState = 'completed' | 'failed' | 'expired' | 'cancelled';

export function isFinished(state: BatchState): state is FinishedBatchState {
  return state === 'completed' || state === 'failed' || state === 'expired' || state === 'cancelled';
}

/** What we keep of a provider's batch: plain data, times in ms. */
export interface BatchSnapshot {
  id: string;
  inputFileId: string;
  state: BatchState;
  counts: { total: number; completed: number; failed: number };
  createdAt: number;
  /** When it reached a finished state (completed, failed, expired or cancelled). */
  finishedAt?: number;
  outputFileId?: string;
  errorFileId?: string;
  /** Why a failed batch failed ("line 3: …"), in the provider's words. */
  errors: string[];
  /**
   * The provider's queue for this model was full (`token_limit_exceeded`): nothing ran and
   * nothing is lost; submit again later, or smaller (see `onTokenLimit`).
   */
  tokenLimited: boolean;
  metadata: Record<string, string>;
}

/** The provider has no Batch API (Ollama, LM Studio, a proxy): a 404 on the Files or Batches routes. */
export class BatchUnsupportedError extends Error {
  readonly code = 'BATCH_UNSUPPORTED';
  constructor(detail: string) {
    super(`this provider has no Batch API (${detail}); the live path is used`);
    this.name = this.constructor.name;
  }
}

/** The provider refused the batch at creation because its queue for the model is full. */
export class BatchTokenLimitError extends Error {
  readonly code = 'BATCH_TOKEN_LIMIT';
  constructor(detail: string) {
    super(`the provider's batch queue is full (token_limit_exceeded): ${detail}`);
    this.name = this.constructor.name;
  }
}

/** Time, for polling: tests give a clock that does not wait. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }),
};

/** First wait between polls. */
export const FIRST_POLL_MS = 60_000;
/** Longest wait between polls. */
export const MAX_POLL_MS = 600_000;

/** The wait before poll number `polls` (from 0): a minute, doubling, up to ten. */
export function pollDelayMs(polls: number): number {
  return Math.min(FIRST_POLL_MS * 2 ** Math.max(0, Math.min(polls, 10)), MAX_POLL_MS);
}

export interface BatchClientOptions {
  apiKey: string;
  /** The provider's base URL (OpenAI's by default; Azure OpenAI, Groq, Together have batch endpoints). */
  baseURL?: string;
  /** One upload or call open longer than this is abandoned. Default 10 min (a 200 MB upload). */
  requestTimeoutMs?: number;
  /** Default: the real clock. */
  clock?: Clock;
}

/** The Batch API through the `openai` SDK: submit (upload + create), poll, read results, cancel. */
export class BatchClient {
  readonly #client: OpenAI;
  readonly #clock: Clock;

  constructor(options: BatchClientOptions) {
    // The SDK's own retries are kept here: the batch routes are not paced by our admission.
    this.#client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.requestTimeoutMs ?? 600_000, maxRetries: 2 });
    this.#clock = options.clock ?? REAL_CLOCK;
  }

  /**
   * Uploads the file with `purpose: 'batch'` and creates its batch (`completion_window: '24h'`).
   * `metadata` should name the batch in our store, so a crash between create and saving the id
   * can find it again (`findByMetadata`) instead of submitting the lines twice.
   */
  async submit(file: BatchInputFile, metadata: Record<string, string> = {}): Promise<BatchSnapshot> {
    const uploaded = await this.#call('upload the batch file', async () => this.#client.files.create({ file: await toFile(Buffer.from(file.text), 'fluentpro-batch.jsonl'), purpose: 'batch' }));
    // A local server that answers unknown routes with 200 and an error (LM Studio) gives no file id.
    if (typeof uploaded?.id !== 'string') throw new BatchUnsupportedError('the file upload gave no file id');
    const batch = await this.#call('create the batch', () =>
      this.#client.batches.create({ input_file_id: uploaded.id, endpoint: BATCH_ENDPOINT, completion_window: '24h', metadata }),
    );
    if (typeof batch?.id !== 'string') throw new BatchUnsupportedError('the batch was created without an id');
    return snapshotOf(batch);
  }

  async retrieve(id: string): Promise<BatchSnapshot> {
    return snapshotOf(await this.#call('read the batch', () => this.#client.batches.retrieve(id)));
  }

  /**
   * Polls until the batch is finished: a minute first, doubling up to ten (`pollDelayMs`);
   * `onPoll` hears every snapshot (progress for the board). Rejects when `signal` aborts.
   */
  async waitUntilFinished(id: string, options: { signal?: AbortSignal; onPoll?: (snapshot: BatchSnapshot) => void } = {}): Promise<BatchSnapshot> {
    for (let polls = 0; ; polls++) {
      const snapshot = await this.retrieve(id);
      options.onPoll?.(snapshot);
      if (isFinished(snapshot.state)) return snapshot;
      await this.#clock.sleep(pollDelayMs(polls), options.signal);
    }
  }

  /** The outcome of every submitted line of a finished batch, from its output and error files. */
  async results(snapshot: BatchSnapshot, submitted: readonly string[]): Promise<BatchResults> {
    const read = async (id: string | undefined): Promise<string> => (id ? (await this.#call('read a result file', () => this.#client.files.content(id))).text() : '');
    return readBatchResults({ output: await read(snapshot.outputFileId), errors: await read(snapshot.errorFileId) }, submitted);
  }

  /** Asks the provider to cancel; a batch already finished is returned as it is. */
  async cancel(id: string): Promise<BatchSnapshot> {
    try {
      // No retries: the SDK retries a 409, which here only means "already finished".
      return snapshotOf(await this.#client.batches.cancel(id, { maxRetries: 0 }));
    } catch (error) {
      if (error instanceof OpenAI.APIError && error.status === 409) return this.retrieve(id);
      throw this.#mapped(error, 'cancel the batch');
    }
  }

  /** The newest batch whose metadata has `key: value`, among the provider's recent ones (up to `scan`). */
  async findByMetadata(key: string, value: string, scan = 500): Promise<BatchSnapshot | undefined> {
    let seen = 0;
    for await (const batch of this.#client.batches.list({ limit: 100 })) {
      if (batch.metadata?.[key] === value) return snapshotOf(batch);
      if (++seen >= scan) return undefined;
    }
    return undefined;
  }

  async #call<T>(what: string, call: () => PromiseLike<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw this.#mapped(error, what);
    }
  }

  #mapped(error: unknown, what: string): Error {
    if (error instanceof OpenAI.APIError) {
      if (error.status === 404 || error.status === 405) return new BatchUnsupportedError(`${error.status} when asked to ${what}`);
      if (error.code === 'token_limit_exceeded') return new BatchTokenLimitError(error.message);
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

function snapshotOf(batch: Batch): BatchSnapshot {
  const errors = batch.errors?.data ?? [];
  const finished = batch.completed_at ?? batch.failed_at ?? batch.expired_at ?? batch.cancelled_at;
  return {
    id: batch.id,
    inputFileId: batch.input_file_id,
    state: batch.status,
    counts: { total: batch.request_counts?.total ?? 0, completed: batch.request_counts?.completed ?? 0, failed: batch.request_counts?.failed ?? 0 },
    createdAt: batch.created_at * 1000,
    ...(isFinished(batch.status) && finished ? { finishedAt: finished * 1000 } : {}),
    ...(batch.output_file_id ? { outputFileId: batch.output_file_id } : {}),
    ...(batch.error_file_id ? { errorFileId: batch.error_file_id } : {}),
    errors: errors.map((e) => `${e.line ? `line ${e.line}: ` : ''}${e.message ?? e.code ?? 'unknown error'}`),
    tokenLimited: batch.status === 'failed' && errors.some((e) => e.code === 'token_limit_exceeded'),
    metadata: (batch.metadata as Record<string, string> | null | undefined) ?? {},
  };
}

/**
 * What to do with lines whose batch the provider's queue refused (`token_limit_exceeded`): never
 * fail them. While other batches of ours are open, wait for one to finish and submit again; with
 * none open the file alone is over the limit, so split it in two (a single line over the limit
 * goes live).
 */
export function onTokenLimit(lines: number, openBatches: number): 'wait' | 'split' | 'live' {
  if (openBatches > 0) return 'wait';
  return lines > 1 ? 'split' : 'live';
}
