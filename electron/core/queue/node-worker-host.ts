import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerExit, WorkerHost, WorkerProcess } from './worker-host.js';
import { WorkerProcessBase } from './worker-process-base.js';
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

class NodeWorkerProcess extends WorkerProcessBase {
  readonly #child: ChildProcess;
  /** Seen on stderr at any point: V8's "JavaScript heap out of memory" (its stack follows it). */
  #outOfMemory = false;

  constructor(name: string, entry: string, env: NodeJS.ProcessEnv) {
    super(name);
    this.#child = spawn(process.execPath, [entry], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...env, FLUENTPRO_WORKER_NAME: name },
      serialization: 'json',
    });
    this.watchOutput();
    this.#child.stderr?.on('data', (d: Buffer) => {
      if (!this.#outOfMemory && /heap out of memory/i.test(d.toString())) this.#outOfMemory = true;
    });
    this.#child.on('error', (error) => this.ended({ reason: 'launch-failed', code: null, detail: error.message }));
    this.#child.on('exit', (code, signal) => {
      let reason: WorkerExit['reason'];
      if (this.killedByUs) reason = 'killed';
      else if (this.#outOfMemory) reason = 'oom';
      else if (signal) reason = 'crashed';
      else reason = code === 0 ? 'clean-exit' : 'abnormal-exit';
      // The base adds the last stderr lines to the detail of an exit that was not clean.
      this.ended({ reason, code, signal, ...(signal ? { detail: signal } : {}) });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  protected get output() {
    return { stdout: this.#child.stdout, stderr: this.#child.stderr };
  }

  postMessage(message: ToWorker): boolean {
    if (this.hasExited || !this.#child.connected) return false;
    try {
      return this.#child.send(message);
    } catch {
      return false;
    }
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#child.on('message', (m) => listener(m as FromWorker));
  }

  protected terminate(): void {
    this.#child.kill('SIGKILL');
  }
}
