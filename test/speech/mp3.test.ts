import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeAiff, decodeWav, normalise, speechToMp3, trimSilence } from '../../electron/core/speech/index.js';
import { useTempDir } from '../support/temp-dir.js';
import { HAS_FFPROBE, probe, toneBetweenSilences, wavOf } from './audio-probe.js';

const tempDir = useTempDir('fluentpro-mp3-');

/** An AIFF (or AIFF-C 'sowt') of 16-bit mono samples, as macOS `say -o x.aiff` writes. */
function aiffOf(samples: Float32Array, sampleRate: number, kind: 'AIFF' | 'AIFC-sowt'): Uint8Array {
  const aifc = kind === 'AIFC-sowt';
  const commSize = aifc ? 18 + 4 + 2 : 18;
  const soundBytes = samples.length * 2;
  const total = 12 + 8 + commSize + 8 + 8 + soundBytes;
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, t: string) => [...t].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  ascii(0, 'FORM');
  view.setUint32(4, total - 8);
  ascii(8, aifc ? 'AIFC' : 'AIFF');
  ascii(12, 'COMM');
  view.setUint32(16, commSize);
  view.setUint16(20, 1);
  view.setUint32(22, samples.length);
  view.setUint16(26, 16);
  // 80-bit extended: 22050 = 1.3458… × 2^14 → exponent 16383 + 14, mantissa 22050 << (63 − 14).
  view.setUint16(28, 16383 + 14);
  const mantissa = BigInt(sampleRate) << BigInt(63 - 14);
  view.setBigUint64(30, mantissa);
  if (aifc) {
    ascii(38, 'sowt');
    view.setUint8(42, 0);
  }
  const ssnd = 12 + 8 + commSize;
  ascii(ssnd, 'SSND');
  view.setUint32(ssnd + 4, 8 + soundBytes);
  samples.forEach((s, i) => view.setInt16(ssnd + 16 + i * 2, Math.round(s * 32767), aifc));
  return bytes;
}

describe('decoding what engines write', () => {
  it('reads a stereo 16-bit WAV as mono (the channels averaged)', () => {
    const pcm = decodeWav(wavOf([0.5, 0.25, -0.5, -0.25], 22050, 2));
    expect(pcm.sampleRate).toBe(22050);
    expect([...pcm.samples].map((s) => Math.round(s * 1000) / 1000)).toEqual([0.375, -0.375]);
  });

  it('reads a streamed WAV whose sizes say 0xFFFFFFFF (the data runs to the end)', () => {
    expect(decodeWav(wavOf([0.1, 0.2, 0.3], 24000, 1, { streamed: true })).samples.length).toBe(3);
  });

  it.each(['AIFF', 'AIFC-sowt'] as const)('reads %s with its 80-bit sample rate, as say writes', (kind) => {
    const samples = toneBetweenSilences(22050, 0, 0.01, 0);
    const pcm = decodeAiff(aiffOf(samples, 22050, kind));
    expect(pcm.sampleRate).toBe(22050);
    expect(pcm.samples.length).toBe(samples.length);
    expect(Math.abs(pcm.samples[5]! - samples[5]!)).toBeLessThan(1e-4);
  });

  it('says what is wrong with a file that is not audio', () => {
    expect(() => decodeWav(new TextEncoder().encode('<html>502 Bad Gateway</html>'))).toThrow('not a WAV file (no RIFF/WAVE header)');
  });
});

describe('the MP3 step', () => {
  it('trims the silence before and after the speech, keeping a 60 ms margin', () => {
    const pcm = trimSilence({ samples: toneBetweenSilences(22050, 0.5, 0.3, 0.7), sampleRate: 22050 });
    expect(pcm.samples.length / 22050).toBeCloseTo(0.3 + 0.12, 1);
  });

  it('brings a quiet clip and a loud one to the same loudness, never past −1 dBFS at the peak', () => {
    const level = (samples: Float32Array) => 20 * Math.log10(Math.sqrt(samples.reduce((a, s) => a + s * s, 0) / samples.length));
    const quiet = normalise({ samples: toneBetweenSilences(22050, 0, 0.5, 0, 0.01), sampleRate: 22050 });
    const loud = normalise({ samples: toneBetweenSilences(22050, 0, 0.5, 0, 0.9), sampleRate: 22050 });
    expect(level(quiet.samples)).toBeCloseTo(level(loud.samples), 1);
    expect(level(quiet.samples)).toBeCloseTo(-20, 0);
    expect(Math.max(...loud.samples.map(Math.abs))).toBeLessThanOrEqual(10 ** (-1 / 20) + 1e-6);
  });

  it.skipIf(!HAS_FFPROBE)('writes an MP3 any player reads: mono, 48 kbit/s, as long as the speech (needs ffprobe from ffmpeg)', () => {
    const wav = wavOf(toneBetweenSilences(22050, 0.4, 1.0, 0.4), 22050);
    const file = join(tempDir(), 'clip.mp3');
    writeFileSync(file, speechToMp3({ bytes: wav, format: 'wav' }));
    const info = probe(file);
    expect([info.codec, info.channels, info.sampleRate]).toEqual(['mp3', 1, 22050]);
    expect(info.durationSeconds).toBeGreaterThan(1.0);
    expect(info.durationSeconds).toBeLessThan(1.3); // the 0.8 s of silence is gone
    expect(Math.round(info.bitRate / 1000)).toBe(48);
  });

  it('refuses a clip that is all silence instead of writing an empty MP3', () => {
    expect(() => speechToMp3({ bytes: wavOf(new Float32Array(22050), 22050), format: 'wav' })).toThrow('the engine returned silence');
  });
});
