import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeWorkerHost } from '../../electron/core/queue/node-worker-host.js';
import type { WorkerExit } from '../../electron/core/queue/worker-host.js';

// `fluentpro`'s workers: one that cannot load says why in its exit, which the orchestrator turns
// into "the worker exited at start (abnormal-exit (code 1, stderr: …))" on the job.

describe('a Node worker that fails to load', () => {
  it('carries its last stderr lines into the exit, though nobody listened to its output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-worker-'));
    const entry = join(dir, 'broken-entry.mjs');
    writeFileSync(entry, "for (let i = 0; i < 25; i++) console.error('line ' + i);\nawait import('no-such-package-fluentpro');\n");
    const worker = new NodeWorkerHost({ entry }).spawn('fluentpro-worker-1');
    const exit = await new Promise<WorkerExit>((resolve) => worker.onExit(resolve));
    expect(exit).toMatchObject({ reason: 'abnormal-exit', code: 1 });
    expect(exit.detail).toContain("Cannot find package 'no-such-package-fluentpro'");
    expect(exit.detail).not.toContain('line 0 ');
  });

  it('adds nothing to a clean exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-worker-'));
    const entry = join(dir, 'quiet-entry.mjs');
    writeFileSync(entry, "console.error('a warning');\n");
    const exit = await new Promise<WorkerExit>((resolve) => new NodeWorkerHost({ entry }).spawn('w').onExit(resolve));
    expect(exit).toEqual({ reason: 'clean-exit', code: 0, signal: null });
  });
});
