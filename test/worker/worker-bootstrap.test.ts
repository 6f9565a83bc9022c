import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NodeWorkerHost } from '../../electron/core/queue/node-worker-host.js';
import { Orchestrator } from '../../electron/core/queue/orchestrator.js';
import type { FromWorker } from '../../electron/core/queue/worker-protocol.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { bootstrapWorker } from '../../electron/worker/worker-bootstrap.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { WORKER_ENTRY } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The built worker entry (dist/, what utilityProcess.fork and the command's child processes start),
// with the loading of its real worker module (job-runner.js) slowed down or broken by a Node
// module hook given in NODE_OPTIONS, so the start-up window can be hit on purpose.

const root = join(import.meta.dirname, '..', '..');
const tempDir = useTempDir();
const started: ChildProcess[] = [];
const pids: number[] = [];
afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGKILL');
  for (const pid of pids.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** NODE_OPTIONS that make resolving job-runner.js wait `delayMs`, or fail with `error`. */
function hookJobRunner(how: { delayMs?: number; error?: string }): string {
  const dir = tempDir();
  const hooks = join(dir, 'job-runner-hooks.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(specifier, context, next) {
  if (specifier.endsWith('job-runner.js')) {
    ${how.delayMs ? `await new Promise((r) => setTimeout(r, ${how.delayMs}));` : ''}
    ${how.error ? `throw new Error(${JSON.stringify(how.error)});` : ''}
  }
  return next(specifier, context);
}
`,
  );
  const register = join(dir, 'register-hooks.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  return `--import=${pathToFileURL(register).href}`;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a worker whose runner dies while the worker is starting', () => {
  it('exits within a few seconds instead of running forever', async () => {
    // The runner: starts one worker as `fluentpro` does (NodeWorkerHost), says its pid, and waits.
    const runner = join(tempDir(), 'runner.mjs');
    writeFileSync(
      runner,
      `import { NodeWorkerHost } from ${JSON.stringify(pathToFileURL(join(root, 'dist', 'electron', 'core', 'queue', 'node-worker-host.js')).href)};
const worker = new NodeWorkerHost({ entry: ${JSON.stringify(WORKER_ENTRY)}, env: { ...process.env, NODE_OPTIONS: ${JSON.stringify(hookJobRunner({ delayMs: 3000 }))} } }).spawn('fluentpro-worker-1');
console.log(worker.pid);
setInterval(() => {}, 1000);
`,
    );
    const child = spawn(process.execPath, [runner], { stdio: ['ignore', 'pipe', 'inherit'] });
    started.push(child);
    const workerPid = await new Promise<number>((resolve) => createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(line))));
    pids.push(workerPid);
    // Killed while the worker loads its modules (the hook holds job-runner.js for 3 s).
    await new Promise((r) => setTimeout(r, 700));
    expect(alive(workerPid)).toBe(true);
    child.kill('SIGKILL');
    const killedAt = Date.now();
    while (alive(workerPid) && Date.now() - killedAt < 8000) await new Promise((r) => setTimeout(r, 100));
    expect(alive(workerPid)).toBe(false);
    expect(Date.now() - killedAt).toBeLessThan(5000);
  }, 20_000);
});

describe('a worker whose modules fail to load', () => {
  it('says why over its channel, and the job shows that reason (the command: a Node child process)', async () => {
    const store = new JobStore(join(tempDir(), 'queue.sqlite'));
    const host = new NodeWorkerHost({ entry: WORKER_ENTRY, env: { ...process.env, NODE_OPTIONS: hookJobRunner({ error: 'Cannot find package openai (test)' }) } });
    const orchestrator = new Orchestrator({ store, host, pollMs: 100, retryBaseDelayMs: 10, maxAttempts: 1 });
    try {
      const id = orchestrator.enqueue(enqueueInput('Broken worker', join(tempDir(), 'out'))).job.id;
      orchestrator.start();
      await orchestrator.onIdle();
      expect(store.get(id)).toMatchObject({ state: 'failed' });
      expect(store.get(id)!.error).toContain('the worker could not start: Cannot find package openai (test)');
    } finally {
      await orchestrator.stop();
      store.close();
    }
  }, 20_000);

  it('says why over parentPort in the app (a utility process: no IPC channel), then exits with code 1', async () => {
    const child = spawn(process.execPath, ['--import', join(root, 'test', 'support', 'utility-process-shim.mjs'), WORKER_ENTRY], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: hookJobRunner({ error: 'Cannot find package openai (test)' }) },
    });
    started.push(child);
    const messages: FromWorker[] = [];
    createInterface({ input: child.stdio[3] as Socket }).on('line', (line) => messages.push(JSON.parse(line) as FromWorker));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(messages).toEqual([{ type: 'load-failed', reason: 'Cannot find package openai (test)' }]);
  }, 20_000);
});

describe('the bootstrap, with a stand-in for the process', () => {
  /** A Node child's process: an IPC channel (`send`, `connected`) and `exit`, which ends nothing here. */
  const childProcess = (connected: boolean) =>
    Object.assign(new EventEmitter(), { connected, send: vi.fn((_m: unknown, _h?: unknown, _o?: unknown, done?: () => void) => (done?.(), true)), exit: vi.fn(), pid: 7, memoryUsage: { rss: () => 1 } }) as unknown as NodeJS.Process & { exit: ReturnType<typeof vi.fn>; send: ReturnType<typeof vi.fn>; connected: boolean };

  it('exits before loading anything when the channel is already gone at start-up', async () => {
    const proc = childProcess(false);
    const load = vi.fn();
    await bootstrapWorker(load, proc);
    expect(proc.exit).toHaveBeenCalledWith(0);
    expect(load).not.toHaveBeenCalled();
  });

  it('exits at the next heartbeat when the channel closed without a disconnect event', async () => {
    vi.useFakeTimers();
    try {
      const proc = childProcess(true);
      await bootstrapWorker(async () => ({ startWorker: () => {} }), proc);
      expect(proc.exit).not.toHaveBeenCalled();
      proc.connected = false;
      vi.advanceTimersByTime(1000);
      expect(proc.exit).toHaveBeenCalledWith(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a start that throws as load-failed over the channel, then exits with code 1', async () => {
    const proc = childProcess(true);
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    await bootstrapWorker(async () => ({ startWorker: () => { throw new Error('the store is read-only\n    at startWorker'); } }), proc);
    stderr.mockRestore();
    expect(proc.send.mock.calls[0]![0]).toEqual({ type: 'load-failed', reason: 'the store is read-only' });
    expect(proc.exit).toHaveBeenCalledWith(1);
  });
});
