import pLimit, { type LimitFunction } from 'p-limit';
import type { Course } from '../course/course-schema.js';
import { languageTag } from '../language/index.js';
import { assignSpeakerVoices, spokenTexts, type SpokenText } from './clip-plan.js';
import { ClipStore, clipFileName, type ClipEntry, type ClipManifest } from './clip-store.js';
import { createMp3Encoder, type Mp3Encoder } from './mp3-pool.js';
import { ADD_VOICE_HINT } from './say-engine.js';
import { ESPEAK_INSTALL } from './espeak-engine.js';
import { SpeechError, checkSpeed, type SpeechEngine } from './speech-engine.js';

export interface MakeAudioOptions {
  /** The course folder (clips go in its audio/). */
  folder: string;
  course: Pick<Course, 'language' | 'lessons'>;
  engine: SpeechEngine;
  /** What names the engine in clip hashes, when its model changes the sound ("openai:tts-1"). Default: the engine's name. */
  engineId?: string;
  /** The narrator's voice (terms, examples). Default: the engine's first voice for the language. */
  voice?: string;
  /** Default 1. */
  speed?: number;
  /** Clips made at once. Default 2 (espeak-ng and say are one process each; a server takes more). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Turns the engine's audio into MP3. Default: a pool of worker threads made for this run (closed after it). */
  encoder?: Mp3Encoder;
  /** After each clip is ready (made or found on disk). */
  onClip?: (done: number, total: number) => void;
}

export interface AudioResult {
  manifest: ClipManifest;
  /** Texts spoken (several texts may share one clip). */
  texts: number;
  /** Texts the engine cannot speak right, which have no clip: pointer → why. */
  unspoken: Record<string, string>;
  /** Distinct clip files the course now has. */
  clips: number;
  /** Clips the engine was asked for in this run. */
  synthesised: number;
  /** Clips already on disk from an earlier run. */
  reused: number;
  /** Orphaned clips removed (no text speaks them any more). */
  removed: string[];
  /** MP3 bytes written in this run. */
  bytesWritten: number;
  /** Characters sent to the engine in this run (what OpenAI's speech is priced by). */
  charactersSynthesised: number;
  warnings: string[];
}

/**
 * Adds or refreshes a course's audio: a clip for every term, example, dialogue line and grammar
 * example, made only when no clip with the same engine, voice, speed and text is on disk; then
 * the manifest, then the orphans go. A stopped run keeps the clips it finished.
 */
export async function makeCourseAudio(options: MakeAudioOptions): Promise<AudioResult> {
  const { course, engine, folder } = options;
  const speed = checkSpeed(options.speed ?? 1);
  const chosen = await chooseVoices(engine, course.language, folder, options.voice);
  const texts = spokenTexts(course);
  const engineId = options.engineId ?? engine.name;
  const { entries, speakers, shared, sayAs } = planClips(texts, chosen, engineId, speed);
  const warnings = shared ? [`only one ${engine.name} voice speaks ${course.language}: dialogue speakers share it`] : [];
  const wanted = new Map(entries.map(([, e]) => [e.file, { text: e.text, voice: e.voice, sayAs: sayAs.get(e.file) }]));

  const store = new ClipStore(folder);
  const encoder = options.encoder ?? createMp3Encoder();
  const maker = new ClipMaker({ store, engine, encoder, speed, language: chosen.language, signal: options.signal, limit: pLimit(options.concurrency ?? 2) });
  let done = 0;
  try {
    await Promise.all(
      [...wanted].map(async ([file, clip]) => {
        await maker.make(file, clip);
        options.onClip?.(++done, wanted.size);
      }),
    );
  } finally {
    if (!options.encoder) await encoder.close();
  }
  const cannot = maker.cannot;
  const unspoken: Record<string, string> = {};
  const manifest: ClipManifest = { formatVersion: 1, engine: engineId, language: chosen.language, speed, voices: { narrator: chosen.narrator, speakers }, clips: {} };
  for (const [pointer, entry] of entries) {
    const reason = cannot.get(entry.file);
    if (reason) unspoken[pointer] = reason;
    else manifest.clips[pointer] = entry;
  }
  const reasons = [...new Set(Object.values(unspoken))];
  if (reasons.length) {
    manifest.unspoken = unspoken;
    warnings.push(`${Object.keys(unspoken).length} texts have no clip (${reasons.join('; ')}): use --speech macos or --speech openai for this course`);
  }
  await store.writeManifest(manifest);
  const removed = await store.removeOrphans(manifest);
  const { synthesised, bytesWritten, charactersSynthesised } = maker;
  return { manifest, texts: texts.length - Object.keys(unspoken).length, unspoken, clips: wanted.size - cannot.size, synthesised, reused: wanted.size - cannot.size - synthesised, removed, bytesWritten, charactersSynthesised, warnings };
}

/** The voices a course is spoken with: the language's tag, the engine's voices for it, the narrator's. */
export interface ChosenVoices {
  language: string;
  voices: string[];
  narrator: string;
}

/**
 * The engine's voices for the course's language and the narrator's voice (`voice`, else the
 * engine's first). Throws a SpeechError with the fix when there is none; `folder` is named in it.
 */
