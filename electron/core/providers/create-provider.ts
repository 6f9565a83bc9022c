import type { EngineSettings } from '../config/settings.js';
import { DemoProvider } from './demo-provider.js';
import { OpenAiProvider } from './openai-provider.js';
import type { LlmProvider } from './provider.js';

export function createProvider(settings: EngineSettings): LlmProvider {
  if (settings.provider === 'demo') return new DemoProvider({ delayMs: settings.demoDelayMs });
  return new OpenAiProvider({
    apiKey: settings.apiKey ?? 'not-needed',
    baseURL: settings.baseURL,
    model: settings.model,
    requestTimeoutMs: settings.requestTimeoutMs,
  });
}
