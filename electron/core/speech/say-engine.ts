import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProgram } from './run-program.js';
import { NORMAL_WPM, SpeechError, type SpeechAudio, type SpeechEngine, type SpeechRequest, type Voice } from './speech-engine.js';

// macOS voices through `say` (man 1 say): offline, free, the default on a Mac.
// `say -v VOICE -r WPM -o out.aiff -f text.txt` writes an AIFF; `say -v '?'` lists the installed
// voices, one a line: name (may hold spaces and parentheses), locale, "#", a sample sentence:
//   Kyoko               ja_JP    # こんにちは! 私の名前はKyokoです。
//   Eddy (German (Germany)) de_DE    # Hallo! Ich heiße Eddy.

/** Where a Mac user adds a voice for another language (macOS 13 and later). */
export const ADD_VOICE_HINT = 'System Settings › Accessibility › Spoken Content › System Voice › Manage Voices…';

/** Apple's novelty voices: they sing, bubble or whisper, and are no model for a learner. */
const NOVELTY = new Set(['Bad News', 'Bahh', 'Bells', 'Boing', 'Bubbles', 'Cellos', 'Deranged', 'Good News', 'Hysterical', 'Jester', 'Organ', 'Pipe Organ', 'Superstar', 'Trinoids', 'Whisper', 'Wobble', 'Zarvox']);

export interface SayVoice {
  name: string;
  /** As `say` prints it: "ja_JP", "ar_001", "en-scotland". */
  locale: string;
  sample: string;
}

/** The voices in `say -v '?'` output (lines that do not parse are skipped). */
export function parseSayVoices(output: string): SayVoice[] {
  return output
    .split('\n')
    .map((line) => /^(.+?)\s+([a-z]{2,3}(?:[_-][A-Za-z0-9]+)*)\s+#\s?(.*)$/.exec(line.trimEnd()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[1]!.trim(), locale: m[2]!, sample: m[3]! }));
}

/**
 * The voices that speak a language (BCP-47 tag), best first: those of the language's likely
 * region (ja → ja_JP, pt-BR → pt_BR), then its other regions; novelty voices left out.
 */
export function voicesFor(voices: readonly SayVoice[], language: string): SayVoice[] {
  const [primary] = language.toLowerCase().split('-');
  let region: string | undefined;
  try {
    region = new Intl.Locale(language).maximize().region;
  } catch {
    region = undefined;
  }
  const speaks = voices.filter((v) => !NOVELTY.has(v.name) && v.locale.toLowerCase().split(/[_-]/)[0] === primary);
  const inRegion = (v: SayVoice) => (region !== undefined && v.locale.split(/[_-]/)[1]?.toUpperCase() === region ? 0 : 1);
  return speaks.map((v, i) => ({ v, i })).sort((a, b) => inRegion(a.v) - inRegion(b.v) || a.i - b.i).map(({ v }) => v);
}

/** The command line for one clip. */
export function sayArgs(voice: string, speed: number, textFile: string, out: string): string[] {
  return ['-v', voice, '-r', String(Math.round(NORMAL_WPM * speed)), '-o', out, '-f', textFile];
}

export class SayEngine implements SpeechEngine {
  readonly name = 'macos' as const;
  readonly #command: string;
  #installed: Promise<SayVoice[]> | undefined;

  /** `command`: the program to run. Default "say" (macOS's /usr/bin/say). */
  constructor(options: { command?: string } = {}) {
    this.#command = options.command ?? 'say';
  }

  async listVoices(language: string): Promise<Voice[]> {
    this.#installed ??= this.#run(['-v', '?']).then(parseSayVoices);
    this.#installed.catch(() => (this.#installed = undefined));
    return voicesFor(await this.#installed, language).map((v) => ({ id: v.name, name: `${v.name} (${v.locale})`, locale: v.locale.replace(/_/g, '-') }));
  }

  async synthesize(request: SpeechRequest): Promise<SpeechAudio> {
    const voice = request.voice ?? (await this.listVoices(request.language))[0]?.id;
    if (!voice) throw new SpeechError(`no macOS voice for "${request.language}" is installed: add one in ${ADD_VOICE_HINT}`, 'NO_VOICE');
    const dir = await mkdtemp(join(tmpdir(), 'fluentpro-say-'));
    try {
      const textFile = join(dir, 'text.txt');
      const out = join(dir, 'clip.aiff');
      await writeFile(textFile, request.text);
      await this.#run(sayArgs(voice, request.speed ?? 1, textFile, out), request.signal);
      return { bytes: new Uint8Array(await readFile(out)), format: 'aiff' };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async #run(args: string[], signal?: AbortSignal): Promise<string> {
    let result;
    try {
      result = await runProgram(this.#command, args, { signal });
    } catch (error) {
      if (signal?.aborted) throw new SpeechError('cancelled', 'CANCELLED');
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new SpeechError(`the macos engine needs macOS's "say" command, which is not here: use --speech espeak-ng or --speech openai`, 'ENGINE_MISSING');
      throw error;
    }
    if (result.code !== 0) throw new SpeechError(`say failed (exit ${result.code}): ${result.stderr.trim() || 'no message'}`, 'SYNTHESIS_FAILED');
    return result.stdout;
  }
}
