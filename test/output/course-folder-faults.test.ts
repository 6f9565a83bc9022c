import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_MARKER, sweepStaleWritingFolders, writeCourse, WRITING_PREFIX } from '../../electron/core/output/write-course.js';
import { demoCourse } from '../export/export-fixtures.js';
import { CAN_MOUNT_SMALL_DISK, useSmallDisk } from '../support/small-disk.js';
import { useTempDir } from '../support/temp-dir.js';

// Issue 15, items 2, 3, 8 and 11: the course folder under faults — a kill between the rename
// and the queue hearing of it, a kill while the temporary folder fills, a full output disk —
// and the permissions a course folder gets.

const tempDir = useTempDir();

/** A demo course with this title (the export tests' fixture). */
const course = (title: string, lessons = 2) => demoCourse(lessons, { title });

describe('a course folder belongs to its job', () => {
  it('a job that already renamed its course into place (then was killed) finds it instead of writing <slug>-2', async () => {
    const out = tempDir();
    const first = await writeCourse(course('Twice'), out, { jobId: 'job00001' });
    // The resumed run of the same job writes again: the same folder comes back, no copy is made.
    const again = await writeCourse(course('Twice'), out, { jobId: 'job00001' });
    expect(again).toBe(first);
    expect(readdirSync(out)).toEqual(['twice']);
    expect(JSON.parse(readFileSync(join(first, JOB_MARKER), 'utf8'))).toEqual({ jobId: 'job00001' });
    // Another job with the same title still gets its own folder.
    const other = await writeCourse(course('Twice'), out, { jobId: 'job00002' });
    expect(other).toBe(join(out, 'twice-2'));
    expect(await writeCourse(course('Twice'), out, { jobId: 'job00002' })).toBe(other);
    expect(readdirSync(out).sort()).toEqual(['twice', 'twice-2']);
  });

  it('finds its folder past a gap: <slug> deleted by hand after the kill does not make it write <slug> again', async () => {
    const out = tempDir();
    await writeCourse(course('Gap'), out, { jobId: 'job0000a' });
    const mine = await writeCourse(course('Gap'), out, { jobId: 'job0000b' });
    expect(mine).toBe(join(out, 'gap-2'));
    rmSync(join(out, 'gap'), { recursive: true });
    expect(await writeCourse(course('Gap'), out, { jobId: 'job0000b' })).toBe(mine);
    expect(readdirSync(out)).toEqual(['gap-2']);
  });

  it('starts again from a half-written temporary folder a killed run of the job left behind', async () => {
    const out = tempDir();
    const stale = join(out, `${WRITING_PREFIX}job00003`);
    mkdirSync(join(stale, 'lessons'), { recursive: true });
    writeFileSync(join(stale, 'course.json'), '{"cut off');
    const folder = await writeCourse(course('Stale'), out, { jobId: 'job00003' });
    expect(readdirSync(out)).toEqual(['stale']);
    expect(JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8')).title).toBe('Stale');
  });

  it('gives the course folder the permissions of any folder the user makes, not mkdtemp\'s 0700', async () => {
    const out = tempDir();
    const folder = await writeCourse(course('Modes'), out, { jobId: 'job00004' });
    const umask = process.umask();
    expect(statSync(folder).mode & 0o777).toBe(0o777 & ~umask);
    const plain = join(out, 'made-by-hand');
    mkdirSync(plain);
    expect(statSync(folder).mode & 0o777).toBe(statSync(plain).mode & 0o777);
  });
});

describe('sweeping temporary folders of killed runs', () => {
  it('removes those it is told are stale, in every output folder, and keeps a live writer\'s', async () => {
    const a = tempDir();
    const b = join(a, 'other-out');
    for (const [dir, job] of [[a, 'gone0001'], [a, 'live0001'], [b, 'gone0002']] as const) mkdirSync(join(dir, `${WRITING_PREFIX}${job}`, 'lessons'), { recursive: true });
    mkdirSync(join(a, 'a-course'));
    const ages: number[] = [];
    const removed = await sweepStaleWritingFolders([a, b, join(a, 'missing')], (id, ageMs) => (ages.push(ageMs), id !== 'live0001'));
    expect(ages.every((ms) => ms >= 0 && ms < 60_000)).toBe(true);
    expect(removed.sort()).toEqual([join(a, `${WRITING_PREFIX}gone0001`), join(b, `${WRITING_PREFIX}gone0002`)].sort());
    expect(readdirSync(a).sort()).toEqual(['.fluentpro-writing-live0001', 'a-course', 'other-out']);
    expect(readdirSync(b)).toEqual([]);
  });
});

describe.skipIf(!CAN_MOUNT_SMALL_DISK)('a full output disk (a 64 KiB tmpfs; needs root on Linux to mount it)', () => {
  const smallDisk = useSmallDisk();

  it('fails with the folder and the way out, and leaves no temporary folder behind', async () => {
    const mountPoint = smallDisk('64k');
    const error = await writeCourse(course('Too Big', 60), mountPoint, { jobId: 'job00005' }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `the output folder ${mountPoint} is full (no space left on the disk): free some space or choose another output folder, then retry the job; nothing generated is lost, the retry pays for nothing again`,
    );
    expect(readdirSync(mountPoint)).toEqual([]);
    expect(existsSync(join(mountPoint, 'too-big'))).toBe(false);
  });
});
