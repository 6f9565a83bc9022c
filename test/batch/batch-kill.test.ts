import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { batchRequest } from '../../electron/core/batch/batch-line.js';
import { BatchStore } from '../../electron/core/batch/batch-store.js';
import { jsonSchemaFormat } from '../../electron/core/course/structured-output.js';
import type { LlmTask } from '../../electron/core/providers/provider.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';
import { z } from 'zod';

// kill -9 of the process that drives batch mode, at seeded moments (submitting, polling,
// reading results), then a process that runs to the end: every line is answered, none was put
// in two batches, none paid twice. Needs `npm run build` (the driver runs from dist/).

const DRIVER = join(import.meta.dirname, '..', '..', 'dist', 'test', 'support', 'batch-driver-process.js');
const tempDir = useTempDir();
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function seeded(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

function runDriver(file: string, epoch: number, killAfterMs?: number): Promise<number | string> {
  const child = spawn(process.execPath, [DRIVER, file, server!.baseURL, String(epoch), '10'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)));
}

describe.skipIf(!existsSync(DRIVER))('batch mode across kill -9', () => {
  it('resumes after kills at any moment with every line answered once and none submitted twice', async () => {
    server = await FakeLlmServer.start({ batch: { lineMs: 3, lineConcurrency: 2, validatingMs: 20, finalizingMs: 20 } });
    const file = join(tempDir(), 'queue.sqlite');
    const jobs = new JobStore(file);
    const format = jsonSchemaFormat('lesson', z.object({ title: z.string() }));
    const store = new BatchStore(jobs.db);
    for (const title of ['Kill One', 'Kill Two', 'Kill Three']) {
      const id = jobs.enqueue(enqueueInput(title, tempDir())).job.id;
      store.addLines(Array.from({ length: 30 }, (_, i) => batchRequest(id, `lesson:${i + 1}`, 'test-model', { task: { kind: 'lesson' } as LlmTask, messages: [{ role: 'user', content: `Write lesson ${i + 1} of "${title}".` }], format })));
    }
    jobs.close();
    // Files of ten lines (the driver's last argument): nine batches to be killed among.
    const epoch = Date.now();
    const random = seeded(7);
    const kills: (number | string)[] = [];
    const batchesAtKill: number[] = [];
    for (let i = 0; i < 6; i++) {
      kills.push(await runDriver(file, epoch, 150 + Math.floor(random() * 400)));
      batchesAtKill.push(server.batch.batches.length);
    }
    // Kills fell in different places: some before all nine batches of ten lines existed.
    expect(batchesAtKill[0]).toBeLessThan(9);
    expect(await runDriver(file, epoch)).toBe(0);
    expect(kills.filter((k) => k === 'SIGKILL').length).toBeGreaterThan(0);

    const after = new JobStore(file);
    const lines = after.db.prepare(`SELECT state, COUNT(*) AS n FROM batch_lines GROUP BY state`).all();
    after.close();
    expect(lines).toEqual([{ state: 'answered', n: 90 }]);
    const submitted = server.batch.submittedIds().flat();
    expect(new Set(submitted).size).toBe(submitted.length);
    expect(server.paidCounts().size).toBe(90);
    expect([...server.paidCounts().values()].every((n) => n === 1)).toBe(true);
  });
});
