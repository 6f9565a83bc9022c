import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EngineSettings } from '../config/settings.js';
import type { Course, Usage } from '../course/course-schema.js';
import { assembleCourse } from '../output/assemble-course.js';
import { AUDIO_WORK_PREFIX, findOwnCourse, writeCourse } from '../output/write-course.js';
import { slugify } from '../output/slug.js';
import { finishSpeechStep, startSpeechStep, type JobSpeech } from './course-speech.js';
import type { LlmProvider } from '../providers/provider.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import type { RequestPermits } from '../workflow/request-gate.js';
import { generateCourse, type GenerateOptions } from '../workflow/generate-course.js';
import { DEFAULT_RETRY_POLICY } from '../workflow/retry-policy.js';
import { VERSION } from '../../shared/version.js';
import { addUsage, noUsage } from '../workflow/step-answer.js';

export interface ProduceOptions {
  provider: LlmProvider;
  permits: RequestPermits;
  settings: Pick<EngineSettings, 'lessonConcurrency' | 'outDir' | 'maxAttempts'>;
  priority: number;
  signal?: AbortSignal;
  checkpoints?: GenerateOptions['checkpoints'];
  onEvent?: GenerateOptions['onEvent'];
  /** Told before each wait for the provider's rate limit (for the job's log). */
  onRateLimitWait?: GenerateOptions['onRateLimitWait'];
  /** Told when the provider refuses in a way that stops every job (no credit left). */
  onProviderStop?: GenerateOptions['onProviderStop'];
  /** Saves what has arrived of an unfinished step (see GenerateOptions). */
  onDraft?: GenerateOptions['onDraft'];
  /** Told of every answer the provider sent, the moment it arrives (what it was paid). */
  onAnswered?: GenerateOptions['onAnswered'];
  /**
   * What earlier runs of this job paid, every answer counted (the job's usage when it was
   * claimed). With it, the course's usage is that plus every answer of this run, requests whose
   * step was never finished included; without it, the sum of the steps' usage.
   */
  usageBefore?: Usage;
  /** The job writing the course: names its temporary folder and marks the course folder as its own. */
  jobId?: string;
  /** How the course's audio is made; absent or engine "none": no audio. */
  speech?: JobSpeech;
}

/**
 * How a course is spoken: the spec's `speech:` over the job's settings (the app's Settings,
 * $FLUENTPRO_SPEECH, the machine's default), unless the run named an engine itself (a flag).
 * Another engine than the job's drops the job's voice, which that engine would not know.
 */
export function speechFor(spec: Pick<CourseSpec, 'speech'>, job: JobSpeech | undefined): JobSpeech | undefined {
  const wanted = spec.speech;
  if (!wanted || job?.explicit) return job;
  const engine = wanted.engine ?? job?.engine;
  if (engine === undefined) return job;
  const sameEngine = engine === job?.engine;
  const voice = wanted.voice ?? (sameEngine ? job?.voice : undefined);
  const speed = wanted.speed ?? job?.speed;
  return { ...(sameEngine ? job : { apiKey: job?.apiKey, chatBaseURL: job?.chatBaseURL }), engine, ...(voice ? { voice } : {}), ...(speed !== undefined ? { speed } : {}) } as JobSpeech;
}

/** One job from spec to folder on disk: generate, assemble and check, write atomically. */
export async function produceCourse(spec: CourseSpec, options: ProduceOptions): Promise<{ course: Course; outputPath: string }> {
  const paid = noUsage();
  const outDir = options.settings.outDir;
  // The speech step's clips outlive a killed run here, beside the course's temporary folder; a
  // course already written by an earlier run of this job needs none made again.
  const clipFolder = join(outDir, `${AUDIO_WORK_PREFIX}${options.jobId ?? randomUUID()}`);
  const written = options.jobId ? await findOwnCourse(outDir, slugify(spec.title), options.jobId).catch(() => undefined) : undefined;
  const speechContext = { speech: speechFor(spec, options.speech), permits: options.permits, priority: options.priority, signal: options.signal, onEvent: options.onEvent };
  const speechStarted = performance.now();
  const speech = written ? undefined : await startSpeechStep(speechContext, spec.language, clipFolder, join(outDir, slugify(spec.title)));
  try {
    for (const [n, saved] of options.checkpoints?.lessons ?? []) speech?.lessonWritten({ number: n, ...saved.value });
    const content = await generateCourse(spec, {
      provider: options.provider,
      permits: options.permits,
      retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: options.settings.maxAttempts },
      priority: options.priority,
      signal: options.signal,
      lessonConcurrency: options.settings.lessonConcurrency,
      checkpoints: options.checkpoints,
      onEvent: async (event) => {
        await options.onEvent?.(event);
        // Spoken once its text is checkpointed, while the next lessons are written.
        if (event.type === 'step-done' && event.step === 'lesson') speech?.lessonWritten({ number: event.lessonNumber, ...event.content });
      },
      onRateLimitWait: options.onRateLimitWait,
      onProviderStop: options.onProviderStop,
      onDraft: options.onDraft,
      onAnswered: (usage) => {
        addUsage(paid, usage);
        options.onAnswered?.(usage);
      },
    });
    let usage = content.usage;
    if (options.usageBefore) {
      usage = { ...options.usageBefore };
      addUsage(usage, paid);
    }
    const course = assembleCourse({
      spec,
      outline: content.outline,
      lessons: content.lessons,
      repairs: content.repairs,
      usage,
      provider: { name: options.provider.name, model: options.provider.model, demo: options.provider.demo },
      version: VERSION,
    });
    const withAudio = speech ? await finishSpeechStep(speechContext, speech, course, speechStarted) : false;
    const outputPath = await writeCourse(course, outDir, { jobId: options.jobId, ...(withAudio ? { audioFrom: join(clipFolder, 'audio' /* ClipStore's AUDIO_FOLDER */) } : {}) });
    // The clips are the course's now (linked): the job's clip folder has done its work.
    await rm(clipFolder, { recursive: true, force: true });
    return { course, outputPath };
  } finally {
    // A step not finished (the text failed, or was cancelled) still stops its MP3 threads.
    await speech?.close();
  }
}
