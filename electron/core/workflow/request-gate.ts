import type { Release, ReleaseReport } from '../pacing/admission.js';

export type { Release, ReleaseReport };

/**
 * Admission to the LLM provider, shared by every job in the app. The app's is the pacing
 * module's `Admission` (budgets, adaptive in-flight limit); the orchestrator owns it and workers
 * reach it over their message port (`RemotePermits`). A permit's release says how the request went.
 */
export interface RequestPermits {
  /**
   * Resolves when the request may go. Lower `priority` goes first. `tokens` is what the provider
   * will charge it (prompt estimate plus `max_completion_tokens`); 0 when unknown.
   */
  acquire(priority: number, signal?: AbortSignal, tokens?: number): Promise<Release>;
  /** Holds new requests back for `ms` (see `Admission.coolDown`: only while no limit is known). */
  coolDown(ms: number): void;
}

interface Waiter {
  priority: number;
  order: number;
  resolve: (release: Release) => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export interface RequestGateOptions {
  /** Most requests open at once across the app. Default 8. */
  maxInFlight?: number;
  now?: () => number;
}

/**
 * The old fixed gate: at most `maxInFlight` open, and one cool-down every new request waits out.
 * Kept for tests that need a plain gate; the app uses `Admission`. Its release ignores the report.
 */
export class RequestGate implements RequestPermits {
  #maxInFlight: number;
  #inFlight = 0;
  #waiting: Waiter[] = [];
  #order = 0;
  #coolUntil = 0;
  #timer: NodeJS.Timeout | undefined;
  #now: () => number;
  #peakInFlight = 0;
  #coolDowns = 0;

  constructor(options: RequestGateOptions = {}) {
    this.#maxInFlight = checkMaxInFlight(options.maxInFlight ?? 8);
    this.#now = options.now ?? Date.now;
  }

  get inFlight(): number {
    return this.#inFlight;
  }
  get pending(): number {
    return this.#waiting.length;
  }
  get maxInFlight(): number {
    return this.#maxInFlight;
  }
  /** Most permits ever out at once: lets tests and benchmarks see the limit held. */
  get peakInFlight(): number {
    return this.#peakInFlight;
  }
  /** How many cool-downs started (a 429 during a running cool-down extends it and does not count). */
  get coolDownCount(): number {
    return this.#coolDowns;
  }
  get coolingDownForMs(): number {
    return Math.max(0, this.#coolUntil - this.#now());
  }

  set maxInFlight(value: number) {
    this.#maxInFlight = checkMaxInFlight(value);
    this.#drain();
  }

  acquire(priority: number, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = { priority, order: this.#order++, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          this.#waiting = this.#waiting.filter((w) => w !== waiter);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      // Keep the line sorted: earlier jobs (lower priority number) first, then first come.
      const at = this.#waiting.findIndex((w) => w.priority > priority);
      if (at === -1) this.#waiting.push(waiter);
      else this.#waiting.splice(at, 0, waiter);
      this.#drain();
    });
  }

  coolDown(ms: number): void {
    const until = this.#now() + Math.max(0, ms);
    if (until <= this.#coolUntil) return;
    if (this.#coolUntil <= this.#now()) this.#coolDowns++;
    this.#coolUntil = until;
    this.#drain();
  }

  #drain(): void {
    const wait = this.#coolUntil - this.#now();
    if (wait > 0) {
      if (!this.#timer && this.#waiting.length > 0) {
        this.#timer = setTimeout(() => {
          this.#timer = undefined;
          this.#drain();
        }, wait);
      }
      return;
    }
    while (this.#inFlight < this.#maxInFlight && this.#waiting.length > 0) {
      const waiter = this.#waiting.shift()!;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.#inFlight++;
      this.#peakInFlight = Math.max(this.#peakInFlight, this.#inFlight);
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.#inFlight--;
        this.#drain();
      });
    }
  }
}

function checkMaxInFlight(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(`Expected \`maxInFlight\` to be a whole number from 1 and up, got \`${value}\` (${typeof value})`);
  }
  return value;
}
