// One small interface for every speech engine, as LlmProvider is for text: the clip store and the
// `audio` command know nothing of `say`, espeak-ng or HTTP.

export const SPEECH_ENGINE_NAMES = ['macos', 'openai', 'espeak-ng', 'none'] as const;
export type SpeechEngineName = (typeof SPEECH_ENGINE_NAMES)[number];

export interface SpeechRequest {
  text: string;
  /** The engine's voice id (from listVoices); the engine's default for the language when absent. */
  voice?: string;
  /** 1 is the voice's normal pace, 0.5 half as fast. Default 1. */
  speed?: number;
  /** BCP-47 tag of the text's language ("ja", "es-MX"). */
  language: string;
  signal?: AbortSignal;
}

/** What an engine wrote: the bytes and their container (the MP3 step converts WAV and AIFF). */
export interface SpeechAudio {
  bytes: Uint8Array;
  format: 'wav' | 'aiff' | 'mp3';
}

export interface Voice {
  /** What `voice` in a SpeechRequest takes ("Kyoko", "ja+f3", "nova"). */
  id: string;
  /** A name to show ("Kyoko (ja_JP)"). */
  name: string;
  /** BCP-47 tag of the voice's language, when the engine says ("ja-JP"); undefined for any language. */
  locale?: string;
}

export interface SpeechEngine {
  readonly name: SpeechEngineName;
  /** The voices that speak this language (BCP-47 tag), best first; empty when none is installed. */
  listVoices(language: string): Promise<Voice[]>;
  synthesize(request: SpeechRequest): Promise<SpeechAudio>;
  /**
   * Why the engine cannot speak a text right (espeak-ng and kanji), or undefined when it can. Such
   * a text gets no clip: silence teaches nothing, but a wrong sound teaches something wrong.
   */
  cannotSay?(request: SpeechRequest): Promise<string | undefined>;
}

export type SpeechErrorCode =
  /** The engine's program is not installed (espeak-ng, say). */
  | 'ENGINE_MISSING'
  /** No voice speaks the course's language. */
  | 'NO_VOICE'
  /** The engine ran and failed (a bad voice name, a server error). */
  | 'SYNTHESIS_FAILED'
  | 'CANCELLED';

/** A speech failure, with the fix in its message. Recognised by `code`, never by instanceof. */
export class SpeechError extends Error {
  constructor(
    message: string,
    readonly code: SpeechErrorCode,
  ) {
    super(message);
    this.name = this.constructor.name;
  }
}

/** Words per minute most voices of `say` and espeak-ng speak at by default. */
export const NORMAL_WPM = 175;

/** `speed` checked: a number from 0.25 to 4 (OpenAI's range, and a sane one for the others). */
export function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < 0.25 || speed > 4) throw new TypeError(`Expected \`speed\` to be a number from 0.25 to 4, got \`${speed}\` (${typeof speed})`);
  return speed;
}
