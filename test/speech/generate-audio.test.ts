import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Course } from '../../electron/core/course/course-schema.js';
import { AUDIO_WORK_PREFIX } from '../../electron/core/output/write-course.js';
import { ClipStore, clipFileName } from '../../electron/core/speech/index.js';
import { Orchestrator } from '../../electron/core/queue/orchestrator.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';
import { HAS_ESPEAK, HAS_FFPROBE, probe } from './audio-probe.js';

// The speech step of `fluentpro generate` as a user runs it: the built CLI, real worker processes,
// the test server for text and speech, espeak-ng for local speech.

const tempDir = useTempDir('fluentpro-generate-audio-');
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SPEC = (title: string, lessons: number, language = 'Spanish') => `title: ${title}\nlanguage: ${language}\nlevel: A1\nlessons: ${lessons}\n`;

async function setUp(title: string, lessons: number, language?: string) {
  server = await FakeLlmServer.start({ latencyMs: 50 });
  const cwd = tempDir();
  writeFileSync(join(cwd, 'c.course.yaml'), SPEC(title, lessons, language));
  const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'test-model' };
  return { cwd, env, server };
}

/** The job's log lines, as `fluentpro logs` keeps them. */
function jobLog(cwd: string): { level: string; message: string }[] {
  const store = new JobStore(join(cwd, 'data', 'queue.sqlite'));
  try {
    return store.list().flatMap((j) => store.logs(j.id));
  } finally {
    store.close();
  }
}

/** Every clip clips.json lists is on disk and plays; no clip on disk is unlisted; every text of the course is spoken. */
async function expectEveryClipPlays(folder: string) {
  const store = new ClipStore(folder);
  const manifest = (await store.readManifest())!;
  expect(manifest).toBeDefined();
  const listed = [...new Set(Object.values(manifest.clips).map((c) => c.file))].sort();
  expect(listed.length).toBeGreaterThan(0);
  expect(await store.files()).toEqual(listed); // none missing, none orphaned
  for (const file of listed) expect(probe(join(store.folder, file)).durationSeconds, file).toBeGreaterThan(0);
  const course = JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8')) as Course;
  for (const [pointer, clip] of Object.entries(manifest.clips)) {
    const [, , l, section, ...rest] = pointer.split('/');
    const lesson = course.lessons[Number(l)] as unknown as Record<string, unknown>;
    const text = rest.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], lesson[section!]);
    expect(clip.text, pointer).toBe((text as string).trim());
  }
  return manifest;
}

describe.skipIf(!HAS_ESPEAK || !HAS_FFPROBE)('generate with espeak-ng (CI installs espeak-ng and ffmpeg)', { timeout: 180_000 }, () => {
  it('writes a course whose every term, example and line has a clip that plays, and leaves no clip folder behind', async () => {
    const { cwd, env } = await setUp('Audio Espeak', 2);
    const run = await runCli(['generate', 'c.course.yaml', '--out', 'out', '--data-dir', 'data', '--speech', 'espeak-ng'], { cwd, env });
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('1 of 1 course written')]);
    const manifest = await expectEveryClipPlays(join(cwd, 'out', 'audio-espeak'));
    expect(manifest.engine).toBe('espeak-ng');
    expect(Object.keys(manifest.clips).some((p) => p.startsWith('/lessons/1/dialogue/'))).toBe(true);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['audio-espeak']);
    expect(jobLog(cwd).map((l) => l.message)).toContainEqual(expect.stringMatching(/^audio: \d+ clips \(\d+ made, 0 already there\) in [\d.]+ s$/));
  });

  it('--no-audio writes no audio/, even with FLUENTPRO_SPEECH set', async () => {
    const { cwd, env } = await setUp('No Audio', 1);
    const run = await runCli(['generate', 'c.course.yaml', '--out', 'out', '--data-dir', 'data', '--no-audio'], { cwd, env: { ...env, FLUENTPRO_SPEECH: 'espeak-ng' } });
    expect(run.code).toBe(0);
    expect(existsSync(join(cwd, 'out', 'no-audio', 'course.json'))).toBe(true);
    expect(existsSync(join(cwd, 'out', 'no-audio', 'audio'))).toBe(false);
  });

  it("a spec's speech: none writes no audio/ over FLUENTPRO_SPEECH; --speech on the command line wins over the spec", async () => {
    const { cwd, env } = await setUp('Spec Silent', 1);
    writeFileSync(join(cwd, 'c.course.yaml'), `${SPEC('Spec Silent', 1)}speech: none\n`);
    const silent = await runCli(['generate', 'c.course.yaml', '--out', 'out', '--data-dir', 'data'], { cwd, env: { ...env, FLUENTPRO_SPEECH: 'espeak-ng' } });
    expect(silent.code).toBe(0);
    expect(existsSync(join(cwd, 'out', 'spec-silent', 'course.json'))).toBe(true);
    expect(existsSync(join(cwd, 'out', 'spec-silent', 'audio'))).toBe(false);
    const spoken = await runCli(['generate', 'c.course.yaml', '--out', 'out2', '--data-dir', 'data2', '--speech', 'espeak-ng'], { cwd, env });
    expect(spoken.code).toBe(0);
    await expectEveryClipPlays(join(cwd, 'out2', 'spec-silent'));
  });

  it('finishes a course in a language espeak-ng cannot speak without audio, the fix in the job log', async () => {
    const { cwd, env } = await setUp('Khmer Course', 1, 'Khmer');
    const run = await runCli(['generate', 'c.course.yaml', '--out', 'out', '--data-dir', 'data', '--speech', 'espeak-ng'], { cwd, env });
    expect(run.code).toBe(0);
    expect(existsSync(join(cwd, 'out', 'khmer-course', 'course.json'))).toBe(true);
    expect(existsSync(join(cwd, 'out', 'khmer-course', 'audio'))).toBe(false);
    expect(run.stderr).toMatch(/^warning: c\.course\.yaml \(job \w+\): the course is written without audio: .*no espeak-ng voice for Khmer/m);
    expect(jobLog(cwd)).toContainEqual({
      level: 'warn',
      message: expect.stringContaining(`the course is written without audio: ${join(cwd, 'out', 'khmer-course')}: no espeak-ng voice for Khmer (km) is installed: espeak-ng does not speak "km"`),
      at: expect.any(String),
    });
  });
});

