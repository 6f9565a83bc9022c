import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { courseSchema, type Course } from '../course/course-schema.js';
import { repairSchema, type Repair } from '../quality/quality-types.js';

const FIX = 'give the folder that fluentpro generate wrote, e.g. courses/spanish-travel';

/** A path that is not a course folder, with why and the fix. */
export class NotACourseError extends Error {
  readonly code = 'NOT_A_COURSE';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

export interface CourseFolder {
  /** The course folder (the one holding course.json). */
  folder: string;
  /** The course without its recorded quality report. */
  course: Course;
  /** The repairs the recorded report lists (they cannot be recomputed). */
  repairs: Repair[];
}

/**
 * Reads and checks `<folder>/course.json` (the path may also name course.json itself).
 * Throws NotACourseError, saying what is wrong, for anything that is not a FluentPro course.
 */
export async function readCourseFolder(path: string): Promise<CourseFolder> {
  const kind = await stat(path).then(
    (s) => (s.isDirectory() ? 'folder' : 'file'),
    () => 'missing' as const,
  );
  if (kind === 'missing') throw new NotACourseError(`${path} is not a course folder: there is no such folder (${FIX})`);
  // Naming course.json itself is what was meant.
  const folder = kind === 'file' && basename(path) === 'course.json' ? dirname(path) : path;
  if (kind === 'file' && folder === path) throw new NotACourseError(`${path} is not a course folder: it is a file (${FIX})`);

  const file = join(folder, 'course.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new NotACourseError(`${folder} is not a course folder: it has no course.json (${FIX})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new NotACourseError(`${file} is not valid JSON (${(error as Error).message}); generate the course again, or undo the edit that broke it`);
  }
  // The recorded report is set aside: the checks are recomputed, and a report written by another
  // version must not make the course unreadable. Only its repairs are kept.
  const { quality, ...content } = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  // Format 1 needs no conversion: format 2 only added optional fields (readings, genders, parts
  // of speech), so a format 1 course is a format 2 course without them. Its formatVersion stays
  // 1 in memory, so the checks do not ask it for fields it was never asked for; any change
  // writes it back as format 2.
  const parsed = courseSchema.safeParse(content);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    const more = parsed.error.issues.length > 3 ? `; and ${parsed.error.issues.length - 3} more` : '';
    throw new NotACourseError(`${file} is not a FluentPro course: ${problems.join('; ')}${more} (${FIX})`);
  }
  const repairs = repairSchema.array().safeParse((quality as { repairs?: unknown } | undefined)?.repairs ?? []);
  return { folder, course: parsed.data, repairs: repairs.success ? repairs.data : [] };
}
