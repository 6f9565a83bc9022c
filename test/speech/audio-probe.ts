import { spawnSync } from 'node:child_process';

/** Whether a program is on PATH; tests that need it skip, saying so, when it is absent (CI installs it). */
export function installed(program: string): boolean {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).error === undefined;
}

export const HAS_FFPROBE = installed('ffprobe');
export const HAS_ESPEAK = installed('espeak-ng');

/** What ffprobe (from ffmpeg, as any player would read it) says of an audio file. */
export function probe(file: string): { codec: string; channels: number; sampleRate: number; durationSeconds: number; bitRate: number } {
  const result = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration,bit_rate:stream=codec_name,channels,sample_rate', '-of', 'json', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffprobe cannot read ${file}: ${result.stderr}`);
  const json = JSON.parse(result.stdout) as { format: { duration: string; bit_rate: string }; streams: { codec_name: string; channels: number; sample_rate: string }[] };
  const stream = json.streams[0]!;
  return { codec: stream.codec_name, channels: stream.channels, sampleRate: Number(stream.sample_rate), durationSeconds: Number(json.format.duration), bitRate: Number(json.format.bit_rate) };
}

/** A 16-bit PCM WAV of the given samples (−1…1), `channels` interleaved. */
export function wavOf(samples: number[] | Float32Array, sampleRate: number, channels = 1, options: { streamed?: boolean } = {}): Uint8Array {
  const data = new Int16Array(samples.length);
  samples.forEach((s, i) => (data[i] = Math.round(s * 32767)));
  const bytes = new Uint8Array(44 + data.byteLength);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, t: string) => [...t].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, options.streamed ? 0xffffffff : 36 + data.byteLength, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2 * channels, true);
  view.setUint16(32, 2 * channels, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, options.streamed ? 0xffffffff : data.byteLength, true);
  bytes.set(new Uint8Array(data.buffer), 44);
  return bytes;
}

/** Silence, then a 440 Hz tone at `amplitude`, then silence (seconds each). */
export function toneBetweenSilences(sampleRate: number, before: number, tone: number, after: number, amplitude = 0.5): Float32Array {
  const out = new Float32Array(Math.round(sampleRate * (before + tone + after)));
  const start = Math.round(sampleRate * before);
  for (let i = 0; i < Math.round(sampleRate * tone); i++) out[start + i] = Math.sin((2 * Math.PI * 440 * i) / sampleRate) * amplitude;
  return out;
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function failure<E = Error & { code?: string }>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected a failure, but it succeeded');
}
