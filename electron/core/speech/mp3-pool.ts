import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AudioFormatError } from './pcm.js';
import { speechToMp3 } from './mp3.js';
import type { SpeechAudio } from './speech-engine.js';

// The MP3 step on worker threads: encoding a clip is pure CPU (a few hundred ms for a sentence),
// so on the main thread it would run one clip at a time and stall the event loop the job's
// requests, heartbeats and progress need. Threads start when first needed, and stop on close().

const WORKER = new URL('./mp3-worker.js', import.meta.url);

export interface Mp3Encoder {
  encode(audio: SpeechAudio): Promise<Uint8Array>;
  close(): Promise<void>;
}

interface Job {
  id: number;
  audio: SpeechAudio;
  resolve: (mp3: Uint8Array) => void;
  reject: (error: Error) => void;
}

export class Mp3Pool implements Mp3Encoder {
  readonly size: number;
  readonly #idle: Worker[] = [];
  readonly #all = new Set<Worker>();
  readonly #waiting: Job[] = [];
  readonly #running = new Map<Worker, Job>();
  #nextId = 0;
  #closed = false;

  /** `size`: threads at most. Default: the cores but one, from 1 to 4. */
  constructor(options: { size?: number } = {}) {
    const size = options.size ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    if (!Number.isInteger(size) || size < 1) throw new TypeError(`Expected \`size\` to be a number from 1 and up, got \`${size}\` (${typeof size})`);
    this.size = size;
  }

  /** Whether the compiled worker is there to start (it is not when running from TypeScript sources). */
  static available(): boolean {
    return existsSync(fileURLToPath(WORKER));
  }

  encode(audio: SpeechAudio): Promise<Uint8Array> {
    if (this.#closed) return Promise.reject(new Error('the MP3 pool is closed'));
    if (audio.format === 'mp3') return Promise.resolve(audio.bytes);
    return new Promise((resolve, reject) => {
      this.#waiting.push({ id: this.#nextId++, audio, resolve, reject });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const job of [...this.#waiting.splice(0), ...this.#running.values()]) job.reject(new Error('the MP3 pool was closed'));
    this.#running.clear();
    await Promise.all([...this.#all].map((w) => w.terminate()));
    this.#all.clear();
    this.#idle.length = 0;
  }

  #pump(): void {
    while (this.#waiting.length) {
      const worker = this.#idle.pop() ?? (this.#all.size < this.size ? this.#start() : undefined);
      if (!worker) return;
      const job = this.#waiting.shift()!;
      this.#running.set(worker, job);
      worker.postMessage({ id: job.id, audio: job.audio });
    }
  }

  #start(): Worker {
    const worker = new Worker(WORKER);
    this.#all.add(worker);
    worker.on('message', (message: { id: number; mp3?: Uint8Array; error?: { name: string; message: string; code?: string } }) => {
      const job = this.#running.get(worker);
      this.#running.delete(worker);
      this.#idle.push(worker);
      if (job) {
        if (message.mp3) job.resolve(message.mp3);
        else job.reject(message.error?.code === 'AUDIO_FORMAT' ? new AudioFormatError(message.error.message) : Object.assign(new Error(message.error?.message ?? 'the MP3 step failed'), { code: message.error?.code }));
      }
      this.#pump();
    });
    // A thread that dies (out of memory, a crash in the encoder) fails its clip, not the run's others.
    worker.on('error', (error) => this.#lose(worker, error));
    worker.on('exit', (code) => {
      if (!this.#closed) this.#lose(worker, new Error(`the MP3 thread exited with code ${code}`));
    });
    return worker;
  }

  #lose(worker: Worker, error: Error): void {
    if (!this.#all.delete(worker)) return;
    const idle = this.#idle.indexOf(worker);
    if (idle >= 0) this.#idle.splice(idle, 1);
    const job = this.#running.get(worker);
    this.#running.delete(worker);
    job?.reject(error);
    this.#pump();
  }
}

/** Encodes on the calling thread: for runs from TypeScript sources (tests), where no compiled worker exists. */
export const inThreadEncoder: Mp3Encoder = {
  encode: async (audio) => speechToMp3(audio),
  close: async () => {},
};

/** The pool when its compiled worker is there, else the calling thread. */
export function createMp3Encoder(options: { size?: number } = {}): Mp3Encoder {
  return Mp3Pool.available() ? new Mp3Pool(options) : inThreadEncoder;
}
