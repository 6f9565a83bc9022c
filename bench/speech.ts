import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Course } from '../electron/core/course/course-schema.js';
import { ClipStore, EspeakEngine, makeCourseAudio, Mp3Pool, OpenAiSpeechEngine, type SpeechEngine } from '../electron/core/speech/index.js';
import { spawnFakeLlmServer } from '../test/support/spawn-fake-llm-server.js';
import { report, type Figure } from './report.js';

// Issue 18: "bench/: speech time per lesson with espeak-ng and with the test server's speech
// endpoint, clips per second, MP3 bytes per minute of speech". A lesson here is the size a model
// writes: 10 terms with an example each, an 8-line dialogue between two speakers, 3 grammar
// examples: 31 clips. Each engine's lessons are spoken from nothing, then once more (a rerun,
// which must make no clip).

const LESSONS = 3;
const SERVER_LATENCY_MS = 300;
const SERVER_CONCURRENCY = 4;
/** The MP3 step's bit rate: 48 kbit/s is 360,000 bytes a minute, the ideal of the size figure. */
const MP3_BYTES_PER_MINUTE = (48_000 / 8) * 60;

const NOUNS = ['el mercado', 'la manzana', 'el pan', 'la leche', 'el queso', 'la naranja', 'el pescado', 'la carne', 'el arroz', 'la sal', 'el azúcar', 'la cebolla', 'el tomate', 'la patata', 'el huevo', 'la fresa', 'el limón', 'la uva', 'el café', 'la sopa'];
const LINES = ['Buenos días, ¿qué desea?', 'Quisiera un kilo de {n}, por favor.', '¿Algo más?', 'Sí, también necesito {n}.', 'Son cinco euros con veinte.', 'Aquí tiene. ¿Acepta tarjeta?', 'Claro que sí. Que tenga un buen día.', 'Gracias, igualmente.'];

/** A Spanish course of `lessons` typical lessons whose texts all differ (so every clip is made). */
function benchCourse(lessons: number): Pick<Course, 'language' | 'lessons'> {
  return {
    language: 'Spanish',
    lessons: Array.from({ length: lessons }, (_, l) => {
      const noun = (i: number) => `${NOUNS[(l * 10 + i) % NOUNS.length]!}${l * 10 + i >= NOUNS.length ? ` ${l + 1}` : ''}`;
      return {
        number: l + 1,
        slug: `lesson-${l + 1}`,
        title: `Lesson ${l + 1}`,
        summary: 'At the market.',
        goals: ['Buy food'],
        grammarPoint: 'Quisiera',
        vocabulary: Array.from({ length: 10 }, (_, i) => ({ term: noun(i), translation: 't', example: `En la lección ${l + 1} compro ${noun(i)} en el mercado.`, exampleTranslation: 't' })),
        dialogue: { setting: 'A market stall', lines: LINES.map((line, i) => ({ speaker: i % 2 === 0 ? 'Vendedora' : 'Cliente', line: `${line.replace('{n}', noun(i))} (${l + 1})`, translation: 't' })) },
        grammar: { point: 'Quisiera', explanation: 'Polite requests.', examples: [0, 1, 2].map((i) => ({ sentence: `Quisiera ${noun(i)}, lección ${l + 1}.`, translation: 't' })) },
      };
    }),
  };
}

/** Seconds of audio in the course's clips, as ffprobe reads them; undefined without ffprobe. */
function speechSeconds(folder: string, files: string[]): number | undefined {
  let total = 0;
  for (const file of files) {
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', join(folder, file)], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) return undefined;
    total += Number(probe.stdout.trim());
  }
  return total;
}

interface EngineRun {
  msPerLesson: number;
  clipsPerSecond: number;
  rerunMsPerLesson: number;
  rerunClips: number;
  clips: number;
  bytes: number;
  seconds?: number;
  /** Time inside the engine, of the whole first run (the rest is the MP3 step and writing). */
  engineShare: number;
}

