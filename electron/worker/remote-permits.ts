import type { FromWorker } from '../core/queue/worker-protocol.js';
import type { Release, RequestPermits } from '../core/workflow/request-gate.js';

/**
 * Request permits borrowed from the orchestrator's one RequestGate over the port, so the
 * limit on open requests and the 429 cool-down hold across every worker process.
 */
export class RemotePermits implements RequestPermits {
  #next = 1;
  readonly #waiting = new Map<number, (release: Release) => void>();

  constructor(private readonly send: (message: FromWorker) => void) {}

  acquire(priority: number, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const requestId = this.#next++;
    return new Promise<Release>((resolve, reject) => {
      const onAbort = () => {
        this.#waiting.delete(requestId);
        this.send({ type: 'permit-abandon', requestId });
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(requestId, (release) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      });
      this.send({ type: 'permit-request', requestId, priority });
    });
  }

  coolDown(ms: number): void {
    this.send({ type: 'cool-down', ms });
  }

  /** Called when the orchestrator grants a permit. */
  granted(requestId: number): void {
    const resolve = this.#waiting.get(requestId);
    if (!resolve) {
      // Abandoned meanwhile: hand it straight back.
      this.send({ type: 'permit-release', requestId });
      return;
    }
    this.#waiting.delete(requestId);
    let released = false;
    resolve(() => {
      if (released) return;
      released = true;
      this.send({ type: 'permit-release', requestId });
    });
  }
}
