import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { resolveSettings, toJobSettings } from '../../core/config/settings.js';
import { NothingToUndoError, undoLesson } from '../../core/course-edit/change-lesson.js';
import { lessonHistory } from '../../core/course-edit/lesson-history.js';
import { lessonJobRequest, NOTE_MAX } from '../../core/course-edit/lesson-plan.js';
import { CourseBusyError, LessonNotFoundError, lessonOf } from '../../core/course-edit/save-lesson-change.js';
import { lessonFileName } from '../../core/output/render-markdown.js';
import { NotACourseError, readCourseFolder } from '../../core/output/read-course.js';
import type { QualityReport } from '../../core/quality/quality-types.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { DATA_DIR_OPTION, openQueue } from '../open-queue.js';
import { parseCommandArgs, SETTINGS_OPTIONS, settingsInput } from '../parse-flags.js';
import { createProgressView } from '../progress-view.js';
import { runQueue } from '../run-queue.js';

// fluentpro regenerate | undo | history: change one lesson of a finished course. Regenerate
// runs through the queue like generate (permits, checkpoints, cancel); undo and history work on
// the folder alone (core/course-edit).

const LESSON_OPTIONS = { lesson: { type: 'string', short: 'l' }, json: { type: 'boolean' } } as const;

/** The flags of `regenerate`: the provider's, not the output folder's or the course concurrency's (one lesson, written in place). */
const { out: _out, concurrency: _c, 'lesson-concurrency': _lc, ...PROVIDER_OPTIONS } = SETTINGS_OPTIONS;
export const REGENERATE_OPTIONS = { ...PROVIDER_OPTIONS, ...DATA_DIR_OPTION, ...LESSON_OPTIONS, note: { type: 'string' }, force: { type: 'boolean' } } as const;
export const UNDO_OPTIONS = LESSON_OPTIONS;
export const HISTORY_OPTIONS = LESSON_OPTIONS;

/** `fluentpro regenerate <course-folder> --lesson N [--note TEXT]`: writes one lesson again through the queue. */
export async function regenerateCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('regenerate', args, REGENERATE_OPTIONS);
  const { folder: typed, lessonNumber } = target('regenerate', positionals, values.lesson);
  if (values.note !== undefined && values.note.trim().length > NOTE_MAX) throw new UsageError(`--note must be at most ${NOTE_MAX} characters, got ${values.note.trim().length}`, 'regenerate');
  const { settings, notices } = resolveSettings(settingsInput(values), io.env, io.cwd);
  for (const notice of notices) io.stderr.write(`note: ${notice}\n`);

  const request = await course('regenerate', io, () => lessonJobRequest(resolve(io.cwd, typed), lessonNumber, values.note));
  if (typeof request === 'number') return request;
  const versionsBefore = (await lessonHistory(request.folder, lessonNumber)).length;

  const { store } = openQueue(values, io);
  try {
    // The course is written in place: its folder stands for the output folder.
    const { job, reused } = store.enqueueLesson({ ...request, settings: { ...toJobSettings(settings), outDir: dirname(request.folder) }, force: values.force });
    if (reused && !values.json) io.stderr.write(`lesson ${lessonNumber} of ${typed} is already ${job.state} as job ${job.id} with this note; following it (use --force for a new job)\n`);
    const view = createProgressView(io.stdout, values.json ? 'json' : 'auto');
    const { interrupted } = await runQueue({ store, settings, view, onlyJobIds: new Set([job.id]), signal });
    const done = store.get(job.id)!;
    if (interrupted) {
      if (!values.json) io.stderr.write(`stopped; the job ${job.id} is left in the queue: "fluentpro run" finishes it, "fluentpro cancel ${job.id}" drops it\n`);
      return EXIT.interrupted;
    }
    if (done.state !== 'succeeded') {
      if (!values.json) io.stderr.write(`${done.state}: lesson ${lessonNumber} of ${typed} (job ${job.id})${done.error ? `: ${done.error}` : ''}; the course is unchanged\n`);
      return EXIT.failed;
    }
    if (values.json) return EXIT.ok;
    const [newest] = await lessonHistory(request.folder, lessonNumber);
    const loaded = await readCourseFolder(request.folder);
    const lesson = lessonOf(loaded, lessonNumber);
    const versionsAfter = (await lessonHistory(request.folder, lessonNumber)).length;
    if (versionsAfter === versionsBefore || !newest) {
      io.stderr.write(`lesson ${lessonNumber} was written again and came out as it was: nothing changed\n`);
      return EXIT.ok;
    }
    const renamed = newest.title === lesson.title ? `"${lesson.title}"` : `"${newest.title}" → "${lesson.title}"`;
    io.stderr.write(
      `lesson ${lessonNumber} regenerated: ${renamed}, ${join(typed, 'lessons', lessonFileName(lesson))}\n` +
        `${describeQuality(lessonNumber, (await readQuality(request.folder))!)}\n` +
        `the previous version is kept in ${join(typed, newest.file)}\n` +
        `undo: fluentpro undo ${quote(typed)} --lesson ${lessonNumber}\n`,
    );
    return EXIT.ok;
  } finally {
    store.close();
  }
}