async function measure(engine: SpeechEngine, concurrency: number): Promise<EngineRun> {
  const folder = mkdtempSync(join(tmpdir(), 'fluentpro-bench-speech-'));
  let engineMs = 0;
  const timed: SpeechEngine = {
    name: engine.name,
    listVoices: (l) => engine.listVoices(l),
    ...(engine.cannotSay ? { cannotSay: engine.cannotSay.bind(engine) } : {}),
    synthesize: async (r) => {
      const started = performance.now();
      try {
        return await engine.synthesize(r);
      } finally {
        engineMs += performance.now() - started;
      }
    },
  };
  try {
    const course = benchCourse(LESSONS);
    const started = performance.now();
    const first = await makeCourseAudio({ folder, course, engine: timed, concurrency });
    const wall = performance.now() - started;
    const rerunStarted = performance.now();
    const rerun = await makeCourseAudio({ folder, course, engine: timed, concurrency });
    const rerunWall = performance.now() - rerunStarted;
    const store = new ClipStore(folder);
    const files = await store.files();
    return {
      msPerLesson: wall / LESSONS,
      clipsPerSecond: first.synthesised / (wall / 1000),
      rerunMsPerLesson: rerunWall / LESSONS,
      rerunClips: rerun.synthesised,
      clips: first.clips,
      bytes: first.bytesWritten,
      seconds: speechSeconds(store.folder, files),
      // Summed over parallel calls, then divided by the parallel slots: the share of the wall.
      engineShare: engineMs / concurrency / wall,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function figuresOf(label: string, run: EngineRun, idealMsPerLesson?: number): Figure[] {
  return [
    { name: `${label} time per lesson`, value: Math.round(run.msPerLesson), unit: 'ms', lowerIsBetter: true, ...(idealMsPerLesson ? { ideal: idealMsPerLesson } : {}) },
    { name: `${label} clips per second`, value: Math.round(run.clipsPerSecond * 100) / 100, unit: 'clips/s' },
    { name: `${label} rerun time per lesson`, value: Math.round(run.rerunMsPerLesson), unit: 'ms', lowerIsBetter: true },
    { name: `${label} clips made by the rerun`, value: run.rerunClips, unit: 'clips', lowerIsBetter: true },
    ...(run.seconds ? [{ name: `${label} MP3 bytes per minute`, value: Math.round((run.bytes / run.seconds) * 60), unit: 'B', ideal: MP3_BYTES_PER_MINUTE, lowerIsBetter: true }] : []),
  ];
}

export async function speechBenchmark(): Promise<void> {
  const figures: Figure[] = [];
  const context: Record<string, unknown> = {
    course: `${LESSONS} Spanish lessons of 31 clips (10 terms, 10 examples, 8 dialogue lines, 3 grammar examples)`,
  };
  const mp3Threads = new Mp3Pool().size;
  const espeakInstalled = spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).error === undefined;
  if (espeakInstalled) {
    const concurrency = 2;
    const run = await measure(new EspeakEngine(), concurrency);
    figures.push(...figuresOf('espeak-ng', run));
    context['espeak-ng'] = `${concurrency} clips at once; ${Math.round(run.engineShare * 100)}% of the wall in espeak-ng calls (the MP3 step runs beside them on ${mp3Threads} worker thread(s)); ${run.seconds?.toFixed(1) ?? '?'} s of speech`;
  } else context['espeak-ng'] = 'skipped: espeak-ng is not installed (apt-get install espeak-ng)';

  // The server in its own process, as a real one is; its latency stands in for the network and the model.
  const server = await spawnFakeLlmServer(SERVER_LATENCY_MS);
  try {
    const run = await measure(new OpenAiSpeechEngine({ apiKey: 'bench', baseURL: server.baseURL, model: 'tts-1' }), SERVER_CONCURRENCY);
    // Every clip is one request of SERVER_LATENCY_MS, SERVER_CONCURRENCY at once: the best a lesson can take.
    const ideal = Math.ceil(31 / SERVER_CONCURRENCY) * SERVER_LATENCY_MS;
    figures.push(...figuresOf('test server', run, ideal));
    context['test server'] = `${SERVER_LATENCY_MS} ms a request, ${SERVER_CONCURRENCY} at once (ideal per lesson ${ideal} ms); ${Math.round(run.engineShare * 100)}% of the wall waiting on the server, the rest the MP3 step on ${mp3Threads} worker thread(s)`;
  } finally {
    await server.close();
  }
  context.goal = 'a rerun makes 0 clips; MP3 at 48 kbit/s is 360,000 bytes a minute of speech (the "ideal" of that figure)';
  report('speech', figures, context);
}
