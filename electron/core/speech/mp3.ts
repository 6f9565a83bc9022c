import { Mp3Encoder } from '@breezystack/lamejs';
import { AudioFormatError, decodeAudio, type Pcm } from './pcm.js';
import type { SpeechAudio } from './speech-engine.js';

// The MP3 step: every clip, whatever the engine wrote, becomes one format every player (browsers,
// Anki on desktop, AnkiDroid, AnkiMobile, SCORM players) plays: MP3, mono, a speech bitrate,
// without the engine's leading and trailing silence, at one loudness across engines and voices.
// Encoded in JavaScript (@breezystack/lamejs, a port of LAME) so it needs no Homebrew on a Mac.

export interface Mp3Options {
  /** Bit rate in kbit/s. Default 48: clear speech at about 360 KB a minute. */
  kbps?: number;
  /** A stretch quieter than this, relative to the clip's loudest 10 ms, is silence. Default −40 dB. */
  silenceDb?: number;
  /** Silence kept before and after the speech, in ms, so a player does not clip the first sound. Default 60. */
  marginMs?: number;
  /** Loudness (RMS of the speech) the clip is brought to, in dBFS. Default −20. */
  targetDb?: number;
  /** The highest peak allowed after the gain, in dBFS. Default −1. */
  ceilingDb?: number;
}

const DEFAULTS: Required<Mp3Options> = { kbps: 48, silenceDb: -40, marginMs: 60, targetDb: -20, ceilingDb: -1 };

/** Sample rates an MP3 can have (MPEG-1, -2 and -2.5 Layer III). */
const MP3_RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

/** The engine's audio as MP3 bytes; MP3 from the engine is kept as it is (there is no decoder here). */
export function speechToMp3(audio: SpeechAudio, options: Mp3Options = {}): Uint8Array {
  if (audio.format === 'mp3') return audio.bytes;
  const o = { ...DEFAULTS, ...options };
  const pcm = normalise(trimSilence(decodeAudio(audio.bytes, audio.format), o), o);
  if (pcm.samples.length === 0) throw new AudioFormatError('the engine returned silence: no speech to keep');
  return encodeMp3(pcm, o.kbps);
}

/** The speech without the silence before and after it (a margin kept); empty if it is all silence. */
export function trimSilence(pcm: Pcm, options: Pick<Mp3Options, 'silenceDb' | 'marginMs'> = {}): Pcm {
  const { silenceDb, marginMs } = { ...DEFAULTS, ...options };
  const window = Math.max(1, Math.round(pcm.sampleRate / 100));
  const levels = windowRms(pcm.samples, window);
  const loudest = levels.reduce((a, b) => Math.max(a, b), 0);
  if (loudest === 0) return { ...pcm, samples: new Float32Array(0) };
  const threshold = loudest * 10 ** (silenceDb / 20);
  const first = levels.findIndex((l) => l > threshold);
  const last = levels.findLastIndex((l) => l > threshold);
  const margin = Math.round((marginMs / 1000) * pcm.sampleRate);
  const start = Math.max(0, first * window - margin);
  const end = Math.min(pcm.samples.length, (last + 1) * window + margin);
  return { ...pcm, samples: pcm.samples.slice(start, end) };
}

/** The clip at the target loudness, never louder than the ceiling at its peak. */
export function normalise(pcm: Pcm, options: Pick<Mp3Options, 'targetDb' | 'ceilingDb'> = {}): Pcm {
  const { targetDb, ceilingDb } = { ...DEFAULTS, ...options };
  let peak = 0;
  let energy = 0;
  for (const s of pcm.samples) {
    peak = Math.max(peak, Math.abs(s));
    energy += s * s;
  }
  if (peak === 0) return pcm;
  const rms = Math.sqrt(energy / pcm.samples.length);
  const gain = Math.min(10 ** (targetDb / 20) / rms, 10 ** (ceilingDb / 20) / peak);
  return { ...pcm, samples: pcm.samples.map((s) => s * gain) };
}

export function encodeMp3(pcm: Pcm, kbps = DEFAULTS.kbps): Uint8Array {
  const { samples, sampleRate } = MP3_RATES.includes(pcm.sampleRate) ? pcm : resample(pcm, 22050);
  const encoder = new Mp3Encoder(1, sampleRate, kbps);
  const ints = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) ints[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32767)));
  const parts: Uint8Array[] = [];
  const block = 1152 * 16;
  for (let i = 0; i < ints.length; i += block) parts.push(encoder.encodeBuffer(ints.subarray(i, i + block)));
  parts.push(encoder.flush());
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Linear resampling, for the rare engine that writes a rate MP3 cannot carry. */
function resample(pcm: Pcm, rate: number): Pcm {
  const ratio = pcm.sampleRate / rate;
  const out = new Float32Array(Math.floor(pcm.samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const x = i * ratio;
    const j = Math.floor(x);
    const a = pcm.samples[j] ?? 0;
    const b = pcm.samples[j + 1] ?? a;
    out[i] = a + (b - a) * (x - j);
  }
  return { samples: out, sampleRate: rate };
}

function windowRms(samples: Float32Array, window: number): number[] {
  const levels: number[] = [];
  for (let i = 0; i < samples.length; i += window) {
    let sum = 0;
    const end = Math.min(samples.length, i + window);
    for (let j = i; j < end; j++) sum += samples[j]! * samples[j]!;
    levels.push(Math.sqrt(sum / (end - i)));
  }
  return levels;
}