/** `fluentpro undo <course-folder> --lesson N`: the lesson's previous version back. */
export async function undoCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('undo', args, UNDO_OPTIONS);
  const { folder: typed, lessonNumber } = target('undo', positionals, values.lesson);
  const change = await course('undo', io, () => undoLesson(resolve(io.cwd, typed), lessonNumber));
  if (typeof change === 'number') return change;
  if (values.json) {
    io.stdout.write(JSON.stringify(change, null, 2) + '\n');
    return EXIT.ok;
  }
  const left = change.undoable === 0 ? 'no earlier version is left' : `${change.undoable} earlier version${change.undoable === 1 ? ' is' : 's are'} left (undo again to go further back)`;
  io.stdout.write(`lesson ${lessonNumber} is back to its previous version: "${change.lesson.title}", ${join(typed, change.lessonFile)}\n`);
  io.stderr.write(`${describeQuality(lessonNumber, change.quality)}\n${left}\n`);
  return EXIT.ok;
}

/** `fluentpro history <course-folder> --lesson N`: the lesson's saved versions, newest first. */
export async function historyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('history', args, HISTORY_OPTIONS);
  const { folder: typed, lessonNumber } = target('history', positionals, values.lesson);
  const found = await course('history', io, async () => {
    const loaded = await readCourseFolder(resolve(io.cwd, typed));
    return { lesson: lessonOf(loaded, lessonNumber), versions: await lessonHistory(loaded.folder, lessonNumber) };
  });
  if (typeof found === 'number') return found;
  const { lesson, versions } = found;
  if (values.json) {
    io.stdout.write(JSON.stringify(versions, null, 2) + '\n');
    return EXIT.ok;
  }
  io.stdout.write(`lesson ${lessonNumber} now: "${lesson.title}"\n`);
  if (!versions.length) {
    io.stdout.write('no earlier versions: it was never regenerated or edited (or every change was undone)\n');
    return EXIT.ok;
  }
  versions.forEach((v, i) => {
    const note = v.note ? `  note: ${v.note}` : '';
    io.stdout.write(`${String(i + 1).padStart(3)}. ${v.replacedAt.slice(0, 19).replace('T', ' ')}  replaced by ${v.reason.padEnd(10)}  "${v.title}"${note}\n`);
  });
  io.stdout.write(`"fluentpro undo ${quote(typed)} --lesson ${lessonNumber}" brings back version 1\n`);
  return EXIT.ok;
}

/** The course folder and lesson number of the command line, or a UsageError saying what is missing. */
function target(command: string, positionals: string[], lesson: string | undefined): { folder: string; lessonNumber: number } {
  if (positionals.length === 0) throw new UsageError('name a course folder (the one with course.json)', command);
  if (positionals.length > 1) throw new UsageError(`name one course folder, got ${positionals.length}: ${positionals.join(' ')}`, command);
  if (lesson === undefined) throw new UsageError('say which lesson with --lesson N', command);
  if (!/^\d+$/.test(lesson.trim()) || Number(lesson) < 1) throw new UsageError(`--lesson must be a lesson number (1 and up), got "${lesson}"`, command);
  return { folder: positionals[0]!, lessonNumber: Number(lesson) };
}

/**
 * Runs `work` on the course; what the user can fix (not a course, no such lesson, nothing to
 * undo, a change already being saved) is printed and becomes the exit status.
 */
