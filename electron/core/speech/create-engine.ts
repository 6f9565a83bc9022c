import { EspeakEngine } from './espeak-engine.js';
import { DEFAULT_SPEECH_MODEL, OpenAiSpeechEngine } from './openai-speech-engine.js';
import { SayEngine } from './say-engine.js';
import { SpeechError, type SpeechEngine, type SpeechEngineName } from './speech-engine.js';

export interface SpeechSettings {
  engine: SpeechEngineName;
  /** openai: the key and server, the chat provider's unless told otherwise. */
  apiKey?: string;
  baseURL?: string;
  /** openai: the speech model. Default "gpt-4o-mini-tts". */
  model?: string;
}

/** `none` speaks nothing: the course is written without audio, as before speech existed. */
export class NoSpeechEngine implements SpeechEngine {
  readonly name = 'none' as const;
  async listVoices() {
    return [];
  }
  async synthesize(): Promise<never> {
    throw new SpeechError('the "none" speech engine makes no audio', 'NO_VOICE');
  }
}

/** The engine a user gets without choosing: macOS voices on a Mac, espeak-ng elsewhere. */
export function defaultSpeechEngine(platform: NodeJS.Platform = process.platform): SpeechEngineName {
  return platform === 'darwin' ? 'macos' : 'espeak-ng';
}

export function createSpeechEngine(settings: SpeechSettings): { engine: SpeechEngine; engineId: string } {
  switch (settings.engine) {
    case 'macos':
      return { engine: new SayEngine(), engineId: 'macos' };
    case 'espeak-ng':
      return { engine: new EspeakEngine(), engineId: 'espeak-ng' };
    case 'none':
      return { engine: new NoSpeechEngine(), engineId: 'none' };
    case 'openai': {
      if (!settings.apiKey && !settings.baseURL) throw new SpeechError('the openai speech engine needs an API key: set OPENAI_API_KEY (or give --base-url for a local server)', 'ENGINE_MISSING');
      const model = settings.model ?? DEFAULT_SPEECH_MODEL;
      // The model changes the sound: it is part of every clip's name.
      return { engine: new OpenAiSpeechEngine({ apiKey: settings.apiKey ?? 'not-needed', baseURL: settings.baseURL, model }), engineId: `openai:${model}` };
    }
  }
}
