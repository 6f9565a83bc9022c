import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClipStore } from '../speech/clip-store.js';

// The clips of a course folder as the exports take them: which text speaks which file (by the
// JSON Pointer into course.json that audio/clips.json keys its entries by) and the files' bytes.
// Read once by whoever has the folder (the export command), so each format stays a pure function
// of the course and what it is given.

export interface CourseAudio {
  /** JSON Pointer into course.json ("/lessons/0/vocabulary/2/term") → the clip's file name. */
  readonly clips: ReadonlyMap<string, string>;
  /** Clip file name → its MP3 bytes; every file `clips` names is here. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/**
 * The course's clips, or undefined when the folder has no (readable) `audio/clips.json` or none
 * of its clips is on disk. A clip the manifest names but the disk lacks (deleted by hand, or a
 * run stopped before it) is left out, so an export never names a file it cannot carry.
 */
export async function readCourseAudio(courseFolder: string): Promise<CourseAudio | undefined> {
  const store = new ClipStore(courseFolder);
  const manifest = await store.readManifest();
  if (!manifest) return undefined;
  const files = new Map<string, Uint8Array>();
  const clips = new Map<string, string>();
  for (const [pointer, entry] of Object.entries(manifest.clips)) {
    if (!files.has(entry.file)) {
      const bytes = await readFile(join(store.folder, entry.file)).catch(() => undefined);
      if (!bytes || bytes.byteLength === 0) continue;
      files.set(entry.file, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
    clips.set(pointer, entry.file);
  }
  return clips.size ? { clips, files } : undefined;
}

/** The JSON Pointers of the texts exports give a play button or a sound (clip-plan.ts names them so). */
export const clipPointer = {
  term: (lessonIndex: number, item: number) => `/lessons/${lessonIndex}/vocabulary/${item}/term`,
  example: (lessonIndex: number, item: number) => `/lessons/${lessonIndex}/vocabulary/${item}/example`,
  line: (lessonIndex: number, line: number) => `/lessons/${lessonIndex}/dialogue/lines/${line}/line`,
  grammarExample: (lessonIndex: number, example: number) => `/lessons/${lessonIndex}/grammar/examples/${example}/sentence`,
};
