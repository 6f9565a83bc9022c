import OpenAI from 'openai';
import { SpeechError, type SpeechAudio, type SpeechEngine, type SpeechRequest, type Voice } from './speech-engine.js';

// OpenAI-compatible speech: `POST {baseURL}/audio/speech` through the official SDK's
// `client.audio.speech.create({ model, voice, input, response_format, speed })`, which returns
// the raw Response (openai-node src/resources/audio/speech.ts). Local servers that speak the
// same API (LocalAI, Kokoro-FastAPI, openedai-speech) work with a --base-url. WAV is asked for,
// not MP3, so every engine's clip goes through the same trimming and levelling.

/** OpenAI's built-in voices (SpeechCreateParams.voice); each speaks every language the model does. */
export const OPENAI_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const;

/** Voices in the order dialogue speakers get them: the narrator first, then clearly different ones. */
const SPEAKER_ORDER = ['alloy', 'nova', 'onyx', 'coral', 'echo', 'shimmer', 'ash', 'sage', 'fable', 'ballad', 'verse', 'marin', 'cedar'];

export const DEFAULT_SPEECH_MODEL = 'gpt-4o-mini-tts';

export interface OpenAiSpeechOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint; default OpenAI's. The chat provider's unless told otherwise. */
  baseURL?: string;
  /** Default "gpt-4o-mini-tts". */
  model?: string;
  /** A request open longer than this is abandoned. Default 60 s. */
  requestTimeoutMs?: number;
  /** Attempts the SDK makes on 429/5xx/connection errors. Default 2 (the SDK's default). */
  maxRetries?: number;
}

export class OpenAiSpeechEngine implements SpeechEngine {
  readonly name = 'openai' as const;
  readonly model: string;
  readonly #client: OpenAI;

  constructor(options: OpenAiSpeechOptions) {
    this.model = options.model ?? DEFAULT_SPEECH_MODEL;
    this.#client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: options.maxRetries ?? 2, timeout: options.requestTimeoutMs ?? 60_000 });
  }

  /** OpenAI has no endpoint that lists voices; its voices are multilingual, so every one is offered. */
  async listVoices(): Promise<Voice[]> {
    return SPEAKER_ORDER.map((id) => ({ id, name: id }));
  }

  async synthesize(request: SpeechRequest): Promise<SpeechAudio> {
    if (request.text.length > 4096) throw new SpeechError(`a clip's text is ${request.text.length} characters; OpenAI speech takes at most 4096`, 'SYNTHESIS_FAILED');
    try {
      const response = await this.#client.audio.speech.create(
        { model: this.model, voice: request.voice ?? SPEAKER_ORDER[0]!, input: request.text, response_format: 'wav', ...(request.speed !== undefined && request.speed !== 1 ? { speed: request.speed } : {}) },
        { signal: request.signal },
      );
      const bytes = new Uint8Array(await response.arrayBuffer());
      // A server that ignores response_format (some local ones answer MP3 whatever is asked).
      const format = bytes[0] === 0x52 && bytes[1] === 0x49 ? 'wav' : 'mp3';
      return { bytes, format };
    } catch (error) {
      if (request.signal?.aborted || error instanceof OpenAI.APIUserAbortError) throw new SpeechError('cancelled', 'CANCELLED');
      if (error instanceof OpenAI.APIConnectionError) throw new SpeechError(`cannot reach the speech server: ${error.message} (check --base-url / OPENAI_BASE_URL)`, 'SYNTHESIS_FAILED');
      if (error instanceof OpenAI.APIError) {
        const fix = error.status === 401 ? ': check OPENAI_API_KEY' : error.status === 404 ? `: the server has no /audio/speech endpoint or no model "${this.model}" (choose one with --speech-model)` : '';
        throw new SpeechError(`the speech server answered ${error.status ?? 'an error'}: ${error.message}${fix}`, 'SYNTHESIS_FAILED');
      }
      throw error;
    }
  }
}
