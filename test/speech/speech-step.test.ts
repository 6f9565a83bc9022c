import { describe, expect, it } from 'vitest';
import { ClipStore, SpeechStep, type SpeechEngine, type SpeechRequest } from '../../electron/core/speech/index.js';
import { useTempDir } from '../support/temp-dir.js';
import { toneBetweenSilences, wavOf } from './audio-probe.js';
import { speechCourse } from './speech-fixtures.js';

// The speech step alone: lessons arrive out of order, as they do when four are written at once.

const tempDir = useTempDir('fluentpro-speech-step-');

/** An engine with four voices that answers every text with a short tone, and counts its calls. */
function toneEngine(): SpeechEngine & { calls: SpeechRequest[] } {
  const calls: SpeechRequest[] = [];
  const wav = wavOf(toneBetweenSilences(16_000, 0.05, 0.3, 0.05), 16_000);
  return {
    name: 'espeak-ng',
    calls,
    listVoices: async () => ['v0', 'v1', 'v2', 'v3'].map((id) => ({ id, name: id })),
    synthesize: async (request) => {
      calls.push(request);
      await new Promise((r) => setTimeout(r, 2));
      return { bytes: wav, format: 'wav' };
    },
  };
}

describe('the speech step', () => {
  it('speaks lessons that arrive out of order with the voices the whole course gives them, each clip once', async () => {
    const course = speechCourse('Spanish', 3);
    // A speaker first heard in lesson 3: by the course's order the third speaker, whenever lesson 3 arrives.
    course.lessons[2]!.dialogue!.lines[1]!.speaker = 'Carla';
    const engine = toneEngine();
    const step = new SpeechStep({ folder: tempDir(), language: 'Spanish', engine, concurrency: 2 });
    for (const n of [3, 1, 2]) step.lessonWritten(course.lessons[n - 1]!);
    const result = await step.finish(course);
    await step.close();

    expect(result.manifest.voices).toEqual({ narrator: 'v0', speakers: { Ana: 'v1', Luis: 'v2', Carla: 'v3' } });
    const files = new Set(Object.values(result.manifest.clips).map((c) => c.file));
    expect(engine.calls).toHaveLength(files.size); // nothing made twice, nothing made in vain
    expect(result).toMatchObject({ synthesised: files.size, reused: 0, removed: [] });
    expect(await new ClipStore(tempDir()).files()).toEqual([...files].sort());
  });

  it('makes nothing again for lessons whose clips an earlier run made', async () => {
    const course = speechCourse('Spanish', 2);
    const first = new SpeechStep({ folder: tempDir(), language: 'Spanish', engine: toneEngine() });
    first.lessonWritten(course.lessons[0]!);
    await first.close(); // stopped after lesson 1's clips

    const engine = toneEngine();
    const again = new SpeechStep({ folder: tempDir(), language: 'Spanish', engine });
    for (const lesson of course.lessons) again.lessonWritten(lesson);
    const result = await again.finish(course);
    await again.close();
    const lesson2 = new Set(Object.entries(result.manifest.clips).filter(([p]) => p.startsWith('/lessons/1/')).map(([, c]) => c.text));
    expect(new Set(engine.calls.map((c) => c.text))).toEqual(lesson2);
  });

  it('throws the fix when the engine has no voice for the language, and makes nothing', async () => {
    const engine: SpeechEngine & { calls: SpeechRequest[] } = { ...toneEngine(), listVoices: async () => [] };
    const step = new SpeechStep({ folder: tempDir(), language: 'Spanish', engine, shownFolder: '/courses/spanish' });
    step.lessonWritten(speechCourse('Spanish', 1).lessons[0]!);
    await expect(step.finish(speechCourse('Spanish', 1))).rejects.toMatchObject({ code: 'NO_VOICE', message: expect.stringContaining('/courses/spanish: no espeak-ng voice for Spanish (es) is installed') });
    await step.close();
    expect(engine.calls).toEqual([]);
  });
});