describe('generate with audio', { timeout: 180_000 }, () => {
  it('finishes the course without audio when the engine is not installed, and says how to install it', async () => {
    const { cwd, env } = await setUp('Missing Engine', 1);
    // No PATH: espeak-ng cannot be found (node itself is started by its full path).
    const run = await runCli(['generate', 'c.course.yaml', '--out', 'out', '--data-dir', 'data', '--speech', 'espeak-ng'], { cwd, env: { ...env, PATH: '' } });
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('1 of 1 course written')]);
    expect(existsSync(join(cwd, 'out', 'missing-engine', 'audio'))).toBe(false);
    expect(jobLog(cwd)).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('the course is written without audio: espeak-ng is not installed (no "espeak-ng" on PATH): install it with "sudo apt-get install espeak-ng"') }),
    );
  });

  it.skipIf(!HAS_FFPROBE)('after kill -9 of the CLI during the speech step, run finishes the audio and synthesises no finished clip again', async () => {
    const { cwd, env, server } = await setUp('Killed Speech', 4);
    server.setOptions({ latencyMs: 150 });
    const args = ['--speech', 'openai', '--speech-model', 'tts-1'];
    const killed = await runCli(['generate', 'c.course.yaml', '--out', 'out', '--data-dir', 'data', '--lesson-concurrency', '2', ...args], {
      cwd,
      env,
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (server.speechRequests.length >= 12) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 5);
      },
    });
    expect(killed.code).toBe(null); // killed by the signal
    await new Promise((r) => setTimeout(r, 500)); // let the orphaned worker notice its parent is gone
    const work = readdirSync(join(cwd, 'out')).find((n) => n.startsWith(AUDIO_WORK_PREFIX));
    expect(work, 'the job\'s clip folder outlives the kill').toBeDefined();
    const finished = new Set(await new ClipStore(join(cwd, 'out', work!)).files());
    expect(finished.size).toBeGreaterThan(0);
    const askedBefore = server.speechRequests.length;

    const resumed = await runCli(['run', '--data-dir', 'data'], { cwd, env });
    expect(resumed.code, resumed.stderr).toBe(0);
    const manifest = await expectEveryClipPlays(join(cwd, 'out', 'killed-speech'));
    const askedAgain = server.speechRequests.slice(askedBefore).map((r) => clipFileName({ engine: 'openai:tts-1', voice: r.voice!, speed: r.speed ?? 1, text: r.input! }));
    expect(askedAgain.filter((file) => finished.has(file))).toEqual([]);
    // Everything the course names that was not on disk was made by the resumed run.
    const named = new Set(Object.values(manifest.clips).map((c) => c.file));
    for (const file of named) expect(finished.has(file) || askedAgain.includes(file), file).toBe(true);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['killed-speech']);
  });

  it.skipIf(!HAS_FFPROBE)('regenerating one lesson speaks only its changed texts', async () => {
    const { cwd, env, server } = await setUp('Regenerate Speech', 3);
    const args = ['--speech', 'openai', '--speech-model', 'tts-1'];
    expect((await runCli(['generate', 'c.course.yaml', '--out', 'out', '--data-dir', 'data', ...args], { cwd, env })).code).toBe(0);
    const folder = join(cwd, 'out', 'regenerate-speech');
    const before = await expectEveryClipPlays(folder);
    const askedBefore = server.speechRequests.length;
    expect(askedBefore).toBe(new Set(Object.values(before.clips).map((c) => c.file)).size);

    server.setOptions({ fault: ({ key }) => (key.startsWith('lesson 2|') ? { kind: 'spoil', spoil: (a) => void ((a.dialogue as { lines: { line: string }[] }).lines[0]!.line = 'Una línea nueva.') } : undefined) });
    const run = await runCli(['regenerate', folder, '--lesson', '2', '--data-dir', 'data', ...args], { cwd, env });
    expect(run.code, run.stderr).toBe(0);
    const after = await expectEveryClipPlays(folder);
    expect(after.clips['/lessons/1/dialogue/lines/0/line']).toMatchObject({ text: 'Una línea nueva.' });
    // Spoken again: exactly the texts whose clip the course did not have, all of them lesson 2's.
    const had = new Set(Object.values(before.clips).map((c) => c.file));
    const changed = Object.entries(after.clips).filter(([, c]) => !had.has(c.file));
    expect(changed.map(([pointer]) => pointer).every((p) => p.startsWith('/lessons/1/'))).toBe(true);
    expect(new Set(server.speechRequests.slice(askedBefore).map((r) => r.input))).toEqual(new Set(changed.map(([, c]) => c.text)));
    expect(server.speechRequests.length - askedBefore).toBe(new Set(changed.map(([, c]) => c.file)).size);
    expect(changed.length).toBeLessThan(Object.keys(after.clips).filter((p) => p.startsWith('/lessons/1/')).length);

    // Another engine than the course's: its clips are kept as they are, and the log says how to change them.
    const asked = server.speechRequests.length;
    const other = await runCli(['regenerate', folder, '--lesson', '3', '--data-dir', 'data', '--speech', 'espeak-ng'], { cwd, env });
    expect(other.code, other.stderr).toBe(0);
    expect(server.speechRequests.length).toBe(asked);
    expect(await new ClipStore(folder).readManifest()).toEqual(after);
    expect(jobLog(cwd)).toContainEqual(expect.objectContaining({ level: 'warn', message: `audio not refreshed: the course's clips are spoken by openai:tts-1, and this job's engine is espeak-ng; "fluentpro audio ${folder} --speech openai" refreshes them` }));
  });
});

