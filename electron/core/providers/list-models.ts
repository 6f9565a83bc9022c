import OpenAI from 'openai';
import { toProviderError } from './openai-provider.js';

/**
 * The models an OpenAI-compatible server lists at /v1/models, sorted (Settings' model picker,
 * `doctor`). A local server needs no real key. Failures come back as a ProviderError whose
 * message says what to check.
 */
export async function listServerModels(options: { baseURL?: string; apiKey?: string; timeoutMs?: number }): Promise<string[]> {
  const client = new OpenAI({ apiKey: options.apiKey || 'not-needed', baseURL: options.baseURL || undefined, maxRetries: 0, timeout: options.timeoutMs ?? 10_000 });
  try {
    const models: string[] = [];
    for await (const model of client.models.list()) models.push(model.id);
    return models.sort((a, b) => a.localeCompare(b));
  } catch (error) {
    throw toProviderError(error);
  }
}
