import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

// A course's clips: `<course>/audio/<hash>.mp3`, the hash taken over everything that changes
// the sound (engine, voice, speed, text). An unchanged clip keeps its name, so a rerun, a resumed
// run or a regenerated lesson finds it on disk and never synthesises (or pays for) it again; an
// edited line gets a new name, and the old file becomes an orphan that the next run removes.
// `audio/clips.json` says which clip speaks which text of course.json.

export const AUDIO_FOLDER = 'audio';
export const MANIFEST_FILE = 'clips.json';
/** What this store names its clips; other files in audio/ are the user's and never removed. */
const CLIP_FILE = /^[0-9a-f]{20}\.mp3$/;

export interface ClipIdentity {
  /** The engine and, where it matters, its model ("espeak-ng", "openai:gpt-4o-mini-tts"). */
  engine: string;
  voice: string;
  speed: number;
  text: string;
  /** What the engine says instead when it cannot say `text` (a Japanese text's kana reading): part of the sound. */
  sayAs?: string;
}

/** The clip's file name: the first 80 bits of a SHA-256 over what makes its sound, hex, ".mp3". */
export function clipFileName(clip: ClipIdentity): string {
  // Without a reading the identity is what it always was, so clips made before readings keep their names.
  const identity = [clip.engine, clip.voice, clip.speed, clip.text.trim(), ...(clip.sayAs?.trim() ? [clip.sayAs.trim()] : [])];
  const hash = createHash('sha256').update(JSON.stringify(identity)).digest('hex');
  return `${hash.slice(0, 20)}.mp3`;
}

export const clipEntrySchema = z.strictObject({
  /** The clip file in audio/. */
  file: z.string().regex(CLIP_FILE),
  text: z.string(),
  voice: z.string(),
  /** The dialogue line's speaker, for a line. */
  speaker: z.string().optional(),
});

export const clipManifestSchema = z.strictObject({
  formatVersion: z.literal(1),
  engine: z.string(),
  /** BCP-47 tag of the language spoken. */
  language: z.string(),
  speed: z.number(),
  /** The voice of terms and examples, and each dialogue speaker's. */
  voices: z.strictObject({ narrator: z.string(), speakers: z.record(z.string(), z.string()) }),
  /** By JSON Pointer (RFC 6901) to the text in course.json: "/lessons/0/vocabulary/2/term". */
  clips: z.record(z.string(), clipEntrySchema),
  /** Texts the engine cannot speak right (espeak-ng and kanji), which have no clip: pointer → why. */
  unspoken: z.record(z.string(), z.string()).optional(),
});
export type ClipEntry = z.output<typeof clipEntrySchema>;
export type ClipManifest = z.output<typeof clipManifestSchema>;

export class ClipStore {
  readonly folder: string;

  constructor(courseFolder: string) {
    this.folder = join(courseFolder, AUDIO_FOLDER);
  }

  /** True when the clip is on disk and not empty (a write cut short leaves only a temporary file). */
  async has(file: string): Promise<boolean> {
    return stat(join(this.folder, file)).then(
      (s) => s.isFile() && s.size > 0,
      () => false,
    );
  }

  /** Writes a clip atomically: a reader (or a crash) never sees half a file under the clip's name. */
  async write(file: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const temporary = join(this.folder, `.${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    await writeFile(temporary, bytes);
    await rename(temporary, join(this.folder, file));
  }

  /** The clip files in audio/, sorted. */
  async files(): Promise<string[]> {
    const names = await readdir(this.folder).catch(() => [] as string[]);
    return names.filter((n) => CLIP_FILE.test(n)).sort();
  }

  /** Clip files no manifest entry names. */
  async orphans(manifest: ClipManifest): Promise<string[]> {
    const listed = new Set(Object.values(manifest.clips).map((c) => c.file));
    return (await this.files()).filter((f) => !listed.has(f));
  }

  /** Removes the orphans and any temporary file a stopped run left; returns the clips removed. */
  async removeOrphans(manifest: ClipManifest): Promise<string[]> {
    const orphans = await this.orphans(manifest);
    const leftovers = (await readdir(this.folder).catch(() => [] as string[])).filter((n) => /^\..*\.tmp$/.test(n));
    await Promise.all([...orphans, ...leftovers].map((f) => rm(join(this.folder, f), { force: true })));
    return orphans;
  }

  /** The manifest, or undefined when there is none (or it is not one this version reads). */
  async readManifest(): Promise<ClipManifest | undefined> {
    try {
      const parsed = clipManifestSchema.safeParse(JSON.parse(await readFile(join(this.folder, MANIFEST_FILE), 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async writeManifest(manifest: ClipManifest): Promise<void> {
    await this.write(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(clipManifestSchema.parse(manifest), null, 2) + '\n'));
  }
}
