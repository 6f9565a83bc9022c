import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeLlmServer } from '../test/support/fake-llm-server.js';
import { runCli } from '../test/support/run-cli.js';
import { report, type Figure } from './report.js';

// Issue 18: "audio adds at most 20% to the wall time of a 20-lesson course against the test
// server (speech overlaps the next lessons' text)". The built `fluentpro generate` (real worker
// processes) writes the same 20-lesson course three times against the test server: without
// audio, with espeak-ng, and with the server's own /v1/audio/speech; each with audio is printed
// as a ratio of the one without (goal ≤ 1.2).

const LESSONS = 20;
/**
 * A text request's time. A real model takes 20–40 s to write a lesson; 12 s keeps the bench to a
 * few minutes and is still the harder case for the goal (less text time for speech to hide
 * behind). BENCH_TEXT_LATENCY_MS=4000 shows where the MP3 step becomes the limit (docs/speech.md).
 */
const TEXT_LATENCY_MS = Number(process.env.BENCH_TEXT_LATENCY_MS ?? 12_000);
/** A speech request's time at the test server (a short clip from a hosted TTS model). */
const SPEECH_LATENCY_MS = 300;

interface Run {
  ms: number;
  clips: number;
}

async function generate(server: FakeLlmServer, speech: string[]): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'fluentpro-bench-course-audio-'));
  try {
    writeFileSync(join(cwd, 'c.course.yaml'), `title: Bench Audio\nlanguage: Spanish\nlevel: A1\nlessons: ${LESSONS}\n`);
    const env = { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'bench-model' };
    const started = performance.now();
    const run = await runCli(['generate', 'c.course.yaml', '--out', 'out', '--data-dir', 'data', ...speech], { cwd, env });
    const ms = performance.now() - started;
    if (run.code !== 0) throw new Error(`generate ${speech.join(' ')} failed: ${run.stderr}`);
    let clips = 0;
    try {
      clips = Object.keys((JSON.parse(readFileSync(join(cwd, 'out', 'bench-audio', 'audio', 'clips.json'), 'utf8')) as { clips: object }).clips).length;
    } catch {
      // no audio
    }
    return { ms, clips };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

export async function courseAudioBenchmark(): Promise<void> {
  // Text requests wait TEXT_LATENCY_MS, speech requests SPEECH_LATENCY_MS.
  const server = await FakeLlmServer.start({ latencyMs: SPEECH_LATENCY_MS, fault: ({ key }) => (key.startsWith('speech|') ? undefined : { kind: 'slow', ms: TEXT_LATENCY_MS }) });
  const figures: Figure[] = [];
  const context: Record<string, unknown> = {
    course: `${LESSONS} Spanish lessons by the built CLI (worker processes, 4 lessons at once), text requests ${TEXT_LATENCY_MS} ms, speech requests ${SPEECH_LATENCY_MS} ms`,
    goal: 'with audio ≤ ×1.2 of the wall without (speech overlaps the next lessons\' text)',
  };
  try {
    const without = await generate(server, ['--no-audio']);
    figures.push({ name: 'course without audio', value: Math.round(without.ms), unit: 'ms', lowerIsBetter: true });
    const engines: [string, string[]][] = [['test server speech', ['--speech', 'openai', '--speech-model', 'tts-1']]];
    if (spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).error === undefined) engines.unshift(['espeak-ng', ['--speech', 'espeak-ng']]);
    else context['espeak-ng'] = 'skipped: espeak-ng is not installed (apt-get install espeak-ng)';
    for (const [label, flags] of engines) {
      const run = await generate(server, flags);
      figures.push({ name: `course with ${label}`, value: Math.round(run.ms), unit: 'ms', lowerIsBetter: true });
      // The ideal is 1: speech entirely hidden behind the text.
      figures.push({ name: `${label}: with / without audio`, value: Math.round((run.ms / without.ms) * 1000) / 1000, unit: '×', ideal: 1, lowerIsBetter: true });
      context[label] = `${run.clips} texts spoken (${Math.round(run.clips / LESSONS)} a lesson)`;
    }
  } finally {
    await server.close();
  }
  report('course-audio', figures, context);
}
