import type { EngineSettings } from '../config/settings.js';
import type { LlmProvider } from './provider.js';

/**
 * The provider the settings name. Its module loads here, when a provider is made, not when this
 * one is imported: the OpenAI SDK takes a few hundred milliseconds to load, and a demo job, a
 * worker waiting for its first job, or a command that never asks a model needs none of it.
 */
export async function createProvider(settings: EngineSettings): Promise<LlmProvider> {
  if (settings.provider === 'demo') {
    const { DemoProvider } = await import('./demo-provider.js');
    return new DemoProvider({ delayMs: settings.demoDelayMs });
  }
  const { OpenAiProvider } = await import('./openai-provider.js');
  return new OpenAiProvider({
    apiKey: settings.apiKey ?? 'not-needed',
    baseURL: settings.baseURL,
    model: settings.model,
    requestTimeoutMs: settings.requestTimeoutMs,
  });
}
