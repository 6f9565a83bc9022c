import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A `sleep` started from this process, which reaps it when it ends. */
export async function spawnSleeper(): Promise<ChildProcess & { pid: number }> {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  await once(child, 'spawn');
  return child as ChildProcess & { pid: number };
}

/**
 * A child that never reaps its own child: `sh` starts a background `sleep`, prints its pid and
 * becomes (exec) another `sleep`, which never waits. Kill the grandchild and it stays a zombie
 * until `stop()` ends its parent.
 */
export async function spawnNonReapingParent(): Promise<{ grandchildPid: number; stop: () => void }> {
  const parent = spawn('sh', ['-c', 'sleep 300 & echo $!; exec sleep 300'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  for await (const chunk of parent.stdout!) {
    out += String(chunk);
    if (out.includes('\n')) break;
  }
  const grandchildPid = Number(out.trim());
  if (!Number.isInteger(grandchildPid) || grandchildPid <= 0) throw new Error(`sh printed no pid: ${JSON.stringify(out)}`);
  return {
    grandchildPid,
    stop: () => {
      for (const pid of [grandchildPid, parent.pid!]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Polls `check` until it holds, or fails after `ms`. */
export async function waitUntil(check: () => boolean, ms = 3000, what = 'the condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Whether a process of that pid exists and is not a zombie: the store's own check (process-liveness.ts). */
export { isProcessAlive as isAlive } from '../../electron/core/store/process-liveness.js';
