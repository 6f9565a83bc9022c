import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClipStore } from '../../electron/core/speech/index.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';
import { HAS_ESPEAK, HAS_FFPROBE, probe } from './audio-probe.js';
import { speechCourse, writeCourseFolder } from './speech-fixtures.js';

// `fluentpro audio` as a user runs it (the built CLI in a child process; "npm test" builds first).

const tempDir = useTempDir('fluentpro-audio-cli-');
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function expectPlayableAudio(folder: string, clips: number) {
  const store = new ClipStore(folder);
  const manifest = (await store.readManifest())!;
  const files = [...new Set(Object.values(manifest.clips).map((c) => c.file))].sort();
  expect(files).toHaveLength(clips);
  expect(await store.files()).toEqual(files);
  for (const f of files) expect(probe(join(store.folder, f)).durationSeconds).toBeGreaterThan(0);
  return manifest;
}

describe.skipIf(!HAS_ESPEAK || !HAS_FFPROBE)('fluentpro audio with espeak-ng (CI installs espeak-ng and ffmpeg)', () => {
  it('gives a course its clips, then a rerun makes none', async () => {
    const folder = writeCourseFolder(tempDir(), speechCourse('Spanish'));
    const first = await runCli(['audio', folder, '--speech', 'espeak-ng'], { cwd: tempDir() });
    expect(first.stderr).toBe('');
    expect([first.code, first.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^${folder}/audio: 7 clips \\(7 made, 0 already there, 0 no longer used removed\\) in [\\d.]+ s\\n$`))]);
    await expectPlayableAudio(folder, 7);

    const again = await runCli(['audio', folder, '--speech', 'espeak-ng', '--json'], { cwd: tempDir() });
    expect(JSON.parse(again.stdout)).toMatchObject({ clips: 7, synthesised: 0, reused: 7, removed: [], voices: { narrator: 'es', speakers: { Ana: 'es+f3', Luis: 'es+m3' } } });
  });

  it('fails naming the folder and the language when espeak-ng has no voice for it', async () => {
    const folder = writeCourseFolder(tempDir(), { ...speechCourse('Spanish'), language: 'Khmer' });
    const run = await runCli(['audio', folder, '--speech', 'espeak-ng'], { cwd: tempDir() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`fluentpro audio: ${folder}: no espeak-ng voice for Khmer (km) is installed: espeak-ng does not speak "km"`);
  });
});

describe('fluentpro audio', () => {
  it.skipIf(!HAS_FFPROBE)('speaks through an OpenAI-compatible server with the chat provider\'s base URL and key, a voice per speaker', async () => {
    server = await FakeLlmServer.start();
    const folder = writeCourseFolder(tempDir(), speechCourse('Japanese', 2));
    const env = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: server.baseURL };
    const run = await runCli(['audio', folder, '--speech', 'openai', '--speech-model', 'tts-1', '--voice', 'nova', '--speed', '0.8'], { cwd: tempDir(), env });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/: 14 clips \(14 made, 0 already there, 0 no longer used removed, \d+ characters sent\)/);
    expect(server.speechRequests).toHaveLength(14);
    expect(new Set(server.speechRequests.map((r) => [r.model, r.responseFormat, r.speed].join()))).toEqual(new Set(['tts-1,wav,0.8']));
    const manifest = await expectPlayableAudio(folder, 14);
    expect(manifest.voices).toEqual({ narrator: 'nova', speakers: { さくら: 'alloy', 店員: 'onyx' } });

    const again = await runCli(['audio', folder, '--speech', 'openai', '--speech-model', 'tts-1', '--voice', 'nova', '--speed', '0.8'], { cwd: tempDir(), env });
    expect(again.stdout).toContain('(0 made, 14 already there');
    expect(server.speechRequests).toHaveLength(14);
  });

  it('names the package to install when espeak-ng is not on PATH', async () => {
    const folder = writeCourseFolder(tempDir(), speechCourse('German'));
    const run = await runCli(['audio', folder, '--speech', 'espeak-ng'], { cwd: tempDir(), env: { PATH: '' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`fluentpro audio: ${folder}: espeak-ng is not installed (no "espeak-ng" on PATH): install it with "sudo apt-get install espeak-ng" (Debian, Ubuntu) or "brew install espeak-ng" (macOS)`);
  });

  it('says what a folder that is not a course is, and suggests an engine for a typo', async () => {
    const notCourse = await runCli(['audio', tempDir(), '--speech', 'espeak-ng'], { cwd: tempDir() });
    expect([notCourse.code, notCourse.stderr]).toEqual([2, `fluentpro audio: ${tempDir()} is not a course folder: it has no course.json (give the folder that fluentpro generate wrote, e.g. courses/spanish-travel)\n`]);
    const typo = await runCli(['audio', tempDir(), '--speech', 'espeak'], { cwd: tempDir() });
    expect([typo.code, typo.stderr]).toEqual([2, 'fluentpro audio: unknown speech engine "espeak" (did you mean "espeak-ng"?); the engines are: macos, openai, espeak-ng, none\nSee: fluentpro audio --help\n']);
  });

  it('makes nothing with --speech none', async () => {
    const folder = writeCourseFolder(tempDir(), speechCourse('German'));
    writeFileSync(join(folder, 'marker'), '');
    const run = await runCli(['audio', folder, '--speech', 'none'], { cwd: tempDir() });
    expect([run.code, run.stderr]).toEqual([0, `fluentpro audio: no audio made for ${folder} (--speech none)\n`]);
    expect(await new ClipStore(folder).files()).toEqual([]);
    const fromEnv = await runCli(['audio', folder], { cwd: tempDir(), env: { FLUENTPRO_SPEECH: 'none' } });
    expect([fromEnv.code, fromEnv.stderr]).toEqual([0, `fluentpro audio: no audio made for ${folder} (--speech none)\n`]);
  });

  it('is listed in fluentpro --help and has its own help', async () => {
    expect((await runCli(['--help'], { cwd: tempDir() })).stdout).toContain('audio <course>       Add or refresh a course\'s audio');
    expect((await runCli(['audio', '--help'], { cwd: tempDir() })).stdout).toContain('System Settings ›\nAccessibility › Spoken Content › System Voice › Manage Voices…');
  });
});
