import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { chatCompletionBody } from '../providers/chat-completions.js';
import type { LlmRequest } from '../providers/provider.js';
import { MAX_COMPLETION_TOKENS } from '../workflow/ask-structured.js';

/** The endpoint every FluentPro batch line asks: the one the live path uses. */
export const BATCH_ENDPOINT = '/v1/chat/completions';

/** One request of a batch, before it is written to a file. */
export interface BatchRequest {
  /** `<job id>/<step key>`: names the job and the step, and matches the answer to its request. */
  customId: string;
  body: ChatCompletionCreateParamsNonStreaming;
}

/** `<job id>/<step key>` ("k3m9x2ab/lesson:7"): a job id never holds a slash, so the first one splits. */
export function customIdOf(jobId: string, step: string): string {
  if (!jobId || jobId.includes('/')) throw new TypeError(`Expected \`jobId\` to be a non-empty string without "/", got \`${jobId}\``);
  if (!step) throw new TypeError('Expected `step` to be a non-empty string');
  return `${jobId}/${step}`;
}

export function parseCustomId(customId: string): { jobId: string; step: string } | undefined {
  const slash = customId.indexOf('/');
  if (slash <= 0 || slash === customId.length - 1) return undefined;
  return { jobId: customId.slice(0, slash), step: customId.slice(slash + 1) };
}

/**
 * The batch line for one step's request: exactly the body the live path sends for it (the same
 * builder, the same `max_completion_tokens` the live retry loop gives its kind of task).
 */
export function batchRequest(jobId: string, step: string, model: string, request: Pick<LlmRequest, 'task' | 'messages' | 'format'>): BatchRequest {
  const maxCompletionTokens = MAX_COMPLETION_TOKENS[request.task.kind];
  return { customId: customIdOf(jobId, step), body: chatCompletionBody(model, { ...request, maxCompletionTokens }) };
}

/** The JSONL line: `{custom_id, method, url, body}` (platform docs, "Batch API": the input file). */
export function jsonlLine(request: BatchRequest): string {
  return JSON.stringify({ custom_id: request.customId, method: 'POST', url: BATCH_ENDPOINT, body: request.body });
}
