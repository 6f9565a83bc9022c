import { mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCourseClips, readCourseClip } from '../../electron/core/speech/course-clips.js';
import { ClipStore } from '../../electron/core/speech/clip-store.js';
import { courseFolderWithAudio } from '../export/audio-fixtures.js';
import { demoCourse } from '../export/export-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The one door from a viewer's URL to the disk: what a course's clips are, and a clip's bytes by
// name, never any other file.

const tempDir = useTempDir();
const course = demoCourse(2);

describe('the clips a viewer may play', () => {
  it('lists every clip on disk by the JSON Pointer of the text it speaks', async () => {
    const { folder, manifest } = await courseFolderWithAudio(course);
    const clips = await listCourseClips(folder, course);
    expect(clips).toEqual(Object.fromEntries(Object.entries(manifest.clips).map(([pointer, entry]) => [pointer, entry.file])));
    expect(clips!['/lessons/1/dialogue/lines/0/line']).toBe(manifest.clips['/lessons/1/dialogue/lines/0/line']!.file);
  });

  it('leaves out a clip the disk lacks, and one whose text was edited after its audio was made', async () => {
    const { folder, manifest } = await courseFolderWithAudio(course);
    const term = '/lessons/0/vocabulary/0/term';
    const line = '/lessons/1/dialogue/lines/1/line';
    unlinkSync(join(folder, 'audio', manifest.clips[line]!.file));
    const edited = structuredClone(course);
    (edited.lessons[0]!.vocabulary![0] as { term: string }).term = 'otra palabra';
    const clips = (await listCourseClips(folder, edited))!;
    expect(clips[term]).toBeUndefined();
    expect(clips[line]).toBeUndefined();
    expect(Object.keys(clips)).toHaveLength(Object.keys(manifest.clips).length - 2);
  });

  it('says a course without audio has none', async () => {
    const folder = join(tempDir(), 'plain');
    mkdirSync(folder);
    writeFileSync(join(folder, 'course.json'), JSON.stringify(course));
    expect(await listCourseClips(folder, course)).toBeUndefined();
    await expect(readCourseClip(folder, '0123456789abcdef0123.mp3')).rejects.toMatchObject({ code: 'CLIP_NOT_FOUND' });
  });
});

describe('reading a clip by name', () => {
  it('gives the bytes of a clip clips.json names', async () => {
    const { folder, manifest } = await courseFolderWithAudio(course);
    const file = manifest.clips['/lessons/0/vocabulary/0/term']!.file;
    const bytes = await readCourseClip(folder, file);
    expect(Buffer.from(bytes).equals(readFileSync(join(folder, 'audio', file)))).toBe(true);
  });

  it('refuses a clip-like file in audio/ that clips.json does not name, and clips.json itself', async () => {
    const { folder } = await courseFolderWithAudio(course);
    await new ClipStore(folder).write('ffffffffffffffffffff.mp3', new Uint8Array([1, 2, 3]));
    await expect(readCourseClip(folder, 'ffffffffffffffffffff.mp3')).rejects.toMatchObject({ code: 'CLIP_NOT_FOUND', name: 'ClipNotFoundError' });
    await expect(readCourseClip(folder, 'clips.json')).rejects.toMatchObject({ code: 'CLIP_NOT_FOUND' });
  });

  it('refuses a path that climbs out of audio/, however it is spelled', async () => {
    const { folder } = await courseFolderWithAudio(course);
    writeFileSync(join(tempDir(), 'secret.mp3'), 'not a clip');
    for (const name of ['../course.json', '..', '../../secret.mp3', '/etc/passwd', '..\\course.json', 'sub/../../course.json', '']) {
      await expect(readCourseClip(folder, name), name).rejects.toMatchObject({ code: 'CLIP_NOT_FOUND' });
    }
  });

  it('refuses a named clip that is a link to a file outside audio/ (a hand-made manifest cannot open a door)', async () => {
    const { folder, manifest } = await courseFolderWithAudio(course);
    const file = manifest.clips['/lessons/0/vocabulary/0/term']!.file;
    const outside = join(tempDir(), 'outside.mp3');
    writeFileSync(outside, 'private');
    unlinkSync(join(folder, 'audio', file));
    symlinkSync(outside, join(folder, 'audio', file));
    await expect(readCourseClip(folder, file)).rejects.toMatchObject({ code: 'CLIP_NOT_FOUND' });
  });
});
