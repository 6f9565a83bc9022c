import { createInterface } from 'node:readline';

import type { WorkerExit, WorkerProcess } from './worker-host.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** Stderr lines kept per worker, for the error a person reads when it dies. */
export const STDERR_LINES_KEPT = 20;
/** A kept line longer than this is cut (a minified stack can be one huge line). */
const STDERR_LINE_MAX = 500;
/** How long an exit waits for the last output to be read, so its lines reach the error. */
const OUTPUT_DRAIN_MS = 250;

type OutputListener = (line: string, stream: 'stdout' | 'stderr') => void;

/**
 * What every kind of worker process shares: exit reported exactly once, kill safe to call twice,
 * waitForExit that kills after a grace period, output split into lines, and the last stderr
 * lines kept from the start (a worker that dies before it has a job still says why). Subclasses
 * start the process, call `watchOutput()` once its streams exist, and `ended()` when it is gone.
 */
export abstract class WorkerProcessBase implements WorkerProcess {
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  readonly #outputListeners: OutputListener[] = [];
  readonly #stderrTail: string[] = [];
  #openStreams = 0;
  #drained: (() => void) | undefined;
  #exit: WorkerExit | undefined;
  #reported = false;
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

  /** The last stderr lines (at most STDERR_LINES_KEPT), oldest first. */
  get recentStderr(): readonly string[] {
    return this.#stderrTail;
  }

  onOutput(listener: OutputListener): void {
    this.#outputListeners.push(listener);
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    if (this.#reported) listener(this.#exit!);
    else this.#exitListeners.push(listener);
  }

  kill(): void {
    if (this.#exit) return;
    this.killedByUs = true;
    this.terminate();
  }

  waitForExit(graceMs: number): Promise<void> {
    if (this.#reported) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.kill(), graceMs);
      this.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Reads the process's output from now on: lines to the listeners, stderr's last lines kept. Call once. */
  protected watchOutput(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.output[stream];
      if (!source) continue;
      this.#openStreams++;
      const lines = createInterface({ input: source });
      lines.on('line', (line) => {
        if (stream === 'stderr') {
          this.#stderrTail.push(line.length > STDERR_LINE_MAX ? `${line.slice(0, STDERR_LINE_MAX)}…` : line);
          if (this.#stderrTail.length > STDERR_LINES_KEPT) this.#stderrTail.shift();
        }
        for (const listener of this.#outputListeners) listener(line, stream);
      });
      lines.on('close', () => {
        if (--this.#openStreams === 0) this.#drained?.();
      });
    }
  }

  /**
   * The process's streams were taken away with it: Electron removes a utility process's stdout and
   * stderr listeners when it reports `exit` (lib/browser/api/utility-process.ts), so their end
   * never comes. Call before `ended()`; the exit is reported without waiting for output.
   */
  protected outputGone(): void {
    this.#openStreams = 0;
  }

  /**
   * Reports the exit to every listener, once, however many times the process says it ended.
   * An exit that was not clean carries the last stderr lines in its detail (after the output is
   * read to its end, or a moment at most).
   */
  protected ended(exit: WorkerExit): void {
    if (this.#exit) return;
    this.#exit = exit;
    const report = () => {
      if (this.#reported) return;
      clearTimeout(timer);
      this.#reported = true;
      const final = withStderr(exit, this.#stderrTail);
      this.#exit = final;
      for (const listener of this.#exitListeners.splice(0)) listener(final);
    };
    const timer = setTimeout(report, this.#openStreams ? OUTPUT_DRAIN_MS : 0);
    this.#drained = report;
  }
}

/** The exit with the worker's last stderr lines in its detail, when it did not end cleanly. */
function withStderr(exit: WorkerExit, tail: readonly string[]): WorkerExit {
  if (exit.reason === 'clean-exit' || exit.reason === 'killed') return exit;
  const lines = tail.map((l) => l.trim()).filter(Boolean);
  if (!lines.length) return exit;
  const said = lines.join(' | ');
  return { ...exit, detail: exit.detail ? `${exit.detail}; ${said}` : said };
}