export async function chooseVoices(engine: SpeechEngine, courseLanguage: string, folder: string, voice?: string): Promise<ChosenVoices> {
  const language = languageTag(courseLanguage);
  if (!language) throw new SpeechError(`${folder}: the course's language "${courseLanguage}" is not one FluentPro knows, so no voice can be chosen for it`, 'NO_VOICE');
  const voices = (await engine.listVoices(language)).map((v) => v.id);
  if (voices.length === 0 && !voice) throw noVoiceError(engine.name, courseLanguage, language, folder);
  // macOS voices are a fixed set per Mac: a name not among the language's is a typo or a voice not
  // downloaded, and say would only say "not found" for each clip. (espeak-ng takes any variant,
  // and OpenAI-compatible servers have voices of their own, so theirs are not checked.)
  if (voice && engine.name === 'macos' && !voices.includes(voice)) {
    throw new SpeechError(`${folder}: no macOS voice named "${voice}" speaks ${courseLanguage}; installed for it: ${voices.join(', ') || 'none'} (add voices in ${ADD_VOICE_HINT})`, 'NO_VOICE');
  }
  return { language, voices, narrator: voice ?? voices[0]! };
}

/**
 * Each spoken text's clip (pointer → entry), with the speakers' voices. The same texts and voices
 * always give the same files, and the texts of the first N lessons give the same voices whatever
 * follows them (speakers get voices in order of first appearance), so clips made for a course's
 * first lessons while the rest are still being written are the ones the whole course names.
 */
export function planClips(
  texts: readonly SpokenText[],
  chosen: ChosenVoices,
  engineId: string,
  speed: number,
): { entries: [string, ClipEntry][]; speakers: Record<string, string>; shared: boolean; sayAs: Map<string, string> } {
  const { speakers, shared } = assignSpeakerVoices(texts, chosen.voices, chosen.narrator);
  const sayAs = new Map<string, string>();
  const entries: [string, ClipEntry][] = texts.map((t) => {
    const voice = t.speaker !== undefined ? speakers[t.speaker]! : chosen.narrator;
    const file = clipFileName({ engine: engineId, voice, speed, text: t.text, ...(t.sayAs ? { sayAs: t.sayAs } : {}) });
    if (t.sayAs) sayAs.set(file, t.sayAs);
    return [t.pointer, { file, text: t.text.trim(), voice, ...(t.speaker !== undefined ? { speaker: t.speaker } : {}) }];
  });
  return { entries, speakers, shared, sayAs };
}

/**
 * Makes clips that are not on disk yet, at most `limit`'s concurrency at once, and counts what it
 * did. A clip asked for twice at once is made once.
 */
export class ClipMaker {
  /** Clip files the engine cannot say right, and why (no clip is made for them). */
  readonly cannot = new Map<string, string>();
  synthesised = 0;
  bytesWritten = 0;
  charactersSynthesised = 0;
  readonly #making = new Map<string, Promise<void>>();

  constructor(
    readonly options: { store: ClipStore; engine: SpeechEngine; encoder: Mp3Encoder; speed: number; language: string; signal?: AbortSignal; limit: LimitFunction },
  ) {}

  make(file: string, clip: { text: string; voice: string; sayAs?: string }): Promise<void> {
    let making = this.#making.get(file);
    if (!making) {
      making = this.options.limit(() => this.#make(file, clip));
      this.#making.set(file, making);
    }
    return making;
  }

  async #make(file: string, clip: { text: string; voice: string; sayAs?: string }): Promise<void> {
    const { store, engine, encoder, speed, language, signal } = this.options;
    if (signal?.aborted) throw new SpeechError('cancelled', 'CANCELLED');
    if (await store.has(file)) return;
    let request = { text: clip.text, voice: clip.voice, speed, language, signal };
    const reason = await engine.cannotSay?.(request);
    if (reason) {
      // A Japanese text the engine cannot say in kanji is said from its kana reading, if it has one.
      const instead = clip.sayAs ? { ...request, text: clip.sayAs } : undefined;
      const insteadReason = instead && (await engine.cannotSay?.(instead));
      if (!instead || insteadReason) {
        // The kana's reason when there was kana: that is what could not be said in the end.
        this.cannot.set(file, insteadReason || reason);
        return;
      }
      request = instead;
    }
    const mp3 = await encoder.encode(await engine.synthesize(request));
    await store.write(file, mp3);
    this.synthesised++;
    this.charactersSynthesised += request.text.length;
    this.bytesWritten += mp3.byteLength;
  }
}

/** No voice for the language: where to get one, for each engine. */
export function noVoiceError(engine: string, name: string, tag: string, folder: string): SpeechError {
  const fix =
    engine === 'macos'
      ? `add a ${name} voice in ${ADD_VOICE_HINT}, then run "fluentpro audio ${folder}" again (or use --speech openai)`
      : engine === 'espeak-ng'
        ? `espeak-ng does not speak "${tag}" ("espeak-ng --voices" lists what it speaks; if it lists nothing, ${ESPEAK_INSTALL}); or use --speech macos or --speech openai`
        : `choose a voice with --voice, or another engine with --speech`;
  return new SpeechError(`${folder}: no ${engine} voice for ${name} (${tag}) is installed: ${fix}`, 'NO_VOICE');
}
