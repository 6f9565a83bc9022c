import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BATCH_LINE_HEADER, FakeBatchServer, type FakeBatchOptions } from './fake-batch-server.js';
import { estimateRequest, type ProviderLimits } from './provider-limits.js';
import { fakeLanguageOf, fakeReading, fakeSentence, fakeTerm, wordOf, type FakeLanguage } from './fake-language.js';
import { imperfectAnswer, type RealModelOptions } from './real-model.js';
import { encodeMp3 } from '../../electron/core/speech/mp3.js';
import { decodeWav } from '../../electron/core/speech/pcm.js';

// An OpenAI-compatible Chat Completions (and speech) server for tests and benchmarks. It answers every
// Structured Outputs request with JSON made from the request's own JSON schema, and can be told
// to misbehave per request: 429 with Retry-After, 500, slow, cut-off or garbage answers.

export type Fault =
  | { kind: 'rate-limit'; retryAfterSeconds?: number; retryAfterMs?: number }
  | { kind: 'server-error' }
  /** 401: a wrong API key. */
  | { kind: 'unauthorized' }
  | { kind: 'slow'; ms: number }
  /** The connection drops halfway through the body. */
  | { kind: 'truncated' }
  /** A complete HTTP answer whose JSON content was cut off (finish_reason "length"). */
  | { kind: 'cut-off-content' }
  /** 200 with an HTML page, as a misconfigured proxy sends. */
  | { kind: 'garbage' }
  /** Valid JSON that does not match the schema. */
  | { kind: 'wrong-shape' }
  /** Any other HTTP status, with an OpenAI-style error body and these headers. */
  | { kind: 'status'; status: number; headers?: Record<string, string> }
  /** The normal answer, changed by `spoil` (a quiz index out of range, an empty section, …). */
  | { kind: 'spoil'; spoil: (answer: Record<string, unknown>) => void };

export interface RequestInfo {
  /** "outline|<course title>" or "lesson <n>|<course title>": stable across retries and repairs. */
  key: string;
  /** 0 for the first request with this key, 1 for the next, … */
  attempt: number;
  /** Order of arrival of this request among all requests, from 0. */
  index: number;
  model: string;
}

export interface FakeLlmServerOptions {
  /** Time to answer a healthy request. Default 0. */
  latencyMs?: number;
  /** Decides how each request misbehaves; undefined answers normally. */
  fault?: (request: RequestInfo) => Fault | undefined;
  models?: string[];
  /** The provider's limits: budgets, a concurrency cap, random 429s, credit. Default: none. */
  limits?: ProviderLimits;
  /** Answers schema-valid but imperfect the way real models' are (real-model.ts). Default: perfect answers. */
  realModel?: RealModelOptions;
  /**
   * How many tokens (characters ÷ 4, as `usage.completion_tokens` counts them here) the answer to a
   * request writes: the JSON is led by whitespace up to that size, so a lesson can be as long as a
   * real one (~2,000 tokens). Undefined, or less than the JSON: the JSON as it is. Default: none.
   */
  answerTokens?: (request: RequestInfo) => number | undefined;
  /** The Files and Batches endpoints (fake-batch-server.ts): a slow queue, expiry, a 404 provider. */
  batch?: FakeBatchOptions;
}

export interface ServedRequest extends RequestInfo {
  status: number;
  /** The prompt's size, estimated as the answer's usage.prompt_tokens is. */
  promptTokens: number;
  /** The answer's usage.completion_tokens (0 when there was no complete answer). */
  completionTokens: number;
  /** The request's max_completion_tokens (or max_tokens), when it set one. */
  maxCompletionTokens?: number;
  /** The answer's finish_reason, when it was a complete HTTP answer with content ("stop", or "length" when cut off). */
  finishReason?: string;
  /** The user message, for tests that check what a prompt carries. */
  prompt: string;
  /** A hash of everything the request asked (messages and schema): the same hash answered twice is the same answer paid twice. */
  bodyHash: string;
  fault?: Fault['kind'];
  /** Answered for a batch line (the batch server's loopback), not asked live. */
  batch?: true;
  startedAt: number;
  endedAt: number;
}

