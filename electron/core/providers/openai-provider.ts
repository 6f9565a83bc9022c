import OpenAI from 'openai';
import { pickRateLimitHeaders } from '../pacing/rate-limit-headers.js';
import { parseRetryAfter } from '../workflow/retry-policy.js';
import { answerFromCompletion, chatCompletionBody } from './chat-completions.js';
import { ProviderError, type LlmAnswer, type LlmProvider, type LlmRequest } from './provider.js';

export interface OpenAiProviderOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (OpenAI, Ollama, LM Studio, vLLM). Default: OpenAI's. */
  baseURL?: string;
  model: string;
  /** A request open longer than this is abandoned and retried. Default 120 s. */
  requestTimeoutMs?: number;
}

/** Chat Completions with Structured Outputs through the official SDK. */
export class OpenAiProvider implements LlmProvider {
  readonly name = 'openai' as const;
  readonly demo = false;
  readonly model: string;
  readonly #client: OpenAI;

  constructor(options: OpenAiProviderOptions) {
    this.model = options.model;
    // Retries are ours (the shared Admission + retry policy): the SDK's own would hide 429s
    // and their x-ratelimit-* headers from the pacing, and multiply attempts.
    this.#client = new OpenAI({
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      maxRetries: 0,
      timeout: options.requestTimeoutMs ?? 120_000,
    });
  }

  async complete(request: LlmRequest): Promise<LlmAnswer> {
    let completion;
    let rateLimitHeaders;
    try {
      const { data, response } = await this.#client.chat.completions
        .create(chatCompletionBody(this.model, request), { signal: request.signal })
        .withResponse();
      completion = data;
      rateLimitHeaders = pickRateLimitHeaders(response.headers);
    } catch (error) {
      throw toProviderError(error, request.signal);
    }
    return answerFromCompletion(completion, rateLimitHeaders);
  }
}

/** Why every job stops on a 429 `insufficient_quota`, in words a course author can act on. */
export const QUOTA_MESSAGE = 'the provider says your account has no credit left (insufficient_quota): add credit or change the API key; finished lessons are kept';

/** Maps the SDK's errors onto our few kinds, keeping the server's own words. */
export function toProviderError(error: unknown, signal?: AbortSignal): ProviderError {
  if (signal?.aborted || error instanceof OpenAI.APIUserAbortError) return new ProviderError('cancelled', 'aborted');
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new ProviderError('the request timed out', 'timeout');
  if (error instanceof OpenAI.APIConnectionError) return new ProviderError(`cannot reach the server: ${error.message}`, 'connection');
  if (error instanceof OpenAI.APIError) {
    const status = error.status ?? 0;
    const retryAfter = parseRetryAfter(error.headers);
    const headers = pickRateLimitHeaders(error.headers);
    const message = `${status} ${error.message}`.trim();
    if (status === 429 && (error.code === 'insufficient_quota' || (error.error as { type?: string } | undefined)?.type === 'insufficient_quota')) {
      return new ProviderError(QUOTA_MESSAGE, 'quota', status, undefined, headers);
    }
    if (status === 429) return new ProviderError(`rate limited (${message})`, 'rate-limit', status, retryAfter, headers);
    // A local server (Ollama, LM Studio) answers 503 "queue full" when its queue is: back-pressure, like a 429.
    if (status === 503) return new ProviderError(`the server is busy (${message})`, 'rate-limit', status, retryAfter, headers);
    if (status === 408 || status === 409 || status >= 500) return new ProviderError(`server error (${message})`, 'server', status, retryAfter, headers);
    if (status === 401) return new ProviderError('the API key was refused (401): check OPENAI_API_KEY or the key in Settings', 'client', status);
    if (status === 404) return new ProviderError(`not found (404): check the base URL and the model name (${error.message})`, 'client', status);
    return new ProviderError(`the server refused the request (${message})`, 'client', status);
  }
  // A body that is not JSON (a proxy's HTML page, a cut connection) surfaces as a plain Error.
  return new ProviderError(`the server's answer could not be read: ${(error as Error)?.message ?? String(error)}`, 'bad-response');
}
