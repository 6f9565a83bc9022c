import { WORKER_HEARTBEAT_MS, type FromWorker } from '../core/queue/worker-protocol.js';
import { connectToParent, postLastMessage, type ParentPort } from './parent-port.js';

// The first code a worker process runs, before any module of the engine loads. It imports only
// this file, parent-port.ts and the protocol's constants, so it is in place within milliseconds:
//  - a worker whose runner died while it was starting exits instead of running forever (before,
//    the 'disconnect' listener was attached only after every module had loaded, and a disconnect
//    during that time went unheard);
//  - a worker whose modules fail to load says why over the parent channel, then exits. In the
//    app, Electron drops a utility process's stderr listeners on `exit`
//    (lib/browser/api/utility-process.ts), so an error printed while dying is never read.

/** What the real worker module offers (job-runner.ts). */
export interface WorkerModule {
  startWorker(port: ParentPort, proc?: NodeJS.Process): void;
}

/**
 * Watches the parent channel, then loads the worker with `load` and starts it; a load or start
 * that throws is reported as `load-failed` and the process exits with code 1.
 */
export async function bootstrapWorker(load: () => Promise<WorkerModule>, proc: NodeJS.Process = process): Promise<void> {
  const orphaned = () => proc.exit(0);
  if (channelGone(proc)) return orphaned();
  // The runner decides when a worker stops, from the first moment: Ctrl-C or a SIGTERM/SIGHUP sent
  // to the whole process group must not kill a worker that is still loading (it would count as a
  // worker lost). job-runner.ts keeps the same rule once loaded.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) proc.on(signal, () => {});
  proc.on('disconnect', orphaned);
  // Checked again at each heartbeat: a channel closed while nobody listened is still seen.
  const watch = setInterval(() => channelGone(proc) && orphaned(), WORKER_HEARTBEAT_MS);
  watch.unref();

  let port: ParentPort;
  try {
    port = connectToParent(proc);
  } catch (error) {
    console.error(`fluentpro worker: ${(error as Error).message}`);
    return void proc.exit(1);
  }
  try {
    const worker = await load();
    if (channelGone(proc)) return orphaned();
    worker.startWorker(port, proc);
  } catch (error) {
    console.error('fluentpro worker: could not start:', error);
    const message: FromWorker = { type: 'load-failed', reason: describeLoadFailure(error) };
    postLastMessage(port, message, proc, () => proc.exit(1));
  }
}

/**
 * A Node child process whose IPC channel is closed: its runner is gone. (An Electron utility
 * process has no IPC channel; it ends with the app.)
 */
export function channelGone(proc: NodeJS.Process): boolean {
  if ((proc as { parentPort?: unknown }).parentPort) return false;
  return typeof proc.send === 'function' && !proc.connected;
}

/** The error's first line, for a person: "Cannot find package 'openai' imported from …". */
export function describeLoadFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((l) => l.trim()) ?? 'unknown error';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}
