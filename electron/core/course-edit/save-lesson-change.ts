import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { COURSE_FORMAT, courseSchema, type Course, type CourseLesson, type Usage } from '../course/course-schema.js';
import { checkCourse } from '../quality/check-course.js';
import type { QualityReport, Repair } from '../quality/quality-types.js';
import { readCourseFolder, type CourseFolder } from '../output/read-course.js';
import { lessonFileName, renderCourseReadme, renderLesson } from '../output/render-markdown.js';
import { insideFolder, slugify } from '../output/slug.js';
import { historyDir, historyNames, nextEntryName, type HistoryEntry } from './lesson-history.js';

// The one save path of every lesson change (regenerate, edit, undo). Every file is written to a
// temp name beside its target and renamed into place, course.json last: course.json is the
// course, so until its rename the old course stands, after it the new one. A rename that fails
// puts back what the earlier renames replaced, so a failed save leaves the old course as it was.

/** A lesson number the course does not have. */
export class LessonNotFoundError extends Error {
  readonly code = 'LESSON_NOT_FOUND';
  constructor(
    readonly folder: string,
    readonly lessonNumber: number,
    readonly lessonCount: number,
  ) {
    super(`there is no lesson ${lessonNumber} in ${folder}: the course has ${lessonCount} lesson${lessonCount === 1 ? '' : 's'} (number 1 to ${lessonCount})`);
    this.name = this.constructor.name;
  }
}

/** Another change to the same course is being saved. */
export class CourseBusyError extends Error {
  readonly code = 'COURSE_BUSY';
  constructor(folder: string) {
    super(`another change to ${folder} is being saved; try again in a moment`);
    this.name = this.constructor.name;
  }
}

/** What a change does to the lesson and its history. */
export interface LessonChangePlan {
  lesson: CourseLesson;
  /** The new version's own repairs (the replaced version's are dropped). */
  repairs: Repair[];
  /** Added to the course's usage (what a regeneration cost). */
  usage?: Usage;
  /** Keep the replaced version as a history entry with this reason… */
  keep?: { reason: string; note?: string };
  /** …or drop these history entries (the version undo restores, and any left equal to the lesson). */
  dropEntries?: string[];
}

export interface LessonChange {
  /** The course folder (absolute). */
  folder: string;
  lessonNumber: number;
  /** "regenerate", "edit", "undo". */
  reason: string;
  /** False when the change would change nothing: nothing was written. */
  changed: boolean;
  /** The lesson as it is now. */
  lesson: CourseLesson;
  /** Its title before the change. */
  previousTitle: string;
  /** `lessons/NN-<slug>.md`, relative to the folder. */
  lessonFile: string;
  /** The lesson's previous Markdown file, when its name changed with the title (it was removed). */
  removedFile?: string;
  /** The history entry written (the replaced version), relative to the folder. */
  historyFile?: string;
  /** The course's quality report after the change. */
  quality: QualityReport;
  /** Versions of this lesson left to undo to. */
  undoable: number;
}

const LOCK = '.fluentpro-change.lock';
/** A lock older than this was left by a process that died mid-save. */
const STALE_LOCK_MS = 60_000;

/**
 * Reads the course, asks `decide` what to change (undefined: nothing), and saves it: the one
 * path every lesson change takes. Holds a lock file in the folder meanwhile, so two changes to
 * one course (an edit in the app while a regeneration finishes) never interleave.
 */
export async function changeLesson(
  path: string,
  lessonNumber: number,
  reason: string,
  decide: (loaded: CourseFolder, current: CourseLesson) => Promise<LessonChangePlan | undefined> | LessonChangePlan | undefined,
  now: () => Date = () => new Date(),
): Promise<LessonChange> {
  const loaded = await readCourseFolder(path);
  const folder = resolve(loaded.folder);
  const release = await lock(folder);
  try {
    // Read again under the lock: a change saved meanwhile is built upon, not lost.
    const fresh = { ...(await readCourseFolder(folder)), folder };
    const current = lessonOf(fresh, lessonNumber);
    const plan = await decide(fresh, current);
    if (!plan) {
      const quality = checkCourse(fresh.course, fresh.repairs);
      return { folder, lessonNumber, reason, changed: false, lesson: current, previousTitle: current.title, lessonFile: join('lessons', lessonFileName(current)), quality, undoable: (await historyNames(folder, lessonNumber)).length };
    }
    return await save(fresh, current, reason, plan, now());
  } finally {
    await release();
  }
}

/** The lesson numbered `n`, or LessonNotFoundError. */
export function lessonOf(loaded: CourseFolder, n: number): CourseLesson {
  const lesson = Number.isInteger(n) ? loaded.course.lessons.find((l) => l.number === n) : undefined;
  if (!lesson) throw new LessonNotFoundError(loaded.folder, n, loaded.course.lessons.length);
  return lesson;
}

