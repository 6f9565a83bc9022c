import { createInterface } from 'node:readline';

import type { WorkerExit, WorkerProcess } from './worker-host.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/**
 * What every kind of worker process shares: exit reported exactly once, kill safe to call twice,
 * waitForExit that kills after a grace period, output split into lines. Subclasses start the
 * process and call `ended()` when it is gone.
 */
export abstract class WorkerProcessBase implements WorkerProcess {
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #exit: WorkerExit | undefined;
  /** Set by kill(): the exit that follows is reported as 'killed'. */
  protected killedByUs = false;

  constructor(readonly name: string) {}

  abstract get pid(): number | undefined;
  abstract postMessage(message: ToWorker): boolean;
  abstract onMessage(listener: (message: FromWorker) => void): void;
  /** The process's piped stdout and stderr. */
  protected abstract get output(): { stdout?: NodeJS.ReadableStream | null; stderr?: NodeJS.ReadableStream | null };
  /** Ends the process now. */
  protected abstract terminate(): void;

  get hasExited(): boolean {
    return this.#exit !== undefined;
  }

  onOutput(listener: (line: string, stream: 'stdout' | 'stderr') => void): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.output[stream];
      if (source) createInterface({ input: source }).on('line', (line) => listener(line, stream));
    }
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    if (this.#exit) listener(this.#exit);
    else this.#exitListeners.push(listener);
  }

  kill(): void {
    if (this.#exit) return;
    this.killedByUs = true;
    this.terminate();
  }

  waitForExit(graceMs: number): Promise<void> {
    if (this.#exit) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.kill(), graceMs);
      this.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Reports the exit to every listener, once, however many times the process says it ended. */
  protected ended(exit: WorkerExit): void {
    if (this.#exit) return;
    this.#exit = exit;
    for (const listener of this.#exitListeners.splice(0)) listener(exit);
  }
}
