import type { IncomingMessage, ServerResponse } from 'node:http';

// The OpenAI Files and Batches endpoints, mounted by the fake LLM server (fake-llm-server.ts),
// copying the real API's shapes and state machine:
// - shapes: openai-node src/resources/batches.ts (Batch, BatchError, BatchRequestCounts) and
//   src/resources/files.ts (FileObject; files.content returns the raw bytes); the OpenAPI spec's
//   BatchRequestOutput for output/error lines `{id, custom_id, response: {status_code,
//   request_id, body}, error: {code, message}}`, error codes `batch_expired`, `batch_cancelled`;
// - states: validating → in_progress → finalizing → completed, or failed (invalid input),
//   expired (the completion window passed: what finished is still in the output file),
//   cancelling → cancelled (platform docs, "Batch API" guide; FIELD-NOTES.md);
// - limits: 50,000 requests and 200 MB per input file, one model and the batch's endpoint on
//   every line; the enqueued-token limit per model fails the batch in validation with
//   `token_limit_exceeded` ("Enqueued token limit reached for gpt-4o-mini in organization …",
//   openai/openai-python#2084).
// Each line is answered by the live endpoint of the same server (a loopback request marked
// BATCH_LINE_HEADER, which skips the live rate limits), so a batch line gets exactly the answer
// body a live request would, faults and real-model flaws included, and is counted in its log.

/** Marks a loopback request that answers a batch line: the live limits do not apply to it. */
export const BATCH_LINE_HEADER = 'x-fake-batch-line';

export type BatchStatus = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

export interface FakeBatchOptions {
  /**
   * 'absent': no Files or Batches endpoints, a plain-text 404 as Ollama and LM Studio answer
   * (Go's net/http "404 page not found"). Default 'openai'.
   */
  mode?: 'openai' | 'absent';
  /** How long a batch stays `validating`. Default 5 ms. */
  validatingMs?: number;
  /** A slow queue: how long an `in_progress` batch waits before its first line is answered. Default 0. */
  queueDelayMs?: number;
  /** Time to answer each line (on top of the live server's latency). Default 0. */
  lineMs?: number;
  /** Lines answered at once within one batch. Default 8. */
  lineConcurrency?: number;
  /** How long a batch stays `finalizing` (and `cancelling`). Default 5 ms. */
  finalizingMs?: number;
  /** The `24h` completion window, shortened for tests of expiry. Default 24 h. */
  completionWindowMs?: number;
  /** The server's clock (ms since the epoch): timestamps and expiry. Default Date.now. */
  now?: () => number;
  /** Requests per input file. Default 50,000 (the documented limit). */
  maxLines?: number;
  /** Bytes per input file. Default 200 MB (the documented limit). */
  maxBytes?: number;
  /** Tokens that may be enqueued per model across unfinished batches; undefined: no limit. */
  enqueuedTokenLimit?: number;
}

interface StoredFile {
  id: string;
  purpose: string;
  filename: string;
  bytes: Buffer;
  createdAt: number;
}

interface LineResult {
  customId: string;
  ok: boolean;
  json: string;
}

interface BatchRecord {
  batch: Record<string, unknown> & { id: string; status: BatchStatus; request_counts: { total: number; completed: number; failed: number } };
  lines: { custom_id: string; body: Record<string, unknown> }[];
  results: LineResult[];
  model?: string;
  tokens: number;
  stop: boolean;
}

const ENDPOINTS = new Set(['/v1/responses', '/v1/chat/completions', '/v1/embeddings', '/v1/completions', '/v1/moderations']);
const MB = 1024 * 1024;

export class FakeBatchServer {
  readonly files = new Map<string, StoredFile>();
  readonly #batches = new Map<string, BatchRecord>();
  #options: FakeBatchOptions;
  #ids = 0;
  readonly #liveURL: () => string;

  /** `liveURL` is the mounting server's base URL ("http://127.0.0.1:port/v1"), asked for each line's answer. */
  constructor(liveURL: () => string, options: FakeBatchOptions = {}) {
    this.#liveURL = liveURL;
    this.#options = options;
  }

  setOptions(options: Partial<FakeBatchOptions>): void {
    this.#options = { ...this.#options, ...options };
  }