/** One request to /v1/audio/speech, as the server read it. */
export interface ServedSpeechRequest {
  status: number;
  model?: string;
  input?: string;
  voice?: string;
  responseFormat?: string;
  speed?: number;
  /** The body's keys, to check the request's shape against OpenAI's. */
  keys: string[];
}

export class FakeLlmServer {
  readonly requests: ServedRequest[] = [];
  readonly speechRequests: ServedSpeechRequest[] = [];
  /** What real-model mode spoiled, request by request ("lesson 3|T: quiz question 2 index out of range"). */
  readonly flaws: string[] = [];
  #server: Server;
  #inFlight = 0;
  #maxInFlight = 0;
  #attempts = new Map<string, number>();
  #arrivals = 0;
  #options: FakeLlmServerOptions;
  /** The Batch API: its lines are answered by this server's live endpoint. */
  readonly batch: FakeBatchServer;

  private constructor(options: FakeLlmServerOptions) {
    this.#options = options;
    this.batch = new FakeBatchServer(() => this.baseURL, options.batch);
    // A client that goes away mid-request (a process killed while uploading a batch file) rejects
    // the body's read with ECONNRESET: nobody is left to answer. Anything else is answered 500,
    // as a real server answers its own faults, so the client sees it.
    this.#server = createServer((req, res) =>
      void this.#handle(req, res).catch((error: Error & { code?: string }) => {
        if (error.code === 'ECONNRESET' || req.destroyed || res.destroyed || res.headersSent) return;
        json(res, 500, { error: { message: `the test server failed: ${error.message}`, type: 'server_error' } });
      }),
    );
  }

  static async start(options: FakeLlmServerOptions = {}): Promise<FakeLlmServer> {
    const server = new FakeLlmServer(options);
    await new Promise<void>((resolve) => server.#server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get baseURL(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`;
  }
  /** Requests open now. */
  get inFlight(): number {
    return this.#inFlight;
  }
  /** Most requests the server ever had open at once. */
  get maxInFlight(): number {
    return this.#maxInFlight;
  }
  /** Successful (200, complete) answers per key: a key above 1 was paid for twice. */
  paidCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.requests) if (r.status === 200 && !r.fault) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    return counts;
  }
  setOptions(options: Partial<FakeLlmServerOptions>): void {
    this.#options = { ...this.#options, ...options };
  }

  async close(): Promise<void> {
    this.batch.stopAll();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (await this.batch.handle(req, res)) return;
    if (req.method === 'GET' && req.url === '/__stats') {
      // For a server run in another process (benchmarks): what the in-process getters tell.
      return json(res, 200, { maxInFlight: this.#maxInFlight, requests: this.requests.length, paid: Object.fromEntries(this.paidCounts()), limits: this.#options.limits?.stats });
    }
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      return json(res, 200, { object: 'list', data: (this.#options.models ?? ['gpt-4o-mini', 'test-model']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'test' })) });
    }
    if (req.method === 'POST' && req.url?.endsWith('/audio/speech')) return this.#speech(req, res);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) return json(res, 404, { error: { message: 'not found' } });
    const body = JSON.parse(await readBody(req)) as ChatRequest;
    const key = requestKey(body);
    const attempt = this.#attempts.get(key) ?? 0;
    this.#attempts.set(key, attempt + 1);
    const info: RequestInfo = { key, attempt, index: this.#arrivals++, model: body.model };
    const startedAt = Date.now();
    const fault = this.#options.fault?.(info);
    const maxCompletionTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
    const record = (status: number, completionTokens = 0, finishReason?: string): void => {
      this.requests.push({
        ...info,
        status,
        fault: fault?.kind,
        startedAt,
        endedAt: Date.now(),
        promptTokens: promptTokensOf(body),
        completionTokens,
        prompt: firstUserMessage(body),
        bodyHash: bodyHashOf(body),
        ...(req.headers[BATCH_LINE_HEADER] ? { batch: true } : {}),
        ...(maxCompletionTokens != null ? { maxCompletionTokens } : {}),
        ...(finishReason ? { finishReason } : {}),
      });
    };

    // The provider's limits decide first, on arrival: a refusal is answered at once, with no latency.
    // A batch line (fake-batch-server.ts) is not held to the live limits: batches have their own.
    const admission = req.headers[BATCH_LINE_HEADER] ? undefined : this.#options.limits?.admit(estimateRequest(body));
    if (admission && !admission.ok) {
      record(admission.status);
      return json(res, admission.status, admission.body, admission.headers);
    }
    const rateHeaders = admission?.headers ?? {};
    if (admission) res.on('close', admission.done);

    this.#inFlight++;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    res.on('close', () => this.#inFlight--);

    await delay(fault?.kind === 'slow' ? fault.ms : (this.#options.latencyMs ?? 0), res);
    if (res.destroyed) return record(0);
    switch (fault?.kind) {
      case 'rate-limit': {
        const headers: Record<string, string> = {};
        if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
        if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
        record(429);
        return json(res, 429, { error: { message: 'Rate limit reached', type: 'requests' } }, { ...rateHeaders, ...headers });
      }
      case 'status':
        record(fault.status);
        return json(res, fault.status, { error: { message: `status ${fault.status} from the test server` } }, { ...rateHeaders, ...fault.headers });
      case 'server-error':
        record(500);
        return json(res, 500, { error: { message: 'The server had an error' } }, rateHeaders);
      case 'unauthorized':
        record(401);
        return json(res, 401, { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } }, rateHeaders);
      case 'garbage':
        record(200);
        res.writeHead(200, { 'content-type': 'application/json', ...rateHeaders });
        return void res.end('<html><body>502 Bad Gateway</body></html>');
      case 'truncated': {
        record(200);
        const text = JSON.stringify(completion(body, JSON.stringify(fakeFromSchema(body.response_format.json_schema.schema, key)), 'stop'));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(text.length), ...rateHeaders });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        return void res.destroy();
      }
    }
    if (!body.response_format) {
      // A plain request (doctor's one-token probe): a plain answer.
      record(200, 1);
      return json(res, 200, completion(body, 'ok', 'length'), rateHeaders);
    }
    let answer = fakeFromSchema(body.response_format.json_schema.schema, key, promptTerms(body), fakeLanguageOf(systemMessage(body)));
    let finish = 'stop';
    const flaw = this.#options.realModel ? imperfectAnswer(answer, body, this.#options.realModel, info) : undefined;
    if (flaw) answer = flaw.answer;
    if (fault?.kind === 'spoil') fault.spoil(answer as Record<string, unknown>);
    this.flaws.push(...(flaw?.flaws ?? []).map((f) => `${key}: ${f}`));
    let content = JSON.stringify(answer);
    if (flaw?.truncate) {
      content = content.slice(0, Math.floor(content.length * 0.6));
      finish = 'length';
    }
    if (fault?.kind === 'cut-off-content') {
      content = content.slice(0, Math.floor(content.length / 2));
      finish = 'length';
    }
    if (fault?.kind === 'wrong-shape') content = JSON.stringify({ answer: 'I am not sure what you want' });
    const size = this.#options.answerTokens?.(info);
    if (size !== undefined && size * 4 > content.length) content = ' '.repeat(size * 4 - content.length) + content;
    // The model stops at max_completion_tokens (or max_tokens): the answer is cut there, with
    // finish_reason "length" (OpenAI's Chat Completions; openai-node's parse() then throws
    // LengthFinishReasonError).
    if (maxCompletionTokens != null && content.length >> 2 > maxCompletionTokens) {
      content = content.slice(0, maxCompletionTokens * 4);
      finish = 'length';
    }
    record(200, content.length >> 2, finish);
    json(res, 200, completion(body, content, finish), rateHeaders);
  }

  async #speech(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return json(res, 400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', param: null, code: null } });
    }
    const served: ServedSpeechRequest = {
      status: 200,
      keys: Object.keys(body).sort(),
      ...(typeof body.model === 'string' ? { model: body.model } : {}),
      ...(typeof body.input === 'string' ? { input: body.input } : {}),
      ...(typeof body.voice === 'string' ? { voice: body.voice } : {}),
      ...(typeof body.response_format === 'string' ? { responseFormat: body.response_format } : {}),
      ...(typeof body.speed === 'number' ? { speed: body.speed } : {}),
    };
    this.speechRequests.push(served);
    const refuse = (status: number, message: string, param: string | null, code: string | null = null) => {
      served.status = status;
      json(res, status, { error: { message, type: 'invalid_request_error', param, code } });
    };
    const key = `speech|${served.input ?? ''}`;
    const attempt = this.#attempts.get(key) ?? 0;
    this.#attempts.set(key, attempt + 1);
    const fault = this.#options.fault?.({ key, attempt, index: this.#arrivals++, model: served.model ?? '' });
    if (fault?.kind === 'unauthorized') return refuse(401, 'Incorrect API key provided', null, 'invalid_api_key');
    if (fault?.kind === 'server-error') return refuse(500, 'The server had an error', null);
    if (fault?.kind === 'rate-limit' || fault?.kind === 'status') {
      const headers: Record<string, string> = fault.kind === 'status' ? { ...fault.headers } : {};
      if (fault.kind === 'rate-limit' && fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.kind === 'rate-limit' && fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      served.status = fault.kind === 'status' ? fault.status : 429;
      return json(res, served.status, { error: { message: fault.kind === 'status' ? `status ${fault.status} from the test server` : 'Rate limit reached', type: 'requests' } }, headers);
    }
    await delay(fault?.kind === 'slow' ? fault.ms : (this.#options.latencyMs ?? 0), res);
    if (res.destroyed) return;
    if (!served.model) return refuse(400, "Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
    if (served.input === undefined) return refuse(400, "Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
    if (served.input.length > 4096) return refuse(400, `'input' is too long: ${served.input.length} characters, the maximum is 4096.`, 'input', 'string_above_max_length');
    if (!served.voice) return refuse(400, "Missing required parameter: 'voice'.", 'voice', 'missing_required_parameter');
    const speed = served.speed ?? 1;
    if (speed < 0.25 || speed > 4) return refuse(400, `${speed} is not between 0.25 and 4.0 - 'speed'`, 'speed');
    const format = served.responseFormat ?? 'mp3';
    if (format !== 'wav' && format !== 'pcm' && format !== 'mp3') return refuse(400, `this test server makes wav, pcm and mp3, not "${format}"`, 'response_format');
    res.writeHead(200, { 'content-type': format === 'mp3' ? 'audio/mpeg' : format === 'wav' ? 'audio/wav' : 'audio/pcm' });
    res.end(speechAudio(served.input, speed, format));
  }
}

/**
 * `POST /v1/audio/speech` as OpenAI's API reference describes it ("Create speech",
 * https://platform.openai.com/docs/api-reference/audio/createSpeech; the SDK's
 * src/resources/audio/speech.ts): a JSON body with `model`, `input` (at most 4096 characters) and
 * `voice` required, `response_format` (mp3 by default; wav, pcm here too) and `speed` (0.25–4,
 * default 1) optional; the answer is the audio file itself. A missing or bad field is a 400 with
 * an OpenAI-style error naming the `param`. The audio is a real one: a 220 Hz tone, 60 ms per
 * character of input (at most 3 s) divided by the speed, between 200 ms of silence on each side,
 * as a real voice starts and ends, at 24 kHz mono 16-bit as OpenAI's is.
 */
export function speechAudio(input: string, speed: number, format: 'wav' | 'pcm' | 'mp3'): Uint8Array {
  const rate = 24_000;
  const pad = Math.round(rate * 0.2);
  const tone = Math.round((rate * Math.min(3, 0.06 * Math.max(1, input.length))) / speed);
  const samples = new Int16Array(pad + tone + pad);
  for (let i = 0; i < tone; i++) samples[pad + i] = Math.round(Math.sin((2 * Math.PI * 220 * i) / rate) * 8000);
  const pcm = new Uint8Array(samples.buffer);
  if (format === 'pcm') return pcm;
  const wav = new Uint8Array(44 + pcm.byteLength);
  const view = new DataView(wav.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((c, i) => (wav[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + pcm.byteLength, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, pcm.byteLength, true);
  wav.set(pcm, 44);
  if (format === 'wav') return wav;
  return encodeMp3(decodeWav(wav));
}

export interface ChatRequest {
  model: string;
  max_completion_tokens?: number | null;
  max_tokens?: number | null;
  messages: { role: string; content: string }[];
  /** Absent in a plain request (doctor's probe); every course request has one. */
  response_format: { type: string; json_schema: { name: string; schema: JsonSchema } };
}

/** A request's stable name, read from its prompt the way the workflow words it. */
function requestKey(body: ChatRequest): string {
  const first = firstUserMessage(body);
  const title = /"([^"]+)"/.exec(first)?.[1] ?? '?';
  let m: RegExpExecArray | null;
  if ((m = /^Plan lessons (\d+) to/.exec(first))) return m[1] === '1' ? `outline|${title}` : `outline ${m[1]}|${title}`;
  if ((m = /^Write lesson (\d+) of/.exec(first))) return `lesson ${m[1]}|${title}`;
  // A broken part asked again: keyed by its schema's name, e.g. "lesson 3 quiz_questions".
  if ((m = /^Fix lesson (\d+) of/.exec(first))) return `lesson ${m[1]} ${body.response_format.json_schema.name.replace(/^lesson_/, '')}|${title}`;
  if ((m = /New terms for lesson (\d+)/.exec(first))) return `lesson ${m[1]} terms|${title}`;
  return `other|${title}`;
}

function bodyHashOf(body: ChatRequest): string {
  return createHash('sha256').update(JSON.stringify([body.messages, body.response_format?.json_schema?.name ?? ''])).digest('hex');
}

function promptTokensOf(body: ChatRequest): number {
  return JSON.stringify(body.messages).length >> 2;
}

function systemMessage(body: ChatRequest): string {
  return body.messages.find((m) => m.role === 'system')?.content ?? '';
}

function firstUserMessage(body: ChatRequest): string {
  return body.messages.find((m) => m.role === 'user')?.content ?? '';
}

/** The lesson's new terms as the prompt lists them, so practice text can use them as a model would. */
export function promptTerms(body: ChatRequest): string[] {
  const line = /^New terms: (.+)$/m.exec(firstUserMessage(body))?.[1];
  return line ? line.split(', ') : [];
}

function completion(body: ChatRequest, content: string, finish: string) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: finish }],
    usage: { prompt_tokens: promptTokensOf(body), completion_tokens: content.length >> 2, total_tokens: 0 },
  };
}

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
};

/** Fields of practice text (dialogue, exercises, examples, quiz) where a lesson's terms are used. */
const PRACTICE_FIELDS = new Set(['line', 'sentence', 'prompt', 'answer', 'question']);
/** Fields a model writes in the course's language (the rest is in the learner's: translations, explanations). */
const TERM_FIELDS = new Set(['vocabulary', 'terms']);
const SENTENCE_FIELDS = new Set(['line', 'sentence', 'example']);
/** Fields made from their siblings: a text's reading, a term's grammar. */
const DERIVED_FIELDS = new Set(['reading', 'exampleReading', 'partOfSpeech', 'gender', 'article']);

/** The values an enum (or a nullable enum) allows. */
const allowed = (s: JsonSchema | undefined): unknown[] => [...(s?.enum ?? []), ...(s?.anyOf ?? []).flatMap((o) => (o.type === 'null' ? [null] : (o.enum ?? [])))];

/**
 * A value that satisfies the schema; strings are unique per answer so vocabulary never repeats,
 * an enum's items are taken in turn (vocabulary terms), and practice text uses the given terms.
 * Given the course's language (fake-language.ts), terms, examples and lines are in its words and
 * script, with their true readings, parts of speech, genders and articles where the schema asks.
 */
export function fakeFromSchema(schema: JsonSchema, seed: string, terms: readonly string[] = [], language?: FakeLanguage): unknown {
  let counter = 0;
  let used = 0;
  // Unique per answer (the counter) and across answers (the seed), fixed width so no id is part of another.
  const base = (createHash('sha256').update(seed).digest().readUInt32LE(0) % 90_000) + 10_000;
  const id = () => `${base}${String(++counter).padStart(3, '0')}`;
  const derive = (name: string, s: JsonSchema, siblings: Record<string, unknown>, index: number): unknown => {
    if (name === 'reading' || name === 'exampleReading') {
      const text = (name === 'exampleReading' ? siblings.example : (siblings.term ?? siblings.line ?? siblings.sentence)) as string | undefined;
      if (!language || typeof text !== 'string') return make(s, name, index);
      const reading = fakeReading(language, text);
      return Object.fromEntries(Object.keys(s.properties ?? {}).map((k) => [k, k === 'kana' ? (reading.kana ?? reading.text) : reading.text]));
    }
    const word = language && typeof siblings.term === 'string' ? wordOf(language, siblings.term) : undefined;
    const options = allowed(s);
    // A word the server has no dictionary entry for is "other", with no gender or article: never
    // a made-up gender that the article would contradict.
    const wanted = name === 'partOfSpeech' ? (word?.pos ?? 'other') : ((name === 'gender' ? word?.gender : word?.article) ?? null);
    return options.includes(wanted) ? wanted : make(s, name, index);
  };
  const make = (s: JsonSchema, name: string, index: number): unknown => {
    if (s.const !== undefined) return s.const;
    if (s.enum) return s.enum[index % s.enum.length];
    if (s.anyOf) return make(s.anyOf[0]!, name, index);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    switch (type) {
      case 'object': {
        const entries = Object.entries(s.properties ?? {});
        const values: Record<string, unknown> = {};
        for (const [k, v] of entries) if (!DERIVED_FIELDS.has(k)) values[k] = make(v, k, index);
        // A term's example uses the term, as a model's does.
        if (language && typeof values.example === 'string' && typeof values.term === 'string') values.example = values.example.replace(/(。|\.)$/, ` — ${values.term}$1`);
        for (const [k, v] of entries) if (DERIVED_FIELDS.has(k)) values[k] = derive(k, v, values, index);
        return Object.fromEntries(entries.map(([k]) => [k, values[k]]));
      }
      case 'array': {
        const length = Math.min(Math.max(s.minItems ?? 1, 1), s.maxItems ?? Infinity);
        return Array.from({ length }, (_, i) => make(s.items ?? {}, name, i));
      }
      case 'integer':
      case 'number':
        return s.minimum ?? 0;
      case 'boolean':
        return true;
      default: {
        if (language && TERM_FIELDS.has(name)) return fakeTerm(language, index, id());
        if (language && SENTENCE_FIELDS.has(name)) {
          const sentence = fakeSentence(language, index, id());
          return PRACTICE_FIELDS.has(name) && terms.length ? `${sentence} — ${terms[used++ % terms.length]}` : sentence;
        }
        const text = `${name} ${++counter} (${seed})`;
        return PRACTICE_FIELDS.has(name) && terms.length ? `${text} with ${terms[used++ % terms.length]}` : text;
      }
    }
  };
  return make(schema, 'root', 0);
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number, res: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
