import { app, utilityProcess, type UtilityProcess } from 'electron';
import type { WorkerExitReason, WorkerHost, WorkerProcess } from '../core/queue/worker-host.js';
import { WorkerProcessBase } from '../core/queue/worker-process-base.js';
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

class UtilityWorker extends WorkerProcessBase {
  readonly #child: UtilityProcess;
  #gone: { reason: WorkerExitReason; exitCode: number } | undefined;
  #onGone = (_event: unknown, details: Electron.Details) => {
    // The fork option `serviceName` comes back as `details.name`; `details.serviceName` is
    // Chromium's own 'node.mojom.NodeService' for every utility process (as VS Code compares).
    if (details.type === 'Utility' && details.name === this.name) {
      this.#gone = { reason: toReason(details.reason), exitCode: details.exitCode };
    }
  };

  constructor(name: string, entry: string, env: NodeJS.ProcessEnv) {
    super(name);
    // Every env value must be a string or the child does not start (as VS Code found).
    const stringEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) stringEnv[k] = String(v);
    stringEnv.FLUENTPRO_WORKER_NAME = name;
    app.on('child-process-gone', this.#onGone);
    this.#child = utilityProcess.fork(entry, [], { serviceName: name, stdio: 'pipe', env: stringEnv });
    this.watchOutput(); // from the start: a worker that cannot load says why on stderr
    this.#child.on('exit', (code) => {
      // Right after this listener returns, Electron removes the stdout/stderr listeners and drops
      // the streams (lib/browser/api/utility-process.ts): what is still in the pipe is never read.
      // A worker that fails to load says why over parentPort instead (worker-bootstrap.ts).
      this.outputGone();
      // The real reason of a crash comes from child-process-gone, sometimes after 'exit'
      // (which has reported 0 after a crash, electron#42283, and fired twice, #44012).
      setTimeout(() => this.#exited(code), this.#gone ? 0 : REASON_GRACE_MS);
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  protected get output() {
    return { stdout: this.#child.stdout, stderr: this.#child.stderr };
  }

  postMessage(message: ToWorker): boolean {
    if (this.hasExited || this.#child.pid === undefined) return false;
    this.#child.postMessage(message);
    return true;
  }

  onMessage(listener: (message: FromWorker) => void): void {
    this.#child.on('message', (message: FromWorker) => listener(message));
  }

  protected terminate(): void {
    this.#child.kill();
  }

  #exited(code: number): void {
    if (this.hasExited) return;
    app.off('child-process-gone', this.#onGone);
    let reason: WorkerExitReason;
    if (this.killedByUs) reason = 'killed';
    else if (this.#gone) reason = this.#gone.reason;
    else reason = code === 0 ? 'clean-exit' : 'abnormal-exit';
    this.ended({ reason, code: this.#gone?.exitCode ?? code });
  }
}

function toReason(reason: Electron.Details['reason']): WorkerExitReason {
  return reason === 'integrity-failure' || reason === 'memory-eviction' ? 'crashed' : reason;
}
