import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { espeakCannotSayOffhand, mayBeSpeltOut, spellsOutInEnglish } from './espeak-text.js';
import { runProgram } from './run-program.js';
import { NORMAL_WPM, SpeechError, type SpeechAudio, type SpeechEngine, type SpeechRequest, type Voice } from './speech-engine.js';

// espeak-ng (https://github.com/espeak-ng/espeak-ng, docs/guide.md): offline, on Linux and in CI,
// robotic but intelligible in about a hundred languages. `espeak-ng -v VOICE -s WPM -w out.wav
// --stdin` reads the text from stdin (so no text is ever taken for an option) and writes a
// 22,050 Hz mono 16-bit WAV. Voice variants (`es+f3`, `es+m3`) give dialogue speakers different
// voices from one language's voice.

export const ESPEAK_INSTALL = 'install it with "sudo apt-get install espeak-ng" (Debian, Ubuntu) or "brew install espeak-ng" (macOS)';

/** Variants in the order speakers get them: alternating female and male, each clearly different. */
const VARIANTS = ['f3', 'm3', 'f4', 'm4', 'f2', 'm2', 'f5', 'm5'];

export interface EspeakVoiceLine {
  priority: number;
  language: string;
  gender: string;
  name: string;
  file: string;
}

/**
 * The table `espeak-ng --voices[=lang]` prints: a header, then
 * ` 5  es              --/M      Spanish_(Spain)    roa/es               (es 5)`.
 */
export function parseEspeakVoices(output: string): EspeakVoiceLine[] {
  return output
    .split('\n')
    .slice(1)
    .map((line) => /^\s*(\d+)\s+(\S+)\s+\S*\/(\S)\s+(\S+)\s+(\S+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ priority: Number(m[1]), language: m[2]!, gender: m[3]!, name: m[4]!.replace(/_/g, ' '), file: m[5]! }));
}

/** The command line for one clip (the text goes on stdin). */
export function espeakArgs(voice: string, speed: number, out: string): string[] {
  return ['-v', voice, '-s', String(Math.round(NORMAL_WPM * speed)), '-w', out, '--stdin'];
}

export class EspeakEngine implements SpeechEngine {
  readonly name = 'espeak-ng' as const;
  readonly #command: string;
  readonly #voices = new Map<string, Promise<Voice[]>>();

  /** `command`: the program to run. Default "espeak-ng" (found on PATH). */
  constructor(options: { command?: string } = {}) {
    this.#command = options.command ?? 'espeak-ng';
  }

  listVoices(language: string): Promise<Voice[]> {
    // The whole tag: espeak-ng ranks a region's own voice first (pt-br for pt-BR, es-419 for es-MX).
    const tag = language.toLowerCase();
    let voices = this.#voices.get(tag);
    if (!voices) {
      voices = this.#run(['--voices=' + tag]).then((output) => {
        // MBROLA voices are listed even when their databases are not installed, and then fail;
        // variants ("!v/…") are not voices of a language on their own.
        const own = parseEspeakVoices(output).filter((v) => !v.file.startsWith('mb/') && !v.file.startsWith('!v/') && !/-latn-/i.test(v.language));
        const [first, ...rest] = own;
        if (!first) return [];
        const named = (id: string, name: string): Voice => ({ id, name, locale: first.language });
        return [named(first.language, first.name), ...VARIANTS.map((v) => named(`${first.language}+${v}`, `${first.name} (${v})`)), ...rest.map((v) => ({ id: v.language, name: v.name, locale: v.language }))];
      });
      voices.catch(() => this.#voices.delete(tag));
      this.#voices.set(tag, voices);
    }
    return voices;
  }

  /** Asks espeak-ng for the phonemes first (`-q -x`, no audio): see espeak-text.ts. */
  async cannotSay(request: SpeechRequest): Promise<string | undefined> {
    const offhand = espeakCannotSayOffhand(request.text, request.language);
    if (offhand) return offhand;
    if (!mayBeSpeltOut(request.language)) return undefined; // a Latin-script language: nothing to ask
    const voice = request.voice ?? (await this.listVoices(request.language))[0]?.id;
    if (!voice) return undefined; // synthesize says why
    const phonemes = await this.#run(['-v', voice, '-q', '-x', '--stdin'], request.text, request.signal);
    return spellsOutInEnglish(phonemes, request.language) ? `espeak-ng's ${request.language} dictionary lacks words in them and would spell them out in English` : undefined;
  }

  async synthesize(request: SpeechRequest): Promise<SpeechAudio> {
    const voice = request.voice ?? (await this.listVoices(request.language))[0]?.id;
    if (!voice) throw new SpeechError(`espeak-ng has no voice for "${request.language}" ("espeak-ng --voices" lists the languages it speaks); choose another engine with --speech`, 'NO_VOICE');
    const dir = await mkdtemp(join(tmpdir(), 'fluentpro-espeak-'));
    try {
      const out = join(dir, 'clip.wav');
      await this.#run(espeakArgs(voice, request.speed ?? 1, out), request.text, request.signal);
      return { bytes: new Uint8Array(await readFile(out)), format: 'wav' };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async #run(args: string[], input?: string, signal?: AbortSignal): Promise<string> {
    let result;
    try {
      result = await runProgram(this.#command, args, { input, signal });
    } catch (error) {
      if (signal?.aborted) throw new SpeechError('cancelled', 'CANCELLED');
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SpeechError(`espeak-ng is not installed (no "${this.#command}" on PATH): ${ESPEAK_INSTALL}`, 'ENGINE_MISSING');
      throw error;
    }
    if (result.code !== 0) {
      throw new SpeechError(`espeak-ng failed (exit ${result.code}): ${result.stderr.trim() || 'no message'}`, 'SYNTHESIS_FAILED');
    }
    return result.stdout;
  }
}
