// OpenAI-compatible servers Settings offers by name. Local ones run on this Mac: they need no
// real API key, send no rate-limit headers, and list their models at /v1/models.

export interface ProviderPreset {
  id: 'openai' | 'ollama' | 'lm-studio';
  name: string;
  /** '' means OpenAI's own endpoint. */
  baseURL: string;
  local: boolean;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { id: 'openai', name: 'OpenAI', baseURL: '', local: false },
  { id: 'ollama', name: 'Ollama (this Mac)', baseURL: 'http://localhost:11434/v1', local: true },
  { id: 'lm-studio', name: 'LM Studio (this Mac)', baseURL: 'http://localhost:1234/v1', local: true },
];