async function course<T>(command: string, io: CliIo, work: () => Promise<T>): Promise<T | number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotACourseError || error instanceof LessonNotFoundError) {
      io.stderr.write(`fluentpro ${command}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof NothingToUndoError || error instanceof CourseBusyError) {
      io.stderr.write(`fluentpro ${command}: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}

/** The report course.json records (read-course.ts sets it aside). */
async function readQuality(folder: string): Promise<QualityReport | undefined> {
  return (JSON.parse(await readFile(join(folder, 'course.json'), 'utf8')) as { quality?: QualityReport }).quality;
}

/** "quality: holds (lesson 7: 1 warning)", or what fails, so a teacher sees whether the change made things worse. */
function describeQuality(lessonNumber: number, report: QualityReport): string {
  const own = report.findings.filter((f) => f.lesson === lessonNumber);
  const fails = report.findings.filter((f) => f.severity === 'fail').length;
  const ownText = own.length ? `; lesson ${lessonNumber}: ${own.map((f) => f.message).join('; ')}` : `; lesson ${lessonNumber}: no findings`;
  return `quality: ${report.holds ? 'holds' : `${fails} problem${fails === 1 ? '' : 's'} ("fluentpro check" lists them)`}${ownText}`;
}

/** A path as it can be pasted back into a shell. */
function quote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

export const REGENERATE_HELP = `Usage: fluentpro regenerate <course-folder> --lesson N [--note TEXT] [options]

Writes one lesson of a finished course again, through the queue like generate (one request,
checkpointed, cancellable), and saves it into the course folder: course.json, the lesson's
Markdown, README.md and the quality report follow; the other lessons are not touched. The new
lesson keeps the lesson's number, goals, terms and grammar point; it sees its neighbours, the
course summary, the terms the other lessons teach, and your note. The previous version is kept
in <course-folder>/history/lesson-NN/ ("fluentpro undo" brings it back).

Options
  -l, --lesson N           The lesson to write again (1 to the course's number of lessons)
  --note TEXT              What to change, in your words: "simpler dialogue", "more food
                           vocabulary" (at most ${NOTE_MAX} characters)
  --provider NAME          openai or demo (default: openai when OPENAI_API_KEY is set, else demo)
  --model NAME             Model name (default: $OPENAI_MODEL)
  --base-url URL           OpenAI-compatible server (default: $OPENAI_BASE_URL or OpenAI)
  --max-requests N         LLM requests open at once
  --rpm N                  The provider's requests per minute, when it sends no x-ratelimit-* headers
  --tpm N                  The provider's tokens per minute, likewise
  --demo-delay MS          Demo provider's pretend latency per request
  --speech ENGINE          A course with audio gets the new lesson's clips with this engine:
                           macos, openai, espeak-ng or none (default: as for generate)
  --no-audio               Leave the course's audio as it is (the same as --speech none)
  --voice NAME             The narrator's voice (default: the course's own)
  --speech-model NAME      openai: the speech model (default: gpt-4o-mini-tts)
  --data-dir DIR           Folder of the queue database (as for generate)
  --force                  Queue a new job even when the same one is queued or running
  --json                   Print one JSON object per event on stdout
  -h, --help               Show this help

Exit status: 0 the lesson was saved, 1 the job failed or was cancelled (the course is unchanged),
2 usage errors, the folder is not a course or has no such lesson, 130 stopped.
`;

export const UNDO_HELP = `Usage: fluentpro undo <course-folder> --lesson N [--json]

Brings back the previous version of a lesson (the newest in <course-folder>/history/lesson-NN/),
saved the same way as a change. That version leaves the history and the current one is not kept:
undo twice to go two versions back.

Options
  -l, --lesson N   The lesson
  --json           Print what changed as JSON
  -h, --help       Show this help

Exit status: 0 undone, 1 nothing to undo, 2 usage errors, the folder is not a course or has no such lesson.
`;

export const HISTORY_HELP = `Usage: fluentpro history <course-folder> --lesson N [--json]

Lists the earlier versions of a lesson, newest first: when each was replaced, by what
(regenerate, edit) and the note of a regeneration. Undo brings back version 1.

Options
  -l, --lesson N   The lesson
  --json           Print the versions as JSON
  -h, --help       Show this help

Exit status: 0, or 2 for usage errors, a folder that is not a course or has no such lesson.
`;