  /** Every batch as the API shows it now, in order of creation. */
  get batches(): Record<string, unknown>[] {
    return [...this.#batches.values()].map((r) => structuredClone(r.batch));
  }

  /** The custom_ids each batch was given, in order of creation: a custom_id in two batches was submitted twice. */
  submittedIds(): string[][] {
    return [...this.#batches.values()].map((r) => r.lines.map((l) => l.custom_id));
  }

  /** Handles the Files and Batches routes; false for any other route (the live server's). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/v1/, '');
    if (!/^\/(files|batches)(\/|$)/.test(path)) return false;
    if (this.#options.mode === 'absent') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('404 page not found');
      return true;
    }
    let m: RegExpExecArray | null;
    if (req.method === 'POST' && path === '/files') return this.#upload(req, res);
    if (req.method === 'GET' && (m = /^\/files\/([^/]+)\/content$/.exec(path))) return this.#content(m[1]!, res);
    if (req.method === 'GET' && (m = /^\/files\/([^/]+)$/.exec(path))) {
      const file = this.files.get(m[1]!);
      return file ? send(res, 200, fileObject(file)) : notFound(res, 'file', m[1]!);
    }
    if (req.method === 'POST' && path === '/batches') return this.#create(JSON.parse(await readBody(req)) as Record<string, unknown>, res);
    if (req.method === 'GET' && path === '/batches') return this.#list(url, res);
    if (req.method === 'GET' && (m = /^\/batches\/([^/]+)$/.exec(path))) {
      const record = this.#batches.get(m[1]!);
      return record ? send(res, 200, record.batch) : notFound(res, 'batch', m[1]!);
    }
    if (req.method === 'POST' && (m = /^\/batches\/([^/]+)\/cancel$/.exec(path))) return this.#cancel(m[1]!, res);
    return send(res, 404, { error: { message: `Invalid URL (${req.method} ${url.pathname})`, type: 'invalid_request_error', param: null, code: null } });
  }

  /** Stops every batch's work (the server is closing). */
  stopAll(): void {
    for (const r of this.#batches.values()) r.stop = true;
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #newId(prefix: string): string {
    return `${prefix}-${(++this.#ids).toString(36).padStart(6, '0')}`;
  }

  async #upload(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    // The SDK sends multipart/form-data (files.ts: multipartFormRequestOptions); undici parses it.
    const raw = await readRaw(req);
    const form = await new Request('http://localhost/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: new Uint8Array(raw) }).formData();
    const file = form.get('file');
    const purpose = form.get('purpose');
    if (typeof purpose !== 'string' || !purpose) return invalid(res, "Missing required parameter: 'purpose'.", 'purpose');
    if (!file || typeof file === 'string') return invalid(res, "Missing required parameter: 'file'.", 'file');
    const stored: StoredFile = { id: this.#newId('file'), purpose, filename: file.name || 'upload', bytes: Buffer.from(await file.arrayBuffer()), createdAt: this.#now() };
    this.files.set(stored.id, stored);
    return send(res, 200, fileObject(stored));
  }

  #content(id: string, res: ServerResponse): boolean {
    const file = this.files.get(id);
    if (!file) return notFound(res, 'file', id);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.length) });
    res.end(file.bytes);
    return true;
  }

  #create(body: Record<string, unknown>, res: ServerResponse): boolean {
    const input = this.files.get(String(body.input_file_id));
    if (!input) return invalid(res, `No such File object: ${String(body.input_file_id)}`, 'input_file_id');
    if (input.purpose !== 'batch') return invalid(res, `File ${input.id} was not uploaded with purpose 'batch'.`, 'input_file_id');
    if (typeof body.endpoint !== 'string' || !ENDPOINTS.has(body.endpoint)) return invalid(res, `Invalid value for 'endpoint': ${String(body.endpoint)}.`, 'endpoint');
    if (body.completion_window !== '24h') return invalid(res, `Invalid value for 'completion_window': ${String(body.completion_window)}. Supported values are: '24h'.`, 'completion_window');
    const now = this.#now();
    const record: BatchRecord = {
      batch: {
        id: this.#newId('batch'),
        object: 'batch',
        endpoint: body.endpoint,
        errors: null,
        input_file_id: input.id,
        completion_window: '24h',
        status: 'validating',
        output_file_id: null,
        error_file_id: null,
        created_at: seconds(now),
        in_progress_at: null,
        expires_at: seconds(now + (this.#options.completionWindowMs ?? 24 * 3600_000)),
        finalizing_at: null,
        completed_at: null,
        failed_at: null,
        expired_at: null,
        cancelling_at: null,
        cancelled_at: null,
        request_counts: { total: 0, completed: 0, failed: 0 },
        metadata: (body.metadata as Record<string, string> | undefined) ?? null,
      },
      lines: [],
      results: [],
      tokens: 0,
      stop: false,
    };
    this.#batches.set(record.batch.id, record);
    void this.#run(record, input, now + (this.#options.completionWindowMs ?? 24 * 3600_000));
    return send(res, 200, record.batch);
  }

  #list(url: URL, res: ServerResponse): boolean {
    // Newest first, a cursor page (openai-node core/pagination.ts CursorPage: data, has_more; `after`).
    const all = [...this.#batches.values()].map((r) => r.batch).reverse();
    const after = url.searchParams.get('after');
    const start = after ? all.findIndex((b) => b.id === after) + 1 : 0;
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const data = all.slice(start, start + limit);
    return send(res, 200, { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < all.length });
  }

  #cancel(id: string, res: ServerResponse): boolean {
    const record = this.#batches.get(id);
    if (!record) return notFound(res, 'batch', id);
    const status = record.batch.status;
    if (status !== 'validating' && status !== 'in_progress' && status !== 'finalizing') {
      return send(res, 409, { error: { message: `Cannot cancel a batch with status '${status}'.`, type: 'invalid_request_error', param: null, code: null } });
    }
    record.stop = true;
    this.#set(record, 'cancelling');
    return send(res, 200, record.batch);
  }

