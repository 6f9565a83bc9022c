import type { Admission } from '../pacing/admission.js';
import { PermitLender } from './permit-lender.js';
import type { WorkerExit, WorkerHost, WorkerProcess } from './worker-host.js';
import { WORKER_PROTOCOL_VERSION, type FromWorker } from './worker-protocol.js';

/** One worker process as the orchestrator keeps it: ready or not, its job, its health, its permits. */
export interface WorkerSlot {
  process: WorkerProcess;
  /** Resolves when the worker said it is ready in our protocol; rejects if it did not in time, or exited. */
  ready: Promise<void>;
  jobsRun: number;
  jobId?: string;
  lastSeen: number;
  rss?: number;
  hung?: boolean;
  /** The shared admission, lent to this worker; closed when it dies. */
  permits: PermitLender;
}

export interface WorkerSlotHooks {
  readyTimeoutMs: number;
  admission: Admission;
  /** Every message after `ready`. */
  onMessage(slot: WorkerSlot, message: FromWorker): void;
  onOutput(slot: WorkerSlot, line: string, stream: 'stdout' | 'stderr'): void;
  onExit(slot: WorkerSlot, exit: WorkerExit): void;
  describeExit(exit: WorkerExit): string;
}

/**
 * Starts a worker process and watches its start: it must say `ready` in our protocol version
 * within `readyTimeoutMs`, or it is killed and `ready` rejects with the reason. A worker that
 * could not load says `load-failed` with the reason instead, and `ready` rejects with it.
 */
export function spawnWorkerSlot(host: WorkerHost, name: string, hooks: WorkerSlotHooks): WorkerSlot {
  const process = host.spawn(name);
  let readyResolve!: () => void;
  let readyReject!: (error: Error) => void;
  const slot: WorkerSlot = {
    process,
    ready: new Promise<void>((resolve, reject) => {
      readyResolve = resolve;
      readyReject = reject;
    }),
    jobsRun: 0,
    lastSeen: Date.now(),
    permits: new PermitLender(hooks.admission, (requestId, maxCompletionTokens) =>
      void process.postMessage({ type: 'permit-granted', requestId, ...(maxCompletionTokens !== undefined ? { maxCompletionTokens } : {}) })),
  };
  slot.ready.catch(() => {}); // handled by whoever awaits it
  const readyTimer = setTimeout(() => {
    readyReject(new Error(`the worker did not start within ${Math.round(hooks.readyTimeoutMs / 1000)} s`));
    process.kill();
  }, hooks.readyTimeoutMs);
  process.onMessage((message) => {
    slot.lastSeen = Date.now();
    if (message.type === 'load-failed') {
      // Said over the channel by the worker's bootstrap: in the app, stderr is not read after exit.
      clearTimeout(readyTimer);
      readyReject(new Error(`the worker could not start: ${message.reason}`));
      void process.waitForExit(2000); // it exits by itself; killed if it does not
      return;
    }
    if (message.type !== 'ready') return hooks.onMessage(slot, message);
    clearTimeout(readyTimer);
    if (message.protocol !== WORKER_PROTOCOL_VERSION) {
      readyReject(new Error(`the worker speaks protocol ${message.protocol}, expected ${WORKER_PROTOCOL_VERSION}: reinstall FluentPro`));
      process.kill();
    } else readyResolve();
  });
  process.onOutput((line, stream) => hooks.onOutput(slot, line, stream));
  process.onExit((exit) => {
    clearTimeout(readyTimer);
    readyReject(new Error(`the worker exited at start (${hooks.describeExit(exit)})`));
    hooks.onExit(slot, exit);
  });
  return slot;
}
