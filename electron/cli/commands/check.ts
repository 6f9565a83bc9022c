import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { courseSchema, type Course } from '../../core/course/course-schema.js';
import { checkCourse } from '../../core/quality/check-course.js';
import { repairSchema, type Repair } from '../../core/quality/quality-types.js';
import { formatQualityText } from '../../core/quality/render-quality.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { parseCommandArgs } from '../parse-flags.js';

const FIX = 'give the folder that fluentpro generate wrote, e.g. courses/spanish-travel';

/** A path that is not a course folder, with why; exit 2. */
class NotACourseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

/**
 * `fluentpro check <course-folder>`: recomputes the quality report from the course's content (it
 * may have been edited by hand since it was generated) and prints it. The repairs are the
 * generator's record and cannot be recomputed, so they are read from course.json.
 */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('name a course folder', 'check');
  if (positionals.length > 1) throw new UsageError(`name one course folder, got ${positionals.length}`, 'check');
  let loaded: { course: Course; repairs: Repair[] };
  try {
    loaded = await readCourseFolder(resolve(io.cwd, positionals[0]!));
  } catch (error) {
    if (!(error instanceof NotACourseError)) throw error;
    io.stderr.write(`fluentpro check: ${error.message}\n`);
    return EXIT.usage;
  }
  const report = checkCourse(loaded.course, loaded.repairs);
  io.stdout.write(values.json ? JSON.stringify(report) + '\n' : `${loaded.course.title}\n${formatQualityText(report)}`);
  return report.holds ? EXIT.ok : EXIT.failed;
}

async function readCourseFolder(path: string): Promise<{ course: Course; repairs: Repair[] }> {
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
  const parsed = courseSchema.safeParse(content);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    const more = parsed.error.issues.length > 3 ? `; and ${parsed.error.issues.length - 3} more` : '';
    throw new NotACourseError(`${file} is not a FluentPro course: ${problems.join('; ')}${more} (${FIX})`);
  }
  const repairs = repairSchema.array().safeParse((quality as { repairs?: unknown } | undefined)?.repairs ?? []);
  return { course: parsed.data, repairs: repairs.success ? repairs.data : [] };
}
