import type { Timers } from '../../electron/core/pacing/admission.js';

interface Scheduled {
  at: number;
  seq: number;
  callback: () => void;
}

/** Lets every promise callback that is ready run (the microtask queue drains before the next macrotask). */
export const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A clock and timers that move only when told, so pacing runs in virtual time: a three-minute
 * simulation takes milliseconds, and every run is the same.
 */
export class FakeTime {
  #now: number;
  #queue: Scheduled[] = [];
  #seq = 0;

  constructor(start = 0) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly timers: Timers = {
    setTimeout: (callback, ms) => {
      const entry: Scheduled = { at: this.#now + Math.max(0, ms), seq: this.#seq++, callback };
      this.#queue.push(entry);
      return entry;
    },
    clearTimeout: (handle) => {
      this.#queue = this.#queue.filter((entry) => entry !== handle);
    },
  };

  get scheduled(): number {
    return this.#queue.length;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.setTimeout(resolve, ms));
  }

  /** Moves the clock `ms` forward, firing every timer due on the way, in order. */
  async advance(ms: number): Promise<void> {
    await this.#runUntil(this.#now + ms);
  }

  /** Fires timers until none are left (or `maxSteps`, against a loop that never ends). */
  async runAll(maxSteps = 1_000_000): Promise<void> {
    await settle();
    for (let step = 0; this.#queue.length > 0; step++) {
      if (step >= maxSteps) throw new Error(`FakeTime.runAll: still ${this.#queue.length} timers after ${maxSteps} steps`);
      await this.#fireNext();
    }
  }

  async #runUntil(end: number): Promise<void> {
    await settle();
    while (this.#next() !== undefined && this.#next()!.at <= end) await this.#fireNext();
    this.#now = Math.max(this.#now, end);
    await settle();
  }

  #next(): Scheduled | undefined {
    let next: Scheduled | undefined;
    for (const entry of this.#queue) if (!next || entry.at < next.at || (entry.at === next.at && entry.seq < next.seq)) next = entry;
    return next;
  }

  async #fireNext(): Promise<void> {
    const next = this.#next()!;
    this.#queue = this.#queue.filter((entry) => entry !== next);
    this.#now = Math.max(this.#now, next.at);
    next.callback();
    await settle();
  }
}
