import { resolve } from 'node:path';
import { NotACourseError, readCourseFolder, type CourseFolder } from '../../core/output/read-course.js';
import { checkCourse } from '../../core/quality/check-course.js';
import { formatQualityText } from '../../core/quality/render-quality.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { parseCommandArgs } from '../parse-flags.js';

/**
 * `fluentpro check <course-folder>`: recomputes the quality report from the course's content (it
 * may have been edited by hand since it was generated) and prints it. The repairs are the
 * generator's record and cannot be recomputed, so they are read from course.json.
 */
export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('name a course folder', 'check');
  if (positionals.length > 1) throw new UsageError(`name one course folder, got ${positionals.length}`, 'check');
  let loaded: CourseFolder;
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
