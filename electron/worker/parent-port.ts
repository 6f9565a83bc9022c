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
