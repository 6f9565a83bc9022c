// Decodes the uncompressed audio speech engines write (WAV from espeak-ng and OpenAI-compatible
// servers, AIFF/AIFF-C from macOS `say`) into mono float samples, for the MP3 step.
// Formats: RIFF WAVE (Microsoft/IBM, "Multimedia Programming Interface and Data Specifications
// 1.0", fmt + data chunks; WAVE_FORMAT_PCM 1, IEEE_FLOAT 3, EXTENSIBLE 0xFFFE) and Apple's
// "Audio Interchange File Format" 1.3 / AIFF-C (COMM + SSND chunks, 80-bit extended sample rate;
// compression NONE/twos big-endian, sowt little-endian, fl32/FL32 float).

/** Mono samples from −1 to 1 at `sampleRate` Hz. */
export interface Pcm {
  samples: Float32Array;
  sampleRate: number;
}

/** Audio that is not a format this module reads, or a broken file; says which. */
export class AudioFormatError extends Error {
  readonly code = 'AUDIO_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

export function decodeAudio(bytes: Uint8Array, format: 'wav' | 'aiff'): Pcm {
  return format === 'wav' ? decodeWav(bytes) : decodeAiff(bytes);
}

export function decodeWav(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || tag(bytes, 0) !== 'RIFF' || tag(bytes, 8) !== 'WAVE') throw new AudioFormatError('not a WAV file (no RIFF/WAVE header)');
  let format: { code: number; channels: number; sampleRate: number; bits: number } | undefined;
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const id = tag(bytes, at);
    const declared = view.getUint32(at + 4, true);
    // A streamed WAV (OpenAI's, `espeak-ng --stdout`) cannot know its length up front and says
    // 0 or 0xFFFFFFFF: the data then runs to the end of the file.
    const size = id === 'data' && (declared === 0 || at + 8 + declared > bytes.byteLength) ? bytes.byteLength - at - 8 : declared;
    if (id === 'fmt ') {
      let code = view.getUint16(at + 8, true);
      if (code === 0xfffe && size >= 26) code = view.getUint16(at + 8 + 24, true); // the SubFormat GUID's first two bytes
      format = { code, channels: view.getUint16(at + 10, true), sampleRate: view.getUint32(at + 12, true), bits: view.getUint16(at + 22, true) };
    } else if (id === 'data') {
      if (!format) throw new AudioFormatError('WAV file has its data before its format chunk');
      const encoding = format.code === 3 ? 'float' : format.code === 1 ? 'int' : undefined;
      if (!encoding) throw new AudioFormatError(`WAV format ${format.code} is not PCM or float`);
      return toMono(view, at + 8, size, { ...format, encoding, littleEndian: true });
    }
    at += 8 + size + (size & 1);
  }
  throw new AudioFormatError('WAV file has no data chunk');
}

export function decodeAiff(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kind = bytes.byteLength >= 12 ? tag(bytes, 8) : '';
  if (tag(bytes, 0) !== 'FORM' || (kind !== 'AIFF' && kind !== 'AIFC')) throw new AudioFormatError('not an AIFF file (no FORM/AIFF header)');
  let comm: { channels: number; bits: number; sampleRate: number; encoding: 'int' | 'float'; littleEndian: boolean } | undefined;
  for (let at = 12; at + 8 <= bytes.byteLength; ) {
    const id = tag(bytes, at);
    const size = Math.min(view.getUint32(at + 4, false), bytes.byteLength - at - 8);
    if (id === 'COMM') {
      const compression = kind === 'AIFC' ? tag(bytes, at + 8 + 18) : 'NONE';
      const known: Record<string, { encoding: 'int' | 'float'; littleEndian: boolean }> = {
        NONE: { encoding: 'int', littleEndian: false },
        twos: { encoding: 'int', littleEndian: false },
        sowt: { encoding: 'int', littleEndian: true },
        fl32: { encoding: 'float', littleEndian: false },
        FL32: { encoding: 'float', littleEndian: false },
      };
      const coding = known[compression];
      if (!coding) throw new AudioFormatError(`AIFF-C compression "${compression}" is not supported`);
      comm = { channels: view.getUint16(at + 8, false), bits: view.getUint16(at + 14, false), sampleRate: extended80(view, at + 16), ...coding };
    } else if (id === 'SSND') {
      if (!comm) throw new AudioFormatError('AIFF file has its sound before its COMM chunk');
      const offset = view.getUint32(at + 8, false);
      return toMono(view, at + 16 + offset, size - 8 - offset, comm);
    }
    at += 8 + size + (size & 1);
  }
  throw new AudioFormatError('AIFF file has no SSND chunk');
}

function toMono(view: DataView, start: number, length: number, f: { channels: number; bits: number; sampleRate: number; encoding: 'int' | 'float'; littleEndian: boolean }): Pcm {
  const bytesPer = f.bits / 8;
  if (![8, 16, 24, 32].includes(f.bits) || (f.encoding === 'float' && f.bits !== 32)) throw new AudioFormatError(`${f.bits}-bit ${f.encoding} samples are not supported`);
  if (f.channels < 1) throw new AudioFormatError('the audio has no channels');
  const frames = Math.floor(Math.max(0, length) / (bytesPer * f.channels));
  const samples = new Float32Array(frames);
  const le = f.littleEndian;
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < f.channels; c++) {
      const at = start + (i * f.channels + c) * bytesPer;
      if (f.encoding === 'float') sum += view.getFloat32(at, le);
      else if (f.bits === 16) sum += view.getInt16(at, le) / 32768;
      // 8-bit WAV is unsigned; 8-bit AIFF is signed.
      else if (f.bits === 8) sum += le ? (view.getUint8(at) - 128) / 128 : view.getInt8(at) / 128;
      else if (f.bits === 24) {
        const [b0, b1, b2] = le ? [view.getUint8(at), view.getUint8(at + 1), view.getInt8(at + 2)] : [view.getUint8(at + 2), view.getUint8(at + 1), view.getInt8(at)];
        sum += ((b2 << 16) | (b1 << 8) | b0) / 8388608;
      } else sum += view.getInt32(at, le) / 2147483648;
    }
    samples[i] = sum / f.channels;
  }
  return { samples, sampleRate: Math.round(f.sampleRate) };
}

/** An IEEE 754 80-bit extended float (AIFF's sample rate). */
function extended80(view: DataView, at: number): number {
  const exponent = view.getUint16(at, false) & 0x7fff;
  const hi = view.getUint32(at + 2, false);
  const lo = view.getUint32(at + 6, false);
  if (exponent === 0 && hi === 0 && lo === 0) return 0;
  return (hi * 2 ** 32 + lo) * 2 ** (exponent - 16383 - 63);
}

function tag(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}
