import { join } from 'node:path';
import { NodeWorkerHost } from '../../electron/core/queue/node-worker-host.js';
import type { WorkerHost, WorkerProcess } from '../../electron/core/queue/worker-host.js';

const dist = join(import.meta.dirname, '..', '..', 'dist');
export const WORKER_ENTRY = join(dist, 'electron', 'worker', 'worker-entry.js');
export const MISBEHAVING_WORKER = join(dist, 'test', 'support', 'misbehaving-worker.js');
export const EXIT_AT_START_WORKER = join(dist, 'test', 'support', 'exit-at-start-worker.js');

/** Workers from the built entry (npm test builds dist/ first). */
export function nodeHost(entry = WORKER_ENTRY): NodeWorkerHost {
  return new NodeWorkerHost({ entry });
}

/** A host whose first `bad` workers come from another entry, then normal ones; counts spawns. */
export class SwitchingHost implements WorkerHost {
  spawned: WorkerProcess[] = [];
  constructor(
    private readonly bad: number,
    private readonly badEntry: string,
    private readonly goodEntry = WORKER_ENTRY,
  ) {}
  spawn(name: string): WorkerProcess {
    const entry = this.spawned.length < this.bad ? this.badEntry : this.goodEntry;
    const worker = new NodeWorkerHost({ entry }).spawn(name);
    this.spawned.push(worker);
    return worker;
  }
}
