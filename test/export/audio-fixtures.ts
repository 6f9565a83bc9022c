import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Course } from '../../electron/core/course/course-schema.js';
import { readCourseAudio, type CourseAudio } from '../../electron/core/export/course-audio.js';
import { ClipStore, clipFileName, type ClipManifest } from '../../electron/core/speech/clip-store.js';
import { spokenTexts } from '../../electron/core/speech/clip-plan.js';
import { encodeMp3 } from '../../electron/core/speech/mp3.js';

/** A real MP3 Chromium can play: 0.4 s of a tone whose pitch tells clips apart (so their bytes differ). */
export function toneMp3(hz: number): Uint8Array {
  const sampleRate = 22_050;
  const samples = new Float32Array(Math.round(sampleRate * 0.4));
  for (let i = 0; i < samples.length; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return encodeMp3({ samples, sampleRate });
}

/**
 * A course folder as `fluentpro audio` leaves it: course.json, audio/<hash>.mp3 and
 * audio/clips.json, written through the speech step's own ClipStore. Every spoken text gets a
 * clip, except the pointers in `skip` (as a text espeak-ng could not say).
 */
export async function courseFolderWithAudio(course: Course, skip: readonly string[] = []): Promise<{ folder: string; manifest: ClipManifest; audio: CourseAudio }> {
  const folder = mkdtempSync(join(tmpdir(), 'fp-export-audio-'));
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course, null, 2));
  const store = new ClipStore(folder);
  const manifest: ClipManifest = { formatVersion: 1, engine: 'test', language: 'es', speed: 1, voices: { narrator: 'es', speakers: {} }, clips: {} };
  let n = 0;
  for (const t of spokenTexts(course)) {
    if (skip.includes(t.pointer)) continue;
    const file = clipFileName({ engine: 'test', voice: 'es', speed: 1, text: t.text });
    if (!(await store.has(file))) await store.write(file, toneMp3(220 + 10 * n++));
    manifest.clips[t.pointer] = { file, text: t.text, voice: 'es' };
  }
  await store.writeManifest(manifest);
  return { folder, manifest, audio: (await readCourseAudio(folder))! };
}
