import { availableParallelism } from 'node:os';
import type { Course } from '../course/course-schema.js';
import type { AudioResult } from '../speech/make-audio.js';
import type { SpeechStep } from '../speech/speech-step.js';
import type { SpeechEngine } from '../speech/speech-engine.js';
import type { RequestPermits } from '../workflow/request-gate.js';
import type { WorkflowEvent } from '../workflow/generate-course.js';
import type { JobSpeechSettings } from '../../shared/jobs.js';

// A job's speech step: the engine its settings name (OpenAI's speech paced by the same admission
// as its chat requests), the clips made as lessons are accepted, and the job's log told what
// happened. Audio is never a reason for a course to fail: without an engine or a voice the course
// is written without it, and the log says how to add it.
//
// The speech modules (and the OpenAI SDK, the MP3 encoder) load only for a job that speaks:
// test/cli/lazy-imports.test.ts guards that a demo course without audio loads none of them.
const loadSpeech = async () => {
  const [engines, step, audio, store] = await Promise.all([import('../speech/create-engine.js'), import('../speech/speech-step.js'), import('../speech/make-audio.js'), import('../speech/clip-store.js')]);
  return { createSpeechEngine: engines.createSpeechEngine, admitted: step.admitted, SpeechStep: step.SpeechStep, makeCourseAudio: audio.makeCourseAudio, ClipStore: store.ClipStore };
};

/** What the job needs to speak: its speech settings, and the chat provider's key and server (OpenAI speech's defaults). */
export type JobSpeech = JobSpeechSettings & { apiKey?: string; chatBaseURL?: string };

export interface SpeechContext {
  speech?: JobSpeech;
  permits: RequestPermits;
  priority: number;
  signal?: AbortSignal;
  onEvent?: (event: WorkflowEvent) => void | Promise<void>;
}

/** The job's engine, or undefined for no audio. Throws a SpeechError (with its fix) when it cannot be made. */
async function engineFor(context: SpeechContext): Promise<{ engine: SpeechEngine; engineId: string; concurrency: number } | undefined> {
  const speech = context.speech;
  if (!speech || speech.engine === 'none') return undefined;
  const { createSpeechEngine, admitted } = await loadSpeech();
  const made = createSpeechEngine({ engine: speech.engine, apiKey: speech.apiKey, baseURL: speech.baseURL ?? speech.chatBaseURL, model: speech.model });
  if (speech.engine === 'openai') return { engine: admitted(made.engine, context.permits, context.priority), engineId: made.engineId, concurrency: 4 };
  // One process per clip, beside the job's other work: at most the cores, at most 4.
  return { ...made, concurrency: Math.max(1, Math.min(4, availableParallelism())) };
}

/** A note for the job's log. */
async function note(context: SpeechContext, level: 'info' | 'warn', message: string): Promise<void> {
  await context.onEvent?.({ type: 'speech-note', level, message });
}

/**
 * Starts the speech step of a course whose clips go to `folder` (`shownFolder` is the course
 * folder named in messages). Undefined when the job makes no audio; a problem making the engine
 * is told to the log and also gives undefined.
 */
export async function startSpeechStep(context: SpeechContext, language: string, folder: string, shownFolder: string): Promise<SpeechStep | undefined> {
  let made: Awaited<ReturnType<typeof engineFor>>;
  try {
    made = await engineFor(context);
  } catch (error) {
    await note(context, 'warn', withoutAudio(error));
    return undefined;
  }
  if (!made) return undefined;
  const { SpeechStep } = await loadSpeech();
  return new SpeechStep({ folder, shownFolder, language, engine: made.engine, engineId: made.engineId, voice: context.speech?.voice, speed: context.speech?.speed, concurrency: made.concurrency, signal: context.signal });
}

/**
 * Finishes the step: true when the folder now holds the course's clips and clips.json. A failure
 * other than a cancel is told to the log as a warning, and the course goes on without audio.
 */
export async function finishSpeechStep(context: SpeechContext, step: SpeechStep, course: Pick<Course, 'language' | 'lessons'>, started: number): Promise<boolean> {
  try {
    const result = await step.finish(course);
    await note(context, 'info', summary(result, started));
    for (const warning of result.warnings) await note(context, 'warn', `audio: ${warning}`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'CANCELLED' || context.signal?.aborted) throw error;
    await note(context, 'warn', withoutAudio(error));
    return false;
  } finally {
    await step.close();
  }
}

/**
 * A lesson of a course that has audio was written again: its clips are made (only those whose
 * text changed; the others are on disk) and the course's manifest refreshed, with the course's
 * own narrator and speed when its engine is the job's. A course without audio stays without.
 */
export async function refreshCourseAudio(context: SpeechContext, folder: string, course: Pick<Course, 'language' | 'lessons'>): Promise<AudioResult | undefined> {
  if (!context.speech || context.speech.engine === 'none') return undefined;
  const { ClipStore, makeCourseAudio } = await loadSpeech();
  const manifest = await new ClipStore(folder).readManifest();
  if (!manifest) return undefined;
  // The course keeps the engine it was spoken with: another one would speak every clip again
  // (and remove clips perhaps paid for). `fluentpro audio --speech` changes it on purpose.
  const [courseEngine, courseModel] = manifest.engine.split(':');
  if (courseEngine !== context.speech.engine) {
    await note(context, 'warn', `audio not refreshed: the course's clips are spoken by ${manifest.engine}, and this job's engine is ${context.speech.engine}; "fluentpro audio ${folder} --speech ${courseEngine}" refreshes them`);
    return undefined;
  }
  const started = performance.now();
  try {
    const made = await engineFor({ ...context, speech: { ...context.speech, model: context.speech.model ?? courseModel } });
    if (!made) return undefined;
    const sameEngine = manifest.engine === made.engineId;
    const result = await makeCourseAudio({
      folder,
      course,
      engine: made.engine,
      engineId: made.engineId,
      voice: context.speech?.voice ?? (sameEngine ? manifest.voices.narrator : undefined),
      speed: context.speech?.speed ?? (sameEngine ? manifest.speed : undefined),
      concurrency: made.concurrency,
      signal: context.signal,
    });
    await note(context, 'info', summary(result, started));
    return result;
  } catch (error) {
    if ((error as { code?: string }).code === 'CANCELLED' || context.signal?.aborted) throw error;
    await note(context, 'warn', `audio not refreshed: ${(error as Error).message}`);
    return undefined;
  }
}

function summary(result: AudioResult, started: number): string {
  // OpenAI's speech is priced by the character (the course's usage has no field for it yet).
  const cost = result.manifest.engine.startsWith('openai') && result.charactersSynthesised ? `, ${result.charactersSynthesised} characters sent to the speech server` : '';
  return `audio: ${result.clips} clips (${result.synthesised} made, ${result.reused} already there${cost}) in ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

function withoutAudio(error: unknown): string {
  return `the course is written without audio: ${(error as Error)?.message ?? String(error)}`;
}
