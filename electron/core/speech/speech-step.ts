import { availableParallelism } from 'node:os';
import pLimit from 'p-limit';
import type { Course, CourseLesson } from '../course/course-schema.js';
import type { RequestPermits } from '../workflow/request-gate.js';
import { spokenTexts } from './clip-plan.js';
import { ClipStore } from './clip-store.js';
import { chooseVoices, ClipMaker, makeCourseAudio, planClips, type AudioResult, type ChosenVoices } from './make-audio.js';
import { createMp3Encoder, type Mp3Encoder } from './mp3-pool.js';
import { SpeechError, type SpeechAudio, type SpeechEngine, type SpeechRequest } from './speech-engine.js';

// The speech step of a generation: each lesson's clips are made as soon as its text is accepted,
// so speech overlaps the text of the lessons still being written, into a clip folder that
// outlives the run (the clips are their own checkpoint: a resumed run finds them on disk and
// makes only the rest). `finish` then speaks whatever is missing and writes the manifest.

/** What is spoken of a lesson (a checkpointed LessonContent has it all). */
export type SpokenLesson = Pick<CourseLesson, 'number' | 'vocabulary' | 'dialogue' | 'grammar'>;

export interface SpeechStepOptions {
  /** Where the clips go: `<folder>/audio/`. */
  folder: string;
  /** The course's language, as the spec names it ("Spanish"). */
  language: string;
  engine: SpeechEngine;
  /** What names the engine in clip hashes ("openai:tts-1"). Default: the engine's name. */
  engineId?: string;
  /** The narrator's voice. Default: the engine's first for the language. */
  voice?: string;
  /** Default 1. */
  speed?: number;
  /** Clips made at once. Default 2. */
  concurrency?: number;
  signal?: AbortSignal;
  /** The folder named in error messages (the course folder the user will see). Default `folder`. */
  shownFolder?: string;
}

export class SpeechStep {
  readonly options: SpeechStepOptions;
  readonly #voices: Promise<ChosenVoices>;
  readonly #encoder: Mp3Encoder;
  /** Made once the voices (and the language's tag) are known. */
  readonly #maker: Promise<ClipMaker>;
  #made?: ClipMaker;
  readonly #lessons: SpokenLesson[] = [];
  #spoken = 0;
  readonly #work: Promise<void>[] = [];
  /** The first failure: once the engine fails, no more clips are asked of it. */
  #failure: unknown;

  constructor(options: SpeechStepOptions) {
    this.options = options;
    const speed = options.speed ?? 1;
    this.#voices = chooseVoices(options.engine, options.language, options.shownFolder ?? options.folder, options.voice);
    this.#voices.catch((error: unknown) => (this.#failure ??= error));
    // Every core, at most 4 (the pool's default leaves one for the caller): during a generation
    // the job's own thread mostly waits for answers, and encoding is what speech waits on most.
    this.#encoder = createMp3Encoder({ size: Math.max(1, Math.min(4, availableParallelism())) });
    const limit = pLimit(options.concurrency ?? 2);
    this.#maker = this.#voices.then(
      (chosen) => (this.#made = new ClipMaker({ store: new ClipStore(options.folder), engine: options.engine, encoder: this.#encoder, speed, language: chosen.language, signal: options.signal, limit })),
    );
    this.#maker.catch(() => {});
  }

  /**
   * A lesson's text is accepted (or was, in an earlier run): its clips are made now, in the
   * background. Lessons are spoken in order (lesson N once 1…N−1 have arrived), so each dialogue
   * speaker gets the voice the whole course gives them.
   */
  lessonWritten(lesson: SpokenLesson): void {
    this.#lessons[lesson.number - 1] = lesson;
    while (this.#lessons[this.#spoken]) {
      const prefix = this.#lessons.slice(0, ++this.#spoken);
      const work = this.#speakLast(prefix);
      work.catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'CANCELLED') this.#failure ??= error;
      });
      this.#work.push(work);
    }
  }

  async #speakLast(prefix: SpokenLesson[]): Promise<void> {
    const chosen = await this.#voices;
    const maker = await this.#maker;
    const { entries, sayAs } = planClips(spokenTexts({ lessons: prefix as CourseLesson[] }), chosen, this.options.engineId ?? this.options.engine.name, this.options.speed ?? 1);
    const last = `/lessons/${prefix.length - 1}/`;
    await Promise.all(
      entries
        .filter(([pointer]) => pointer.startsWith(last))
        .map(([, entry]) => {
          if (this.#failure) return undefined;
          return maker.make(entry.file, { ...entry, sayAs: sayAs.get(entry.file) });
        }),
    );
  }

  /** Clips made so far in this run. */
  get synthesised(): number {
    return this.#made?.synthesised ?? 0;
  }

  /**
   * The whole course: waits for the lessons' clips, makes any still missing, writes the manifest
   * and removes clips no text speaks. Throws the engine's first failure (a SpeechError with its fix).
   */
  async finish(course: Pick<Course, 'language' | 'lessons'>): Promise<AudioResult> {
    await Promise.allSettled(this.#work);
    if (this.#failure) throw this.#failure;
    if (this.options.signal?.aborted) throw new SpeechError('cancelled', 'CANCELLED');
    const chosen = await this.#voices;
    const maker = await this.#maker;
    const result = await makeCourseAudio({
      folder: this.options.folder,
      course,
      engine: this.options.engine,
      engineId: this.options.engineId,
      voice: chosen.narrator,
      speed: this.options.speed,
      concurrency: this.options.concurrency,
      signal: this.options.signal,
      encoder: this.#encoder,
    });
    // What this run made in all: while the lessons were written, and at the end.
    result.synthesised += maker.synthesised;
    result.reused -= maker.synthesised;
    result.bytesWritten += maker.bytesWritten;
    result.charactersSynthesised += maker.charactersSynthesised;
    return result;
  }

  /** Stops the MP3 threads; call once, after `finish` or instead of it. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#work);
    await this.#encoder.close();
  }
}

/**
 * An engine whose every request first takes a permit from the shared admission, as a chat
 * request does (its characters counted as tokens, about four to one), so a provider's rate limit
 * slows speech and text together. For engines that speak to a server (OpenAI's speech).
 */
export function admitted(engine: SpeechEngine, permits: RequestPermits, priority: number): SpeechEngine {
  return {
    name: engine.name,
    listVoices: (language) => engine.listVoices(language),
    ...(engine.cannotSay ? { cannotSay: (request: SpeechRequest) => engine.cannotSay!(request) } : {}),
    async synthesize(request: SpeechRequest): Promise<SpeechAudio> {
      const release = await permits.acquire(priority, request.signal, Math.ceil(request.text.length / 4));
      try {
        const audio = await engine.synthesize(request);
        release({ outcome: 'ok' });
        return audio;
      } catch (error) {
        release({ outcome: /429|rate/i.test((error as Error).message) ? 'rate-limited' : 'error' });
        throw error;
      }
    },
  };
}
