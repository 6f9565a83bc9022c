import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WRITING_PREFIX } from '../../electron/core/output/write-course.js';
import { sweepWritingFoldersOfQueue } from '../../electron/core/queue/stale-writing.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();

describe('sweeping the queue\'s temporary course folders', () => {
  it('removes a finished job\'s, keeps a queued job\'s (a batch run writes while queued) and a recent one of a job it does not know', async () => {
    const store = new JobStore(join(tempDir(), 'queue.sqlite'));
    const out = join(tempDir(), 'out');
    const done = store.enqueue(enqueueInput('Done', out)).job.id;
    store.claimNext('o');
    store.moveToFailed(done, 'x');
    const waiting = store.enqueue(enqueueInput('Waiting', out)).job.id;
    for (const id of [done, waiting, 'elsewhere']) mkdirSync(join(out, `${WRITING_PREFIX}${id}`), { recursive: true });
    expect(await sweepWritingFoldersOfQueue(store)).toEqual([join(out, `${WRITING_PREFIX}${done}`)]);
    expect(readdirSync(out).sort()).toEqual([`${WRITING_PREFIX}elsewhere`, `${WRITING_PREFIX}${waiting}`].sort());
    store.close();
  });
});
