/**
 * How much room to give an answer (`max_completion_tokens`), learned from the answers.
 *
 * OpenAI charges a request on admission with its prompt estimate plus `max_completion_tokens`, so
 * under a token limit the room given is paid for whether the answer uses it or not: a lesson given
 * 4,000 tokens that writes 2,000 runs at half the rate its real use allows. The room is the answer's
 * size as seen so far for the same kind of request on the same model (`usage.completion_tokens`),
 * a high percentile plus a margin that narrows as answers come in; never below what the schema's
 * smallest complete answer takes, never above the kind's cap. Until a few answers are in, the cap.
 * An answer cut off for lack of room (`finish_reason: 'length'`) is asked again with more (the
 * caller's `atLeast`), and counted.
 */

/** What one request asks of the room. */
export interface AnswerRoomRequest {
  /** What the request is for (`lesson`, `outline-part`, …): answers of one kind are alike in size. */
  kind: string;
  /** The model that answers: sizes are learned per model. */
  model: string;
  /** The most room ever given: the kind's `MAX_COMPLETION_TOKENS`. */
  cap: number;
  /** Never less than this: what the schema's smallest complete answer takes (`smallestAnswerTokens`). Default 0. */
  floor?: number;
  /** At least this much, capped: the room a retry after a cut-off asks for (twice what was cut). Default 0. */
  atLeast?: number;
}

/** The sizes learned for one kind on one model, as the store keeps them (newest last). */
export interface LearnedSizes {
  model: string;
  kind: string;
  samples: number[];
}

export interface AnswerSizeStats {
  /** Complete answers learned from. */
  answers: number;
  /** Answers cut off because their room was too small (`finish_reason: 'length'` below the cap). */
  cutOff: number;
}

export type LearnListener = (learned: LearnedSizes) => void;

export interface AnswerSizesOptions {
  /** How many recent answers per kind and model are kept. Default 100. */
  window?: number;
  /** Answers needed before the room is learned rather than the cap. Default 3. */
  minSamples?: number;
  /** The percentile of recent answers the room is built on, from 0 to 1. Default 0.95. */
  percentile?: number;
  /**
   * Share added above the percentile, from 0 up. The margin is `margin + 1 / answers seen`: wide
   * after three answers (+43%), narrow after a hundred (+11%). Default 0.1.
   */
  margin?: number;
}

/**
 * Per kind and model: the last `window` answer sizes, and the room they call for. One for the
 * whole app (the admission's), restored from and saved to the store so a new run starts with what
 * the last one learned (`store/answer-size-store.ts`).
 */
export class AnswerSizes {
  readonly #samples = new Map<string, LearnedSizes>();
  readonly #listeners = new Set<LearnListener>();
  readonly #window: number;
  readonly #minSamples: number;
  readonly #percentile: number;
  readonly #margin: number;
  #answers = 0;
  #cutOff = 0;

  constructor(options: AnswerSizesOptions = {}) {
    this.#window = checkWhole('window', options.window ?? 100, 1);
    this.#minSamples = checkWhole('minSamples', options.minSamples ?? 3, 1);
    const percentile = options.percentile ?? 0.95;
    if (typeof percentile !== 'number' || !(percentile >= 0 && percentile <= 1)) {
      throw new TypeError(`Expected \`percentile\` to be a number from 0 to 1, got \`${String(percentile)}\` (${typeof percentile})`);
    }
    this.#percentile = percentile;
    const margin = options.margin ?? 0.1;
    if (typeof margin !== 'number' || !Number.isFinite(margin) || margin < 0) {
      throw new TypeError(`Expected \`margin\` to be a number from 0 and up, got \`${String(margin)}\` (${typeof margin})`);
    }
    this.#margin = margin;
  }