  #set(record: BatchRecord, status: BatchStatus): void {
    record.batch.status = status;
    const stamp = { in_progress: 'in_progress_at', finalizing: 'finalizing_at', completed: 'completed_at', failed: 'failed_at', expired: 'expired_at', cancelling: 'cancelling_at', cancelled: 'cancelled_at' }[status as Exclude<BatchStatus, 'validating'>];
    if (stamp) record.batch[stamp] = seconds(this.#now());
  }

  /** The batch's whole life, from validation to its output and error files. */
  async #run(record: BatchRecord, input: StoredFile, expiresAt: number): Promise<void> {
    const o = this.#options;
    await sleep(o.validatingMs ?? 5);
    if (record.batch.status === 'cancelling') return this.#finish(record, 'cancelled');
    const problem = this.#validate(record, input);
    if (problem) {
      record.batch.errors = { object: 'list', data: [problem] };
      this.#set(record, 'failed');
      return;
    }
    record.batch.request_counts.total = record.lines.length;
    this.#set(record, 'in_progress');
    await sleep(o.queueDelayMs ?? 0);
    let next = 0;
    let expired = false;
    const worker = async (): Promise<void> => {
      while (next < record.lines.length && !record.stop) {
        if (this.#now() >= expiresAt) {
          expired = true;
          return;
        }
        const line = record.lines[next++]!;
        await sleep(this.#options.lineMs ?? 0);
        if (record.stop) {
          next--;
          return;
        }
        const result = await this.#answer(line);
        record.results.push(result);
        record.batch.request_counts[result.ok ? 'completed' : 'failed']++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, o.lineConcurrency ?? 8) }, worker));
    // Read again: a cancel may have come while the lines ran.
    if ((record.batch.status as BatchStatus) === 'cancelling') {
      await sleep(o.finalizingMs ?? 5);
      return this.#finish(record, 'cancelled');
    }
    if (expired || this.#now() >= expiresAt) return this.#finish(record, 'expired');
    this.#set(record, 'finalizing');
    await sleep(o.finalizingMs ?? 5);
    this.#finish(record, (record.batch.status as BatchStatus) === 'cancelling' ? 'cancelled' : 'completed');
  }

  /** The first reason the input file cannot run, as `errors.data` names it; sets the batch's lines. */
  #validate(record: BatchRecord, input: StoredFile): Record<string, unknown> | undefined {
    const o = this.#options;
    if (input.bytes.length > (o.maxBytes ?? 200 * MB)) return { code: 'file_too_large', line: null, param: null, message: `The input file is larger than the ${Math.round((o.maxBytes ?? 200 * MB) / MB)} MB maximum for a batch.` };
    const texts = input.bytes.toString('utf8').split('\n').filter((l) => l.trim());
    if (texts.length === 0) return { code: 'empty_file', line: null, param: null, message: 'The input file is empty.' };
    if (texts.length > (o.maxLines ?? 50_000)) return { code: 'too_many_requests', line: null, param: null, message: `The input file has ${texts.length} requests; a batch may have at most ${o.maxLines ?? 50_000}.` };
    const seen = new Set<string>();
    for (const [i, text] of texts.entries()) {
      const lineNo = i + 1;
      let line: { custom_id?: unknown; method?: unknown; url?: unknown; body?: { model?: unknown } };
      try {
        line = JSON.parse(text) as typeof line;
      } catch {
        return { code: 'invalid_json_line', line: lineNo, param: null, message: `Line ${lineNo} is not valid JSON.` };
      }
      if (typeof line.custom_id !== 'string' || !line.custom_id) return { code: 'missing_required_parameter', line: lineNo, param: 'custom_id', message: `Line ${lineNo} has no custom_id.` };
      if (seen.has(line.custom_id)) return { code: 'duplicate_custom_id', line: lineNo, param: 'custom_id', message: `The custom_id '${line.custom_id}' on line ${lineNo} is not unique in the file.` };
      seen.add(line.custom_id);
      if (line.method !== 'POST') return { code: 'invalid_request', line: lineNo, param: 'method', message: `Line ${lineNo}: method must be POST.` };
      if (line.url !== record.batch.endpoint) return { code: 'mismatched_endpoint', line: lineNo, param: 'url', message: `Line ${lineNo}'s url '${String(line.url)}' does not match the batch's endpoint '${String(record.batch.endpoint)}'.` };
      if (typeof line.body?.model !== 'string') return { code: 'missing_required_parameter', line: lineNo, param: 'body.model', message: `Line ${lineNo} has no model.` };
      record.model ??= line.body.model;
      if (line.body.model !== record.model) return { code: 'mismatched_model', line: lineNo, param: 'body.model', message: `Line ${lineNo}'s model '${line.body.model}' differs from line 1's '${record.model}': one model per batch.` };
      record.lines.push({ custom_id: line.custom_id, body: line.body as Record<string, unknown> });
      record.tokens += JSON.stringify((line.body as { messages?: unknown }).messages ?? '').length >> 2;
    }
    if (o.enqueuedTokenLimit !== undefined) {
      const enqueued = [...this.#batches.values()]
        .filter((r) => r !== record && r.model === record.model && (r.batch.status === 'in_progress' || r.batch.status === 'finalizing'))
        .reduce((sum, r) => sum + r.tokens, 0);
      if (enqueued + record.tokens > o.enqueuedTokenLimit) {
        record.lines = [];
        return {
          code: 'token_limit_exceeded',
          line: null,
          param: null,
          message: `Enqueued token limit reached for ${record.model} in organization org-test. Limit: ${o.enqueuedTokenLimit.toLocaleString('en-US')} enqueued tokens. Please try again once some in_progress batches have been completed.`,
        };
      }
    }
    return undefined;
  }

  async #answer(line: { custom_id: string; body: Record<string, unknown> }): Promise<LineResult> {
    const requestId = `req_${(++this.#ids).toString(36)}`;
    const id = `batch_req_${this.#ids.toString(36)}`;
    let status: number;
    let body: unknown;
    try {
      const answer = await fetch(`${this.#liveURL()}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', [BATCH_LINE_HEADER]: '1' }, body: JSON.stringify(line.body) });
      status = answer.status;
      body = JSON.parse(await answer.text());
    } catch {
      // A cut connection or a body that is not JSON: in a batch the provider reports its own failure.
      status = 500;
      body = { error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } };
    }
    const ok = status === 200;
    return { customId: line.custom_id, ok, json: JSON.stringify({ id, custom_id: line.custom_id, response: { status_code: status, request_id: requestId, body }, error: null }) };
  }

  /** Writes the output and error files (order is not the input's) and moves to a final state. */
  #finish(record: BatchRecord, status: 'completed' | 'expired' | 'cancelled'): void {
    const answered = new Set(record.results.map((r) => r.customId));
    const unfinished = record.lines
      .filter((l) => !answered.has(l.custom_id))
      .map((l) => {
        const code = status === 'expired' ? 'batch_expired' : 'batch_cancelled';
        const message = status === 'expired' ? 'This request could not be executed before the completion window expired.' : 'This request was not executed because the batch was cancelled.';
        return { customId: l.custom_id, ok: false, json: JSON.stringify({ id: `batch_req_${(++this.#ids).toString(36)}`, custom_id: l.custom_id, response: null, error: { code, message } }) };
      });
    // Finished order, newest first: never the input's order, so readers must match by custom_id.
    const results = [...record.results].reverse();
    const write = (lines: LineResult[], purpose: string): string | null => {
      if (lines.length === 0) return null;
      const file: StoredFile = { id: this.#newId('file'), purpose, filename: `${record.batch.id}_${purpose}.jsonl`, bytes: Buffer.from(lines.map((l) => l.json).join('\n') + '\n'), createdAt: this.#now() };
      this.files.set(file.id, file);
      return file.id;
    };
    record.batch.output_file_id = write(results.filter((r) => r.ok), 'batch_output');
    record.batch.error_file_id = write([...results.filter((r) => !r.ok), ...unfinished], 'batch_output');
    this.#set(record, status);
  }
}

function fileObject(file: StoredFile) {
  return { id: file.id, object: 'file', bytes: file.bytes.length, created_at: seconds(file.createdAt), filename: file.filename, purpose: file.purpose, status: 'processed', expires_at: null, status_details: null };
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

function send(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return true;
}

function invalid(res: ServerResponse, message: string, param: string): true {
  return send(res, 400, { error: { message, type: 'invalid_request_error', param, code: null } });
}

function notFound(res: ServerResponse, what: string, id: string): true {
  return send(res, 404, { error: { message: `No ${what} found with id '${id}'.`, type: 'invalid_request_error', param: null, code: null } });
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRaw(req)).toString('utf8');
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
