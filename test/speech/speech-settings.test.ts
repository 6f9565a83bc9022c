import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER } from '../../electron/core/api/host-services.js';
import { defaultSpeech, resolveSettings, resolveSpeech, toJobSettings } from '../../electron/core/config/settings.js';
import { speechFor } from '../../electron/core/engine/produce-course.js';
import type { JobSettings } from '../../electron/shared/jobs.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// How a course's speech engine is chosen: --speech / --no-audio, $FLUENTPRO_SPEECH, the machine's
// default, the app's Settings; and that the choice reaches the job (and so the worker).

const tempDir = useTempDir('fluentpro-speech-settings-');

/** A PATH holding one folder with an executable `espeak-ng`, or none. */
function pathWith(espeak: boolean): string {
  const bin = join(tempDir(), espeak ? 'with' : 'without');
  mkdirSync(bin, { recursive: true });
  if (espeak) writeFileSync(join(bin, 'espeak-ng'), '#!/bin/sh\n', { mode: 0o755 });
  return bin;
}

describe('the speech engine from flags, environment and machine', () => {
  it('defaults to macOS voices on a Mac, espeak-ng where it is installed, else none with a notice', () => {
    expect(defaultSpeech({ PATH: '' }, 'darwin')).toBe('macos');
    expect(defaultSpeech({ PATH: pathWith(true) }, 'linux')).toBe('espeak-ng');
    const notices: string[] = [];
    expect(resolveSpeech({}, { PATH: pathWith(false) }, notices, 'linux')).toEqual({ engine: 'none' });
    expect(notices).toEqual(['No speech engine here (espeak-ng is not installed): courses are written without audio. Install espeak-ng, or choose --speech openai.']);
  });

  it('takes --no-audio over --speech, --speech over $FLUENTPRO_SPEECH, and a voice and model with it', () => {
    const env = { PATH: '', FLUENTPRO_SPEECH: 'espeak-ng', FLUENTPRO_VOICE: 'es+f2' };
    expect(resolveSpeech({}, env, [], 'linux')).toEqual({ engine: 'espeak-ng', voice: 'es+f2' });
    expect(resolveSpeech({ speech: 'openai', speechModel: 'tts-1', voice: 'nova' }, env, [], 'linux')).toEqual({ engine: 'openai', voice: 'nova', model: 'tts-1', explicit: true });
    expect(resolveSpeech({ speech: 'openai', noAudio: true }, env, [], 'linux')).toEqual({ engine: 'none', explicit: true });
  });

  it("takes the spec's speech: over the job's default, and a flag over the spec", () => {
    const fromSettings = { engine: 'espeak-ng' as const, voice: 'es+f2', apiKey: 'sk-x' };
    // The spec names another engine: the job's voice (an espeak-ng voice) is not carried to it.
    expect(speechFor({ speech: { engine: 'openai', voice: 'nova' } }, fromSettings)).toEqual({ engine: 'openai', voice: 'nova', apiKey: 'sk-x', chatBaseURL: undefined });
    expect(speechFor({ speech: { engine: 'none' } }, fromSettings)).toMatchObject({ engine: 'none' });
    // The same engine, slower: the job's voice stays.
    expect(speechFor({ speech: { speed: 0.8 } }, fromSettings)).toEqual({ ...fromSettings, speed: 0.8 });
    expect(speechFor({}, fromSettings)).toBe(fromSettings);
    // A flag (--speech, --no-audio) wins over the spec.
    const flagged = { engine: 'none' as const, explicit: true as const };
    expect(speechFor({ speech: { engine: 'espeak-ng' } }, flagged)).toBe(flagged);
    // A job from before speech existed: the spec alone decides.
    expect(speechFor({ speech: { engine: 'espeak-ng' } }, undefined)).toMatchObject({ engine: 'espeak-ng' });
  });

  it('refuses an engine it does not know, naming the choices', () => {
    expect(() => resolveSettings({ speech: 'espeak' }, { PATH: '' }, tempDir())).toThrow('--speech / FLUENTPRO_SPEECH must be one of macos, openai, espeak-ng, none, got "espeak"');
  });

  it('puts the choice in the job settings the worker gets', () => {
    const { settings } = resolveSettings({ provider: 'demo', speech: 'espeak-ng' }, { PATH: '' }, tempDir());
    expect(toJobSettings(settings).speech).toEqual({ engine: 'espeak-ng', explicit: true }); // chosen by a flag: wins over a spec's speech:
  });
});

describe('the speech engine in the app', () => {
  let core: AppCore | undefined;
  afterEach(async () => {
    await core?.close();
    core = undefined;
  });

  it('is a setting whose choice new jobs carry', async () => {
    core = startAppCore({ dataDir: join(tempDir(), 'data'), host: nodeHost(), secrets: new MemorySecretStore(undefined), files: NO_FILE_REVEALER, defaultOutDir: join(tempDir(), 'out'), examplesDir: tempDir(), schedules: false });
    await core.service.pauseQueue(); // the job is only looked at, not run
    // The suite runs with FLUENTPRO_SPEECH=none (vitest.config.ts): the default until Settings choose.
    expect((await core.service.getSettings()).speech).toBe('none');
    expect(await core.service.setSettings({ speech: 'espeak-ng' })).toMatchObject({ speech: 'espeak-ng' });
    const [added] = await core.service.addSpecContents([{ name: 'a.course.yaml', content: 'title: Audio Setting\nlanguage: Spanish\nlevel: A1\nlessons: 1\n' }]);
    expect(added).toMatchObject({ ok: true });
    const row = core.store.db.prepare('SELECT settings_json FROM jobs').get() as { settings_json: string };
    expect((JSON.parse(row.settings_json) as JobSettings).speech).toEqual({ engine: 'espeak-ng' });
  });
});
