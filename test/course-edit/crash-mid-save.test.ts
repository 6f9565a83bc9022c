import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replaceLesson, undoLesson } from '../../electron/core/course-edit/change-lesson.js';
import { useTempDir } from '../support/temp-dir.js';
import { newVersion, readCourse, snapshot, writeDemoCourse } from './course-edit-fixtures.js';

// A rename that fails stands in for a crash mid-save: the course must be the old one, whole.
const failing = vi.hoisted(() => ({ target: undefined as RegExp | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      if (failing.target?.test(to)) throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), { code: 'EIO' });
      return fs.rename(from, to);
    },
  };
});

const tempDir = useTempDir();
afterEach(() => {
  failing.target = undefined;
});

describe('a save cut short leaves the old course intact', () => {
  it.each([
    ['course.json, the last rename', /course\.json$/],
    ['README.md, after the lesson and its history were renamed', /README\.md$/],
    ['the lesson’s Markdown', /lessons\/02-/],
    ['the history entry, the first rename', /history\//],
  ])('when renaming %s fails', async (_name, target) => {
    const folder = await writeDemoCourse(tempDir(), 3);
    const before = snapshot(folder, /^\.fluentpro/);
    failing.target = target;
    await expect(replaceLesson(folder, 2, newVersion(readCourse(folder), 2, 'Numbers Renamed'), { reason: 'regenerate' })).rejects.toThrow('EIO');
    // Every file as it was (history included: no entry for a change that did not happen), no temp file, no lock.
    expect(snapshot(folder, /^\.fluentpro/)).toEqual(before);
    expect(readdirSync(folder).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(readdirSync(join(folder, 'lessons')).filter((n) => n.startsWith('.'))).toEqual([]);

    // And the course can still be changed once the disk behaves.
    failing.target = undefined;
    await replaceLesson(folder, 2, newVersion(readCourse(folder), 2, 'Numbers Renamed'), { reason: 'regenerate' });
    expect(readCourse(folder).lessons[1]!.title).toBe('Numbers Renamed');
  });

  it('an undo cut short keeps the version it was restoring in the history', async () => {
    const folder = await writeDemoCourse(tempDir(), 2);
    await replaceLesson(folder, 1, newVersion(readCourse(folder), 1, 'Hello Again'), { reason: 'regenerate' });
    const before = snapshot(folder, /^\.fluentpro/);
    failing.target = /course\.json$/;
    await expect(undoLesson(folder, 1)).rejects.toThrow('EIO');
    expect(snapshot(folder, /^\.fluentpro/)).toEqual(before);
    failing.target = undefined;
    await undoLesson(folder, 1);
    expect(readCourse(folder).lessons[0]!.title).toBe('Greetings and introductions');
  });
});
