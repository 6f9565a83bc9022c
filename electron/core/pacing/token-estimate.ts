/**
 * How many tokens a request will be charged before it is sent, without a tokenizer.
 *
 * OpenAI's limiter charges a request on admission with its own character-based estimate of the
 * prompt plus `max_completion_tokens` (or `max_tokens`); it never sees our tokenizer. So the
 * estimate that matters for pacing is the provider's, and it is character based: about four
 * characters a token. Counting real tokens (js-tiktoken) would be more exact about the model and
 * less exact about the bill.
 */

/** Characters per token in the estimate (OpenAI's rule of thumb for English text). */
export const CHARS_PER_TOKEN = 4;
/** Tokens each message adds around its content (role and separators; OpenAI's cookbook counts 3–4). */
export const TOKENS_PER_MESSAGE = 4;
/** Tokens that prime the answer (`<|start|>assistant<|message|>`), once per request. */
export const TOKENS_PER_REPLY = 3;

export interface MessageLike {
  /** The text of the message. `null` (an assistant message with only tool calls) counts as empty. */
  content: string | null;
}

/**
 * The prompt's estimated tokens: for each message ⌈characters ÷ 4⌉ plus 4 for its role and
 * separators, plus 3 once for the answer's priming. An empty list costs nothing.
 */
export function estimatePromptTokens(messages: readonly MessageLike[]): number {
  if (messages.length === 0) return 0;
  let tokens = TOKENS_PER_REPLY;
  for (const message of messages) tokens += Math.ceil((message.content ?? '').length / CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE;
  return tokens;
}

export interface RequestCostInput {
  /** The prompt's estimate, from `estimatePromptTokens`. */
  promptTokens: number;
  /** The `max_completion_tokens` sent with the request: the answer can be no longer, and the provider charges all of it on admission. */
  maxCompletionTokens: number;
}

/**
 * The tokens a request is charged on admission: the prompt estimate plus `max_completion_tokens`,
 * as OpenAI charges it. Send `max_completion_tokens` with the request, or the estimate does not hold.
 */
export function requestCost({ promptTokens, maxCompletionTokens }: RequestCostInput): number {
  checkTokens('promptTokens', promptTokens);
  checkTokens('maxCompletionTokens', maxCompletionTokens);
  return promptTokens + maxCompletionTokens;
}

function checkTokens(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`Expected \`${name}\` to be a whole number from 0 and up, got \`${value}\` (${typeof value})`);
  }
}