  /** Answers learned from and answers cut off, since this was made (the bench's "cut off %"). */
  get stats(): AnswerSizeStats {
    return { answers: this.#answers, cutOff: this.#cutOff };
  }

  /** The room to give a request now: `max_completion_tokens`, and the answer's part of its token charge. */
  room(request: AnswerRoomRequest): number {
    const cap = Math.max(1, Math.floor(request.cap));
    const learned = this.#learnedRoom(request.model, request.kind);
    const room = Math.max(learned ?? cap, Math.ceil(request.floor ?? 0), Math.ceil(request.atLeast ?? 0));
    return Math.min(cap, room);
  }

  /**
   * One answer came back. A complete one (`cutOff` false) teaches its size; a cut-off one says
   * only that its room was too small, and is counted.
   */
  record(model: string, kind: string, completionTokens: number, cutOff = false): void {
    if (!Number.isFinite(completionTokens) || completionTokens < 0) return;
    if (cutOff) {
      this.#cutOff++;
      return;
    }
    this.#answers++;
    const key = keyOf(model, kind);
    const learned = this.#samples.get(key) ?? { model, kind, samples: [] };
    learned.samples.push(Math.round(completionTokens));
    if (learned.samples.length > this.#window) learned.samples.splice(0, learned.samples.length - this.#window);
    this.#samples.set(key, learned);
    for (const listener of [...this.#listeners]) listener({ model, kind, samples: [...learned.samples] });
  }

  /** What was learned, for the store. */
  snapshot(): LearnedSizes[] {
    return [...this.#samples.values()].map((learned) => ({ ...learned, samples: [...learned.samples] }));
  }

  /** Takes what an earlier run learned (newest last); sizes learned here since are kept after them. */
  restore(learned: readonly LearnedSizes[]): void {
    for (const { model, kind, samples } of learned) {
      const valid = samples.filter((n) => Number.isFinite(n) && n >= 0).map(Math.round);
      const key = keyOf(model, kind);
      const merged = [...valid, ...(this.#samples.get(key)?.samples ?? [])].slice(-this.#window);
      this.#samples.set(key, { model, kind, samples: merged });
    }
  }

  /** Calls `listener` after each answer learned from. Returns a function that stops it. */
  onDidLearn(listener: LearnListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #learnedRoom(model: string, kind: string): number | undefined {
    const samples = this.#samples.get(keyOf(model, kind))?.samples;
    if (!samples || samples.length < this.#minSamples) return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    // Nearest rank: the smallest size at least `percentile` of the answers fit in.
    const high = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(this.#percentile * sorted.length) - 1))]!;
    return Math.ceil(high * (1 + this.#margin + 1 / samples.length) - 1e-9); // 1,000 × 1.2 is 1,200, not 1,201
  }
}

/** JSON's punctuation and short keys run about two characters a token, denser than prose's four. */
const SKELETON_CHARS_PER_TOKEN = 2;

/**
 * The tokens of the smallest answer a JSON schema (as sent in `response_format`) accepts: every
 * property (strict mode makes them all required), every array at its `minItems`, strings empty,
 * each enum at its shortest. A reservation below this would cut off even the barest valid answer.
 */
export function smallestAnswerTokens(schema: unknown): number {
  return Math.ceil(smallestJsonChars(schema, 0) / SKELETON_CHARS_PER_TOKEN);
}

function smallestJsonChars(schema: unknown, depth: number): number {
  if (depth > 32 || typeof schema !== 'object' || schema === null) return 1;
  const s = schema as { type?: unknown; properties?: Record<string, unknown>; items?: unknown; minItems?: number; enum?: unknown[]; const?: unknown; anyOf?: unknown[]; minLength?: number };
  if (s.const !== undefined) return JSON.stringify(s.const).length;
  if (Array.isArray(s.enum) && s.enum.length > 0) return Math.min(...s.enum.map((value) => JSON.stringify(value)?.length ?? 4));
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0) return Math.min(...s.anyOf.map((option) => smallestJsonChars(option, depth + 1)));
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('null')) return 4;
  switch (types[0]) {
    case 'object': {
      const entries = Object.entries(s.properties ?? {});
      return 2 + entries.reduce((sum, [key, value]) => sum + JSON.stringify(key).length + 1 + smallestJsonChars(value, depth + 1), 0) + Math.max(0, entries.length - 1);
    }
    case 'array': {
      const count = Math.max(0, s.minItems ?? 0);
      return 2 + count * smallestJsonChars(s.items, depth + 1) + Math.max(0, count - 1);
    }
    case 'string':
      return 2 + Math.max(0, s.minLength ?? 0);
    case 'boolean':
      return 4;
    default:
      return 1;
  }
}

function keyOf(model: string, kind: string): string {
  return `${model}\u0000${kind}`;
}

function checkWhole(name: string, value: number, least: number): number {
  if (!Number.isInteger(value) || value < least) {
    throw new TypeError(`Expected \`${name}\` to be a whole number from ${least} and up, got \`${String(value)}\` (${typeof value})`);
  }
  return value;
}
