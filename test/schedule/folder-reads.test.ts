import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScheduleStore, specFilesIn } from '../../electron/core/schedule/schedule-store.js';
import { Scheduler } from '../../electron/core/schedule/scheduler.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { jobSettings } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The schedule code runs in the app's main process. On a Mac the first read of Desktop, Downloads,
// a removable or network volume waits until the person answers a privacy prompt, and a file in
// iCloud Drive waits for its download: a synchronous read there freezes every window for as long.
// So every read of a schedule's folder is asynchronous, which a test sees as the event loop
// turning while the folder is read. A synchronous scan finishes before any callback can run.

const tempDir = useTempDir();
const stores: JobStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

/** Counts the event loop's turns (a setImmediate that re-arms itself) until stopped. */
function loopTurns() {
  let turns = 0;
  let stopped = false;
  const turn = () => {
    turns++;
    if (!stopped) setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop: () => {
      stopped = true;
      return turns;
    },
  };
}

/** A folder of 200 specs, as an inbox that has collected a term's courses. */
function bigInbox() {
  const dir = tempDir();
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox);
  for (let i = 0; i < 200; i++) writeFileSync(join(inbox, `c${String(i).padStart(3, '0')}.course.yaml`), `title: Course ${i}\nlanguage: Italian\nlevel: A1\nlessons: 2\n`);
  writeFileSync(join(inbox, 'notes.txt'), 'not a spec');
  const jobs = new JobStore(join(dir, 'queue.sqlite'));
  stores.push(jobs);
  return { dir, inbox, jobs };
}

describe('reading a schedule’s folder never blocks the main process', () => {
  it('listing the specs of a folder lets the event loop run meanwhile', async () => {
    const { inbox } = bigInbox();
    const loop = loopTurns();
    const files = await specFilesIn(inbox);
    const turns = loop.stop();
    expect(files).toHaveLength(200);
    expect(files[0]).toBe(join(inbox, 'c000.course.yaml'));
    expect(turns).toBeGreaterThan(0);
  });

  it('saving a watched-folder schedule (which reads and hashes every spec as its baseline) lets the event loop run meanwhile', async () => {
    const { inbox, jobs } = bigInbox();
    const store = new ScheduleStore(jobs.db);
    const loop = loopTurns();
    const saved = await store.add({ name: 'inbox', onChange: true, folder: inbox });
    const turns = loop.stop();
    expect(store.fileContents(saved.id).size).toBe(200);
    // Reading 200 files one after the other: the loop turns many times, not once at the end.
    expect(turns).toBeGreaterThan(20);
  });

  it('changing a schedule to watch another folder reads it asynchronously too', async () => {
    const { inbox, jobs } = bigInbox();
    const store = new ScheduleStore(jobs.db);
    const other = join(inbox, '..', 'other');
    mkdirSync(other);
    await store.add({ name: 'inbox', onChange: true, folder: other });
    const loop = loopTurns();
    const saved = await store.update('inbox', { name: 'inbox', onChange: true, folder: inbox });
    expect(loop.stop()).toBeGreaterThan(20);
    expect(store.fileContents(saved.id).size).toBe(200);
  });

  it('a folder that cannot be read (gone, or refused at the privacy prompt) is a schedule error, not a crash', async () => {
    const { dir, jobs } = bigInbox();
    const store = new ScheduleStore(jobs.db);
    await expect(store.add({ name: 'gone', cron: '0 2 * * *', timeZone: 'UTC', folder: join(dir, 'missing') })).rejects.toMatchObject({ code: 'FOLDER_NOT_FOUND' });
    expect(await specFilesIn(join(dir, 'missing'))).toEqual([]);
  });

  it('"Run now" of a folder schedule queues every spec in it', async () => {
    const { dir, inbox, jobs } = bigInbox();
    const scheduler = new Scheduler({ jobs, defaultSettings: () => jobSettings(join(dir, 'out')), watchFolders: false });
    await scheduler.store.add({ name: 'inbox', cron: '0 2 * * *', timeZone: 'UTC', folder: inbox });
    const run = await scheduler.runNow('inbox');
    await scheduler.stop();
    expect(run.queued).toHaveLength(200);
  });
});
