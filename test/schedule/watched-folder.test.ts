import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../electron/core/schedule/scheduler.js';
import type { ScheduleRun } from '../../electron/core/schedule/schedule-store.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { waitUntil } from '../support/child-processes.js';
import { jobSettings } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const spec = (title: string, lessons = 2) => `title: ${title}\nlanguage: Italian\nlevel: A1\nlessons: ${lessons}\n`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const open: { close(): void; stop?(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) {
    await o.stop?.();
    o.close();
  }
});

async function watching(options: { settleMs?: number } = {}) {
  const dir = tempDir();
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  writeFileSync(join(inbox, 'already.course.yaml'), spec('Already There'));
  const jobs = new JobStore(join(dir, 'queue.sqlite'));
  const scheduler = new Scheduler({ jobs, defaultSettings: () => jobSettings(join(dir, 'out')), settleMs: options.settleMs ?? 300, rescanMs: 200 });
  open.push({ close: () => jobs.close(), stop: () => scheduler.stop() });
  await scheduler.store.add({ name: 'inbox', onChange: true, folder: inbox });
  const runs: ScheduleRun[] = [];
  scheduler.onDidRun((r) => runs.push(r));
  await scheduler.start();
  const titles = () => jobs.list().map((j) => j.title);
  return { dir, inbox, jobs, scheduler, runs, titles };
}

describe('a watched folder ("when the folder changes")', () => {
  it('queues a new spec once, an edited spec once more, and not the files that were there before', async () => {
    const { inbox, runs, titles, scheduler } = await watching();
    expect(scheduler.watchedFolders()).toEqual([{ schedule: 'inbox', folder: inbox }]);
    writeFileSync(join(inbox, 'new.course.yaml'), spec('Fresh'));
    await waitUntil(() => titles().length === 1, 5000);
    expect(titles()).toEqual(['Fresh']);
    expect(runs.map((r) => [r.reason, r.queued.map((q) => q.title)])).toEqual([['folder-change', ['Fresh']]]);
    // Saved again with the same content, touched: nothing new.
    writeFileSync(join(inbox, 'new.course.yaml'), spec('Fresh'));
    await sleep(900);
    expect(titles()).toEqual(['Fresh']);
    // Edited: queued once more.
    writeFileSync(join(inbox, 'new.course.yaml'), spec('Fresh', 3));
    await waitUntil(() => titles().length === 2, 5000);
    await sleep(900);
    expect(titles()).toEqual(['Fresh', 'Fresh']);
    expect(runs).toHaveLength(2);
  });

  it('an editor\'s atomic save (temporary file renamed over the spec) is queued once', async () => {
    const { inbox, titles, runs } = await watching();
    const temp = join(inbox, '.new.course.yaml.swp');
    writeFileSync(temp, spec('Atomic'));
    await sleep(400);
    renameSync(temp, join(inbox, 'new.course.yaml'));
    await waitUntil(() => titles().length === 1, 5000);
    await sleep(900);
    expect(titles()).toEqual(['Atomic']);
    expect(runs.flatMap((r) => r.invalid)).toEqual([]);
  });

  it('a half-written file is not queued; the finished one is, once', async () => {
    const { inbox, titles, runs } = await watching();
    const file = join(inbox, 'slow.course.yaml');
    const text = spec('Slowly Written', 4);
    writeFileSync(file, text.slice(0, 10));
    for (let i = 10; i < text.length; i += 8) {
      await sleep(100); // faster than the settle time: never read half-way
      appendFileSync(file, text.slice(i, i + 8));
    }
    await waitUntil(() => titles().length === 1, 5000);
    await sleep(900);
    expect(titles()).toEqual(['Slowly Written']);
    expect(runs.flatMap((r) => r.invalid)).toEqual([]);
    expect(runs).toHaveLength(1);
  });

  it('a spec that settled invalid is recorded once in the history, and queued once fixed', async () => {
    const { inbox, titles, runs, scheduler } = await watching();
    writeFileSync(join(inbox, 'typo.course.yaml'), 'title: Typo\nlanguage: Italian\nlevel: A1\nlesons: 2\n');
    await waitUntil(() => runs.length === 1, 5000);
    await sleep(900);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.invalid[0]!.problems[0]).toMatchObject({ message: 'unknown field "lesons"' });
    writeFileSync(join(inbox, 'typo.course.yaml'), spec('Typo'));
    await waitUntil(() => titles().length === 1, 5000);
    expect(scheduler.store.runs('inbox').map((r) => [r.queued.length, r.invalid.length])).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('two processes watching one folder queue a change once', async () => {
    const first = await watching();
    const jobs = new JobStore(join(first.dir, 'queue.sqlite'));
    const second = new Scheduler({ jobs, defaultSettings: () => jobSettings(join(first.dir, 'out')), settleMs: 300, rescanMs: 200 });
    open.push({ close: () => jobs.close(), stop: () => second.stop() });
    await second.start();
    writeFileSync(join(first.inbox, 'shared.course.yaml'), spec('Shared'));
    await waitUntil(() => first.titles().length === 1, 5000);
    await sleep(1000);
    expect(first.titles()).toEqual(['Shared']);
    expect(first.scheduler.store.runs('inbox')).toHaveLength(1);
  });
});
