import type { FromWorker, ToWorker } from '../core/queue/worker-protocol.js';

/** The worker's line to the orchestrator, shaped like Electron's `process.parentPort`. */
export interface ParentPort {
  postMessage(message: FromWorker): void;
  on(event: 'message', listener: (event: { data: ToWorker }) => void): void;
}

interface ElectronUtilityProcess {
  parentPort?: ParentPort;
}

/**
 * The port this process was given: Electron's parentPort inside a utilityProcess, or an
 * adapter over Node's IPC channel in a child process. Nothing here imports Electron: the
 * parentPort is a property Electron puts on `process`.
 */
export function connectToParent(proc: NodeJS.Process = process): ParentPort {
  const electronPort = (proc as unknown as ElectronUtilityProcess).parentPort;
  if (electronPort) return electronPort;
  if (!proc.send) throw new Error('the FluentPro worker must be started by FluentPro (no parent port and no IPC channel)');
  return {
    postMessage: (message) => {
      if (proc.connected) proc.send!(message);
    },
    on: (_event, listener) => {
      proc.on('message', (data) => listener({ data: data as ToWorker }));
    },
  };
}

/** How long a last message over Electron's parentPort is given before the process exits (it has no "sent" callback). */
const LAST_MESSAGE_GRACE_MS = 100;

/**
 * Sends a last message, then calls `then` (which exits): over Node's IPC channel once the message
 * is written, over Electron's parentPort after a moment. Exiting at once could drop it.
 */
export function postLastMessage(port: ParentPort, message: FromWorker, proc: NodeJS.Process, then: () => void): void {
  if (typeof proc.send === 'function' && !(proc as unknown as ElectronUtilityProcess).parentPort) {
    if (!proc.connected) return then();
    proc.send(message, undefined, {}, () => then());
    return;
  }
  port.postMessage(message);
  setTimeout(then, LAST_MESSAGE_GRACE_MS);
}
