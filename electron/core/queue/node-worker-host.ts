import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { WorkerExit, WorkerHost, WorkerProcess } from './worker-host.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

/** The built worker entry, next to this module in dist/. */
export const DEFAULT_WORKER_ENTRY = fileURLToPath(new URL('../../worker/worker-entry.js', import.meta.url));

export interface NodeWorkerHostOptions {
  /** The worker's entry file. Default: the built electron/worker/worker-entry.js. */
  entry?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Workers as Node child processes, for the CLI and tests. Each is a fresh `node` executable
 * started with spawn (exec, not fork(2): nothing of the parent's memory or threads is
 * inherited), talking over Node's IPC channel.
 */
export class NodeWorkerHost implements WorkerHost {
  constructor(private readonly options: NodeWorkerHostOptions = {}) {}

  spawn(name: string): WorkerProcess {
    return new NodeWorkerProcess(name, this.options.entry ?? DEFAULT_WORKER_ENTRY, this.options.env ?? process.env);
  }
}

class NodeWorkerProcess implements WorkerProcess {
  readonly #child: ChildProcess;
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #exit: WorkerExit | undefined;
  #killedByUs = false;
  #lastStderr = '';

  constructor(
    readonly name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.#child = spawn(process.execPath, [entry], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...env, FLUENTPRO_WORKER_NAME: name },
      serialization: 'json',
    });
    this.#child.stderr?.on('data', (d: Buffer) => (this.#lastStderr = (this.#lastStderr + d.toString()).slice(-2000)));
    this.#child.on('error', (error) => this.#ended({ reason: 'launch-failed', code: null, detail: error.message }));
    this.#child.on('exit', (code, signal) => {
      let reason: WorkerExit['reason'];
      if (this.#killedByUs) reason = 'killed';
      else if (/heap out of memory/i.test(this.#lastStderr)) reason = 'oom';
      else if (signal) reason = 'crashed';
      else reason = code === 0 ? 'clean-exit' : 'abnormal-exit';
      this.#ended({ reason, code, signal, detail: signal ?? (code ? this.#lastStderr.trim().split('\n').slice(-3).join(' | ') : undefined) });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  postMessage(message: ToWorker): boolean {
    if (this.#exit || !this.#child.connected) return false;
    try {
      return this.#child.send(message);
    } catch {
      return false;
    }
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#child.on('message', (m) => listener(m as FromWorker));
  }

  onOutput(listener: (line: string, stream: 'stdout' | 'stderr') => void): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.#child[stream];
      if (source) createInterface({ input: source }).on('line', (line) => listener(line, stream));
    }
  }

  onExit(listener: (exit: WorkerExit) => void): void {
    if (this.#exit) listener(this.#exit);
    else this.#exitListeners.push(listener);
  }

  kill(): void {
    if (this.#exit) return;
    this.#killedByUs = true;
    this.#child.kill('SIGKILL');
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

  #ended(exit: WorkerExit): void {
    if (this.#exit) return; // 'error' and 'exit' can both fire
    this.#exit = exit;
    for (const listener of this.#exitListeners.splice(0)) listener(exit);
  }
}
