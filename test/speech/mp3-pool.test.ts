import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { speechToMp3, type SpeechAudio } from '../../electron/core/speech/index.js';
import type * as PoolModule from '../../electron/core/speech/mp3-pool.js';
import { toneBetweenSilences, wavOf } from './audio-probe.js';

// The pool runs the compiled worker (dist/, which "npm test" builds first), as the CLI and the app do.
const built = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'core', 'speech', 'mp3-pool.js');

describe.skipIf(!existsSync(built))('the MP3 pool (worker threads; needs "npm run build")', () => {
  const load = () => import(built) as Promise<typeof PoolModule>;
  const clip = (seconds: number, pitch = 0.5): SpeechAudio => ({ bytes: wavOf(toneBetweenSilences(22050, 0.2, seconds, 0.2, pitch), 22050), format: 'wav' });

  it('gives the same bytes as encoding on this thread, for clips sent at once', async () => {
    const { Mp3Pool } = await load();
    const pool = new Mp3Pool({ size: 2 });
    try {
      const clips = [clip(0.5, 0.2), clip(0.8, 0.4), clip(0.3, 0.6), clip(0.6, 0.8)];
      const mp3s = await Promise.all(clips.map((c) => pool.encode(c)));
      expect(mp3s.map((m) => Buffer.from(m).toString('base64'))).toEqual(clips.map((c) => Buffer.from(speechToMp3(c)).toString('base64')));
    } finally {
      await pool.close();
    }
  });

  it('keeps this thread free while it encodes: timers fire in far less than one clip\'s encoding time', async () => {
    const { Mp3Pool } = await load();
    const long = clip(8);
    const started = performance.now();
    speechToMp3(long);
    const onThisThread = performance.now() - started;

    const pool = new Mp3Pool({ size: 1 });
    try {
      let last = performance.now();
      let longestGap = 0;
      const timer = setInterval(() => {
        longestGap = Math.max(longestGap, performance.now() - last);
        last = performance.now();
      }, 5);
      await pool.encode(long);
      clearInterval(timer);
      longestGap = Math.max(longestGap, performance.now() - last); // the stretch since the last tick counts too
      expect(longestGap).toBeLessThan(onThisThread / 2);
    } finally {
      await pool.close();
    }
  });

  it('fails a clip that is not audio with the decoder\'s words, and goes on with the next', async () => {
    const { Mp3Pool } = await load();
    const pool = new Mp3Pool({ size: 1 });
    try {
      await expect(pool.encode({ bytes: new TextEncoder().encode('<html>'), format: 'wav' })).rejects.toMatchObject({ name: 'AudioFormatError', code: 'AUDIO_FORMAT', message: 'not a WAV file (no RIFF/WAVE header)' });
      expect((await pool.encode(clip(0.3))).byteLength).toBeGreaterThan(100);
    } finally {
      await pool.close();
    }
  });

  it('refuses a size below 1 with a message naming it', async () => {
    const { Mp3Pool } = await load();
    expect(() => new Mp3Pool({ size: 0 })).toThrow('Expected `size` to be a number from 1 and up, got `0` (number)');
  });
});
