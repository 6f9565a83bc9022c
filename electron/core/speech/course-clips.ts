import { readFile, realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { ClipStore } from './clip-store.js';

// The clips a viewer may play (the app's window through its app:// protocol, a browser through
// `fluentpro serve`): which text has one, and the bytes of one, by name. A viewer names a file it
// wants, so this is the one door from a URL to the disk: it opens only a file the course's
// audio/clips.json names, and only inside the course's audio/ folder.

/** A clip the course does not name, or that is not on disk. */
export class ClipNotFoundError extends Error {
  readonly code = 'CLIP_NOT_FOUND';
  constructor(file: string) {
    super(`the course has no clip ${JSON.stringify(file.slice(0, 80))}`);
    this.name = this.constructor.name;
  }
}

/**
 * The clips of a course a viewer can offer: JSON Pointer into course.json → the clip's file name,
 * or undefined when the course has none. A clip is left out when its file is not on disk, or when
 * it speaks other words than the course now has at its pointer (the lesson was edited or
 * regenerated after its audio was made), so a play button never says the wrong line.
 */
export async function listCourseClips(courseFolder: string, course: unknown): Promise<Record<string, string> | undefined> {
  const store = new ClipStore(courseFolder);
  const manifest = await store.readManifest();
  if (!manifest) return undefined;
  const onDisk = new Set(await store.files());
  const clips: Record<string, string> = {};
  for (const [pointer, entry] of Object.entries(manifest.clips)) {
    const text = textAt(course, pointer);
    if (onDisk.has(entry.file) && typeof text === 'string' && text.trim() === entry.text.trim()) clips[pointer] = entry.file;
  }
  return Object.keys(clips).length ? clips : undefined;
}

/**
 * The bytes of one clip the course names. Refuses (ClipNotFoundError) any other name, a name
 * clips.json lists but the disk lacks, and a file that is really elsewhere (a symbolic link out of
 * audio/): the manifest's schema already allows only `<hex>.mp3` names, and the real path is
 * checked as well, so a hand-edited manifest cannot open a door either.
 */
export async function readCourseClip(courseFolder: string, file: string): Promise<Uint8Array> {
  const store = new ClipStore(courseFolder);
  const manifest = await store.readManifest();
  if (!manifest || !Object.values(manifest.clips).some((entry) => entry.file === file)) throw new ClipNotFoundError(file);
  try {
    const folder = await realpath(store.folder);
    const path = await realpath(join(store.folder, file));
    if (!path.startsWith(folder + sep)) throw new ClipNotFoundError(file);
    const bytes = await readFile(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    if (error instanceof ClipNotFoundError) throw error;
    throw new ClipNotFoundError(file);
  }
}

/** The value a JSON Pointer (RFC 6901) names in `document`, or undefined. */
function textAt(document: unknown, pointer: string): unknown {
  if (!pointer.startsWith('/')) return undefined;
  let value = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
