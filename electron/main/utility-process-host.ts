import { app, utilityProcess, type UtilityProcess } from 'electron';
import { createInterface } from 'node:readline';
import type { WorkerExit, WorkerExitReason, WorkerHost, WorkerProcess } from '../core/queue/worker-host.js';
import type { FromWorker, ToWorker } from '../core/queue/worker-protocol.js';

/** How long an `exit` waits for `child-process-gone` to say why (it can arrive second). */
const REASON_GRACE_MS = 200;

/**
 * Workers as Electron utilityProcesses (Chromium's service processes: no fork(2), safe with
 * macOS frameworks loaded). The same worker entry runs here and under plain Node.
 * Modelled on VS Code's UtilityProcess wrapper.
 */
export class UtilityProcessHost implements WorkerHost {
  constructor(
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  spawn(name: string): WorkerProcess {
    return new UtilityWorker(name, this.entry, this.env);
  }
}

class UtilityWorker implements WorkerProcess {
  readonly #child: UtilityProcess;
  readonly #exitListeners: ((exit: WorkerExit) => void)[] = [];
  #exit: WorkerExit | undefined;
  #killedByUs = false;
  #gone: { reason: WorkerExitReason; exitCode: number } | undefined;
  #onGone = (_event: unknown, details: Electron.Details) => {
    if (details.type === 'Utility' && details.serviceName === this.name) {
      this.#gone = { reason: toReason(details.reason), exitCode: details.exitCode };
    }
  };

  constructor(
    readonly name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
  ) {
    // Every env value must be a string or the child does not start (as VS Code found).
    const stringEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) stringEnv[k] = String(v);
    stringEnv.FLUENTPRO_WORKER_NAME = name;
    app.on('child-process-gone', this.#onGone);
    this.#child = utilityProcess.fork(entry, [], { serviceName: name, stdio: 'pipe', env: stringEnv });
    this.#child.on('exit', (code) => {
      // The real reason of a crash comes from child-process-gone, sometimes after 'exit'.
      setTimeout(() => this.#ended(code), this.#gone ? 0 : REASON_GRACE_MS);
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  postMessage(message: ToWorker): boolean {
    if (this.#exit || this.#child.pid === undefined) return false;
    this.#child.postMessage(message);
    return true;
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#child.on('message', (message: FromWorker) => listener(message));
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
    this.#child.kill();
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

  #ended(code: number): void {
    if (this.#exit) return; // 'exit' has fired twice when the entry failed to load (electron#44012)
    app.off('child-process-gone', this.#onGone);
    let reason: WorkerExitReason;
    if (this.#killedByUs) reason = 'killed';
    else if (this.#gone) reason = this.#gone.reason;
    else reason = code === 0 ? 'clean-exit' : 'abnormal-exit';
    this.#exit = { reason, code: this.#gone?.exitCode ?? code };
    for (const listener of this.#exitListeners.splice(0)) listener(this.#exit);
  }
}

function toReason(reason: Electron.Details['reason']): WorkerExitReason {
  return reason === 'integrity-failure' || reason === 'memory-eviction' ? 'crashed' : reason;
}