/** The course with one lesson replaced: slug, totals, usage and quality report derived again. */
export function courseWithLesson(loaded: CourseFolder, lesson: CourseLesson, lessonRepairs: readonly Repair[], usage?: Usage): Course {
  const { course } = loaded;
  const n = lesson.number;
  const next = { ...lesson, slug: slugify(lesson.title, `lesson-${n}`, 50) };
  const lessons = course.lessons.map((l) => (l.number === n ? next : l));
  // Other lessons' repairs (and the outline's) stay; the replaced version's go, the new one's come.
  const repairs = [...loaded.repairs.filter((r) => r.lesson !== n), ...lessonRepairs].sort((a, b) => (a.lesson ?? 0) - (b.lesson ?? 0));
  const count = (f: (l: CourseLesson) => number) => lessons.reduce((sum, l) => sum + f(l), 0);
  return courseSchema.parse({
    ...course,
    // A format 1 course is written back as format 2 (format 2 only adds optional fields).
    formatVersion: COURSE_FORMAT,
    lessons,
    totals: {
      lessons: lessons.length,
      minutes: lessons.length * course.lessonMinutes,
      vocabulary: count((l) => l.vocabulary?.length ?? 0),
      exercises: count((l) => l.exercises?.length ?? 0),
      quizQuestions: count((l) => l.quiz?.length ?? 0),
    },
    usage: usage
      ? { requests: course.usage.requests + usage.requests, promptTokens: course.usage.promptTokens + usage.promptTokens, completionTokens: course.usage.completionTokens + usage.completionTokens }
      : course.usage,
    quality: checkCourse({ lessons, sections: course.sections, lessonMinutes: course.lessonMinutes, language: course.language, formatVersion: COURSE_FORMAT, generator: course.generator }, repairs),
  });
}

async function save(loaded: CourseFolder, current: CourseLesson, reason: string, plan: LessonChangePlan, now: Date): Promise<LessonChange> {
  const { folder } = loaded;
  const n = current.number;
  const course = courseWithLesson(loaded, { ...plan.lesson, number: n }, plan.repairs, plan.usage);
  const lesson = course.lessons.find((l) => l.number === n)!;
  const writes: { target: string; data: string }[] = [];

  let historyFile: string | undefined;
  if (plan.keep) {
    const before = checkCourse(loaded.course, loaded.repairs);
    const entry: HistoryEntry = {
      formatVersion: 1,
      lessonNumber: n,
      reason: plan.keep.reason,
      replacedAt: now.toISOString(),
      ...(plan.keep.note ? { note: plan.keep.note } : {}),
      lesson: current,
      repairs: loaded.repairs.filter((r) => r.lesson === n),
      findings: before.findings.filter((f) => f.lesson === n),
    };
    historyFile = join(historyDir(n), nextEntryName(await historyNames(folder, n), plan.keep.reason, now));
    writes.push({ target: join(folder, historyFile), data: JSON.stringify(entry, null, 2) + '\n' });
  }
  const lessonFile = join('lessons', lessonFileName(lesson));
  writes.push({ target: insideFolder(join(folder, 'lessons'), lessonFileName(lesson)), data: renderLesson(course, lesson) });
  writes.push({ target: join(folder, 'README.md'), data: renderCourseReadme(course) });
  // Last: renaming course.json is the moment the change happens.
  writes.push({ target: join(folder, 'course.json'), data: JSON.stringify(course, null, 2) + '\n' });

  await replaceFiles(writes);

  // After the change: the lesson's old Markdown (its name followed the title) and the restored
  // version's history entry go. A crash before this leaves only what the next change tidies:
  // a stale lessons/NN-*.md is removed then, and undo passes over an entry equal to the lesson.
  const removed = await removeOtherLessonFiles(folder, n, lessonFileName(lesson));
  for (const name of plan.dropEntries ?? []) await rm(join(folder, historyDir(n), name), { force: true });
  return {
    folder,
    lessonNumber: n,
    reason,
    changed: true,
    lesson,
    previousTitle: current.title,
    lessonFile,
    ...(removed ? { removedFile: join('lessons', removed) } : {}),
    ...(historyFile ? { historyFile } : {}),
    quality: course.quality!,
    undoable: (await historyNames(folder, n)).length,
  };
}

/**
 * Writes every file to a temp name beside its target, then renames them in order. If a write or
 * rename fails, what the earlier renames replaced is put back and the temp files are removed.
 */
async function replaceFiles(writes: { target: string; data: string }[]): Promise<void> {
  const staged: { target: string; temp: string; before?: Buffer }[] = [];
  const renamed: typeof staged = [];
  try {
    for (const { target, data } of writes) {
      await mkdir(dirname(target), { recursive: true });
      const temp = join(dirname(target), `.fluentpro-tmp-${randomBytes(6).toString('hex')}-${basename(target)}`);
      const before = await readFile(target).catch(() => undefined);
      staged.push({ target, temp, before });
      await writeFile(temp, data);
    }
    for (const file of staged) {
      await rename(file.temp, file.target);
      renamed.push(file);
    }
  } catch (error) {
    for (const file of renamed.reverse()) {
      if (file.before === undefined) await rm(file.target, { force: true }).catch(() => {});
      else await writeFile(file.temp, file.before).then(() => rename(file.temp, file.target)).catch(() => {});
    }
    for (const file of staged) await rm(file.temp, { force: true }).catch(() => {});
    throw error;
  }
}

/** Removes `lessons/NN-*.md` files of lesson `n` other than `keep`; returns the one removed, if any. */
async function removeOtherLessonFiles(folder: string, n: number, keep: string): Promise<string | undefined> {
  const prefix = `${String(n).padStart(2, '0')}-`;
  const names = await readdir(join(folder, 'lessons')).catch(() => [] as string[]);
  let removed: string | undefined;
  for (const name of names) {
    if (name === keep || !name.startsWith(prefix) || !name.endsWith('.md')) continue;
    await rm(join(folder, 'lessons', name), { force: true });
    removed ??= name;
  }
  return removed;
}

/** Takes `<folder>/.fluentpro-change.lock` (created exclusively); a stale one is taken over. */
async function lock(folder: string): Promise<() => Promise<void>> {
  const file = join(folder, LOCK);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(file).then((s) => Date.now() - s.mtimeMs, () => Infinity);
      if (age < STALE_LOCK_MS) throw new CourseBusyError(folder);
      await rm(file, { force: true });
    }
  }
  throw new CourseBusyError(folder);
}
