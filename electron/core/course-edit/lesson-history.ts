import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { courseSchema, type CourseLesson } from '../course/course-schema.js';
import { qualityFindingSchema, repairSchema, type QualityFinding, type Repair } from '../quality/quality-types.js';

// The previous versions of a course's lessons: `<course>/history/lesson-NN/<timestamp>-<reason>.json`,
// one file per version a change replaced. File names sort oldest first; undo takes the newest.

/** A lesson as course.json keeps it. */
export const courseLessonSchema = courseSchema.shape.lessons.element;

/** One saved version of a lesson: what it was, with its repairs and findings at the time. */
export const historyEntrySchema = z.strictObject({
  formatVersion: z.literal(1),
  lessonNumber: z.number().int().min(1),
  /** Why this version was replaced: "regenerate", "edit". */
  reason: z.string(),
  /** When it was replaced (ISO 8601). */
  replacedAt: z.string(),
  /** The author's note of the regeneration that replaced it, if any. */
  note: z.string().optional(),
  lesson: courseLessonSchema,
  /** The repairs the workflow made to this version (they come back with it on undo). */
  repairs: z.array(repairSchema),
  /** The quality findings about this version when it was replaced (for reading only). */
  findings: z.array(qualityFindingSchema),
});
export type HistoryEntry = z.output<typeof historyEntrySchema>;

/** One version in a lesson's history, as lessonHistory lists it. */
export interface LessonVersion {
  /** The file name in `history/lesson-NN/`; stable, names the version. */
  id: string;
  /** The path relative to the course folder. */
  file: string;
  replacedAt: string;
  reason: string;
  note?: string;
  title: string;
  summary: string;
  repairs: Repair[];
  findings: QualityFinding[];
}

const ENTRY_NAME = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)-([a-z][a-z0-9-]*)\.json$/;
/** A reason as it may appear in a file name. */
export const REASON_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/** `history/lesson-07`, relative to the course folder. */
export function historyDir(lessonNumber: number): string {
  return join('history', `lesson-${String(lessonNumber).padStart(2, '0')}`);
}

/** Entry file names of a lesson, oldest first (none when it was never changed). */
export async function historyNames(folder: string, lessonNumber: number): Promise<string[]> {
  const names = await readdir(join(folder, historyDir(lessonNumber))).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.filter((n) => ENTRY_NAME.test(n)).sort();
}

/**
 * The file name for a version replaced at `now`: later than every name already there, so the
 * names sort in the order the versions were replaced even within one millisecond.
 */
export function nextEntryName(existing: readonly string[], reason: string, now: Date): string {
  const newest = existing.at(-1);
  let at = now.getTime();
  const newestAt = newest ? Date.parse(stampToIso(ENTRY_NAME.exec(newest)![1]!)) : -Infinity;
  if (at <= newestAt) at = newestAt + 1;
  return `${new Date(at).toISOString().replace(/[:.]/g, '-')}-${reason}.json`;
}

const stampToIso = (stamp: string) => stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');

export async function readHistoryEntry(folder: string, lessonNumber: number, name: string): Promise<HistoryEntry> {
  const file = join(folder, historyDir(lessonNumber), name);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} cannot be read (${(error as Error).message}); move it out of the history folder to undo past it`);
  }
  const parsed = historyEntrySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file} is not a saved lesson version (${issue.path.join('.') || '(top)'}: ${issue.message}); move it out of the history folder to undo past it`);
  }
  return parsed.data;
}

/** Every saved version of a lesson, newest first (the one undo restores comes first). */
export async function lessonHistory(folder: string, lessonNumber: number): Promise<LessonVersion[]> {
  const names = await historyNames(folder, lessonNumber);
  const versions = await Promise.all(
    names.map(async (name): Promise<LessonVersion> => {
      const entry = await readHistoryEntry(folder, lessonNumber, name);
      return {
        id: name,
        file: join(historyDir(lessonNumber), name),
        replacedAt: entry.replacedAt,
        reason: entry.reason,
        ...(entry.note ? { note: entry.note } : {}),
        title: entry.lesson.title,
        summary: entry.lesson.summary,
        repairs: entry.repairs,
        findings: entry.findings,
      };
    }),
  );
  return versions.reverse();
}

/** Whether two lessons hold the same content (key order aside). */
export function sameLesson(a: CourseLesson, b: CourseLesson): boolean {
  return JSON.stringify(courseLessonSchema.parse(a)) === JSON.stringify(courseLessonSchema.parse(b));
}