describe('the speech step in the orchestrator', { timeout: 180_000 }, () => {
  it.skipIf(!HAS_FFPROBE)('after kill -9 of the worker during the speech step, the job resumes and synthesises no finished clip again', async () => {
    server = await FakeLlmServer.start({ latencyMs: 100 });
    const out = join(tempDir(), 'out');
    const store = new JobStore(join(tempDir(), 'queue.sqlite'));
    const orchestrator = new Orchestrator({ store, host: nodeHost(), apiKey: () => 'sk-test', pollMs: 100, retryBaseDelayMs: 20 });
    try {
      const settings = { provider: 'openai' as const, model: 'test-model', baseURL: server.baseURL, lessonConcurrency: 2, speech: { engine: 'openai' as const, model: 'tts-1' } };
      const id = orchestrator.enqueue(enqueueInput('Worker Killed', out, { lessons: 4, settings })).job.id;
      const work = join(out, `${AUDIO_WORK_PREFIX}${id}`);
      let finished: Set<string> | undefined;
      let askedBefore = 0;
      const poll = setInterval(() => {
        const pid = orchestrator.workers().find((w) => w.jobId === id)?.pid;
        if (!pid || server!.speechRequests.length < 12) return;
        clearInterval(poll);
        process.kill(pid, 'SIGKILL');
        // What is on disk and what was asked for, the moment it died.
        askedBefore = server!.speechRequests.length;
        finished = new Set(readdirSync(join(work, 'audio')).filter((f) => f.endsWith('.mp3')));
      }, 2);
      orchestrator.start();
      await orchestrator.onIdle();
      clearInterval(poll);
      expect(store.get(id)).toMatchObject({ state: 'succeeded', attempts: 2 });
      expect(finished!.size).toBeGreaterThan(0);
      const askedAgain = server.speechRequests.slice(askedBefore).map((r) => clipFileName({ engine: 'openai:tts-1', voice: r.voice!, speed: r.speed ?? 1, text: r.input! }));
      expect(askedAgain.filter((file) => finished!.has(file))).toEqual([]);
      const manifest = await expectEveryClipPlays(store.get(id)!.outputPath!);
      for (const file of new Set(Object.values(manifest.clips).map((c) => c.file))) expect(finished!.has(file) || askedAgain.includes(file), file).toBe(true);
      expect(existsSync(work)).toBe(false);
    } finally {
      await orchestrator.stop();
      store.close();
    }
  });
});
