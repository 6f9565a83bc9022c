import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIO_WORK_PREFIX, WRITING_PREFIX } from '../../electron/core/output/write-course.js';
import { sweepWritingFoldersOfQueue } from '../../electron/core/queue/stale-writing.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();

describe('sweeping the clip folders of the speech step', () => {
  it('removes a finished job\'s clips that never reached a course, and keeps a queued job\'s for its resume', async () => {
    const store = new JobStore(join(tempDir(), 'queue.sqlite'));
    const out = join(tempDir(), 'out');
    const done = store.enqueue(enqueueInput('Done', out)).job.id;
    store.claimNext('o');
    store.moveToFailed(done, 'x');
    const waiting = store.enqueue(enqueueInput('Waiting', out)).job.id;
    for (const id of [done, waiting]) {
      mkdirSync(join(out, `${AUDIO_WORK_PREFIX}${id}`, 'audio'), { recursive: true });
      writeFileSync(join(out, `${AUDIO_WORK_PREFIX}${id}`, 'audio', '0123456789abcdef0123.mp3'), 'clip');
    }
    mkdirSync(join(out, `${WRITING_PREFIX}${done}`));
    expect((await sweepWritingFoldersOfQueue(store)).sort()).toEqual([join(out, `${AUDIO_WORK_PREFIX}${done}`), join(out, `${WRITING_PREFIX}${done}`)].sort());
    expect(readdirSync(out)).toEqual([`${AUDIO_WORK_PREFIX}${waiting}`]);
    store.close();
  });
});
