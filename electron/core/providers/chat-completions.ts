import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { ProviderError, type LlmAnswer, type LlmRequest, type RateLimitHeaderValues } from './provider.js';

// The one place a Chat Completions request is written and its answer read, for both paths that
// send one: the live request (openai-provider.ts) and a Batch API line (core/batch), so a line
// is exactly the request the live path would send and its answer is read the same way.

/** The request body: model, messages, the Structured Outputs schema, and `max_completion_tokens` when set. */
export function chatCompletionBody(model: string, request: Pick<LlmRequest, 'messages' | 'format' | 'maxCompletionTokens'>): ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: request.messages,
    response_format: { type: 'json_schema', json_schema: request.format },
    ...(request.maxCompletionTokens !== undefined ? { max_completion_tokens: request.maxCompletionTokens } : {}),
  };
}

/** The answer in a completion; a refusal or a missing message is a ProviderError, as on the live path. */
export function answerFromCompletion(completion: ChatCompletion | undefined, rateLimitHeaders?: RateLimitHeaderValues): LlmAnswer {
  const choice = completion?.choices?.[0];
  const text = choice?.message?.content;
  if (typeof text !== 'string') {
    const refusal = choice?.message?.refusal;
    if (refusal) throw new ProviderError(`the model refused: ${refusal}`, 'client', undefined, undefined, rateLimitHeaders);
    throw new ProviderError('the server answered without any message content', 'bad-response', undefined, undefined, rateLimitHeaders);
  }
  return {
    text,
    promptTokens: completion?.usage?.prompt_tokens ?? 0,
    completionTokens: completion?.usage?.completion_tokens ?? 0,
    finishReason: choice?.finish_reason ?? 'stop',
    ...(rateLimitHeaders ? { rateLimitHeaders } : {}),
  };
}
