import type { FromWorker, ToWorker } from './worker-protocol.js';

/** Why a worker process ended, as VS Code's UtilityProcess wrapper names it. */
export type WorkerExitReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed';

export interface WorkerExit {
  reason: WorkerExitReason;
  code: number | null;
  signal?: string | null;
  /** Details for the job log ("SIGSEGV", "heap out of memory", "cannot find module"). */
  detail?: string;
}

/**
 * One worker process, whatever starts it: a Node child process under plain Node, an Electron
 * utilityProcess in the app. Its entry is the same file in both.
 */
export interface WorkerProcess {
  /** "fluentpro-worker-3": also the utilityProcess serviceName. */
  readonly name: string;
  /** Known once the process started. */
  readonly pid: number | undefined;
  /** False when the process is gone and the message was dropped. */
  postMessage(message: ToWorker): boolean;
  onMessage(listener: (message: FromWorker) => void): void;
  /** A line the process wrote to stdout or stderr. */
  onOutput(listener: (line: string, stream: 'stdout' | 'stderr') => void): void;
  /** Fires exactly once. */
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Ends the process now. Safe to call twice or after it exited. */
  kill(): void;
  /** Resolves when the process has exited, killing it after `graceMs`. */
  waitForExit(graceMs: number): Promise<void>;
}

export interface WorkerHost {
  spawn(name: string): WorkerProcess;
}
