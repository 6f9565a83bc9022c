import { copyFile, link, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { isDiskFull, OutputFolderFullError } from '../config/disk-full.js';
import { courseSchema, type Course } from '../course/course-schema.js';
import { lessonFileName, renderCourseReadme, renderLesson } from './render-markdown.js';
import { insideFolder } from './slug.js';

/** Where a temporary course folder starts: `.fluentpro-writing-<job id>`. */
export const WRITING_PREFIX = '.fluentpro-writing-';
/**
 * Where a job's clips are made while its lessons are written: `.fluentpro-audio-<job id>/audio/`
 * in the output folder. It outlives a killed run (the clips are the speech step's checkpoint),
 * is linked into the course folder when it is written, and is removed after.
 */
export const AUDIO_WORK_PREFIX = '.fluentpro-audio-';
/** The file in a course folder that names the job that wrote it: `{"jobId": "…"}`. */
export const JOB_MARKER = '.fluentpro-job';

export interface WriteCourseOptions {
  /**
   * The job writing it. Its temporary folder is named after it (a stale one from a killed run is
   * removed first) and the course folder records it, so a job that dies between the rename and
   * telling the queue finds its course already written instead of writing `<slug>-2`.
   */
  jobId?: string;
  /**
   * A folder of clips (and clips.json) to give the course as its `audio/`: each file is hard-linked
   * (copied across file systems), so the folder keeps its clips until the course is in place.
   */
  audioFrom?: string;
}

/**
 * Writes a course to `<outDir>/<slug>/` atomically: everything goes to a hidden temp folder
 * first and is renamed into place, so a half-written course is never seen. An existing course
 * folder is never overwritten: the new one becomes `<slug>-2`, `<slug>-3`, … — unless that folder
 * is this job's own course, already written. Returns the folder.
 */
export async function writeCourse(course: Course, outDir: string, options: WriteCourseOptions = {}): Promise<string> {
  // Checked here too, not only when assembled: every name below comes from this object.
  courseSchema.parse(course);
  try {
    await mkdir(outDir, { recursive: true });
    if (options.jobId) {
      const written = await findOwnCourse(outDir, course.slug, options.jobId);
      if (written) return written;
    }
    const temp = insideFolder(outDir, `${WRITING_PREFIX}${options.jobId ?? randomUUID()}`);
    // A run of this job killed while writing left it half-written: start again.
    await rm(temp, { recursive: true, force: true });
    // mkdir, not mkdtemp: the folder becomes the course folder and keeps the user's usual
    // permissions (mkdtemp's 0700 would survive the rename).
    await mkdir(temp);
    try {
      await mkdir(join(temp, 'lessons'));
      await writeFile(join(temp, 'course.json'), JSON.stringify(course, null, 2) + '\n');
      await writeFile(join(temp, 'README.md'), renderCourseReadme(course));
      for (const lesson of course.lessons) {
        await writeFile(insideFolder(join(temp, 'lessons'), lessonFileName(lesson)), renderLesson(course, lesson));
      }
      if (options.audioFrom) await linkFiles(options.audioFrom, join(temp, 'audio'));
      if (options.jobId) await writeFile(join(temp, JOB_MARKER), JSON.stringify({ jobId: options.jobId }) + '\n');
      return await renameToFreeName(temp, outDir, course.slug);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  } catch (error) {
    if (isDiskFull(error)) throw new OutputFolderFullError(outDir);
    throw error;
  }
}

/** Every visible file of `from` into `to` (a new folder), linked where they share a file system. */
async function linkFiles(from: string, to: string): Promise<void> {
  await mkdir(to);
  for (const name of await readdir(from)) {
    if (name.startsWith('.')) continue; // a clip write cut short
    await link(join(from, name), join(to, name)).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV' && error.code !== 'EPERM' && error.code !== 'ENOTSUP') throw error;
      await copyFile(join(from, name), join(to, name));
    });
  }
}

/** `<slug>`, `<slug>-2`, … in the order they are taken. */
function* candidateNames(slug: string): Generator<string> {
  for (let n = 1; n < 10_000; n++) yield n === 1 ? slug : `${slug}-${n}`;
}

/**
 * This job's course folder, if an earlier run of it already renamed it into place: any of
 * `<slug>`, `<slug>-N` that records this job (not only up to the first free name: a folder
 * before it may have been deleted by hand since).
 */
export async function findOwnCourse(outDir: string, slug: string, jobId: string): Promise<string | undefined> {
  const taken = new RegExp(`^${slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(-\\d+)?$`);
  for (const name of (await readdir(outDir)).filter((n) => taken.test(n)).sort()) {
    const target = insideFolder(outDir, name);
    if ((await jobOfFolder(target)) === jobId) return target;
  }
  return undefined;
}

/** The job recorded in a course folder, if any. */
export async function jobOfFolder(folder: string): Promise<string | undefined> {
  try {
    const marker = JSON.parse(await readFile(join(folder, JOB_MARKER), 'utf8')) as { jobId?: unknown };
    return typeof marker.jobId === 'string' ? marker.jobId : undefined;
  } catch {
    return undefined;
  }
}

async function renameToFreeName(temp: string, outDir: string, slug: string): Promise<string> {
  for (const name of candidateNames(slug)) {
    const target = insideFolder(outDir, name);
    if (await exists(target)) continue;
    try {
      // Atomic; fails when another writer took the name in between (ENOTEMPTY/EEXIST).
      await rename(temp, target);
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') continue;
      throw error;
    }
  }
  throw new Error(`no free folder name for "${slug}" in ${outDir}`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Removes temporary course folders left by runs that were killed while writing
 * (`.fluentpro-writing-<job id>` in each output folder), and the clip folders of jobs that will
 * not resume (`.fluentpro-audio-<job id>`), that `isStale` says no writer can be
 * using (it is told the folder's age). Returns the folders removed.
 */
export async function sweepStaleWritingFolders(outDirs: Iterable<string>, isStale: (jobId: string, ageMs: number) => boolean): Promise<string[]> {
  const removed: string[] = [];
  for (const outDir of new Set(outDirs)) {
    let names: string[];
    try {
      names = await readdir(outDir);
    } catch {
      continue; // not there (yet): nothing to sweep
    }
    for (const name of names) {
      const prefix = [WRITING_PREFIX, AUDIO_WORK_PREFIX].find((p) => name.startsWith(p));
      if (!prefix) continue;
      const jobId = name.slice(prefix.length);
      const modified = await stat(join(outDir, name)).then((st) => st.mtimeMs, () => undefined);
      if (modified === undefined || !isStale(jobId, Date.now() - modified)) continue;
      await rm(join(outDir, name), { recursive: true, force: true });
      removed.push(join(outDir, name));
    }
  }
  return removed;
}
