import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { readCourseAudio } from '../../core/export/course-audio.js';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS, isExportFormatId } from '../../core/export/formats.js';
import type { PageSize } from '../../core/export/export-format.js';
import { writeFileAtomically } from '../../core/export/write-export.js';
import { NotACourseError, readCourseFolder } from '../../core/output/read-course.js';
import { insideFolder } from '../../core/output/slug.js';
import { didYouMean } from '../../core/spec/did-you-mean.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { parseCommandArgs } from '../parse-flags.js';

const PAGE_SIZES: readonly PageSize[] = ['A4', 'Letter'];

/** A failure the user can fix outside FluentPro (no Chromium for a PDF, no font for its script); exit 1. */
interface CodedError extends Error {
  code?: string;
}

/**
 * `fluentpro export <course-folder> --format F [--out FILE|FOLDER/] [--page-size A4|Letter]`: writes one
 * export of the course, by default to `<course-folder>/exports/<slug>.<ext>`, atomically.
 */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('export', args, {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    'page-size': { type: 'string' },
    'no-audio': { type: 'boolean' },
  });
  if (positionals.length === 0) throw new UsageError('name a course folder', 'export');
  if (positionals.length > 1) throw new UsageError(`name one course folder, got ${positionals.length}`, 'export');
  const formatId = values.format;
  if (!formatId) throw new UsageError(`name a format with --format: ${EXPORT_FORMAT_IDS.join(', ')}`, 'export');
  if (!isExportFormatId(formatId)) {
    const suggestion = didYouMean(formatId, EXPORT_FORMAT_IDS);
    throw new UsageError(`unknown format "${formatId}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; the formats are: ${EXPORT_FORMAT_IDS.join(', ')}`, 'export');
  }
  const pageSizeInput = values['page-size'];
  const pageSize = pageSizeInput === undefined ? 'A4' : PAGE_SIZES.find((p) => p.toLowerCase() === pageSizeInput.toLowerCase());
  if (!pageSize) throw new UsageError(`--page-size must be A4 or Letter, got "${pageSizeInput}"`, 'export');

  let loaded;
  try {
    loaded = await readCourseFolder(resolve(io.cwd, positionals[0]!));
  } catch (error) {
    if (!(error instanceof NotACourseError)) throw error;
    io.stderr.write(`fluentpro export: ${error.message}\n`);
    return EXIT.usage;
  }
  const format = EXPORT_FORMATS[formatId];
  const fileName = `${loaded.course.slug}.${format.extension}`;
  // The default lands inside the course folder (the slug is checked, so it cannot leave it). An
  // --out that ends in a slash, or names an existing folder, is a folder: the same file name goes
  // inside it, and the folder is created when missing (`--out handouts/` never writes a file
  // called "handouts"). Anything else is the file to write.
  let target = insideFolder(join(loaded.folder, 'exports'), fileName);
  if (values.out !== undefined) {
    const out = resolve(io.cwd, values.out);
    const existing = await stat(out).catch(() => undefined);
    const endsInSlash = values.out.endsWith('/') || values.out.endsWith(sep);
    if (endsInSlash && existing && !existing.isDirectory()) throw new UsageError(`--out ${values.out} names a folder, but ${out} is a file`, 'export');
    target = endsInSlash || existing?.isDirectory() ? insideFolder(out, fileName) : out;
  }

  const started = performance.now();
  // The course's clips (audio/clips.json), for the formats that play them. The html page gets
  // its clips in a folder beside it, named after the page (`<name>-audio/`), so two pages in one
  // folder never share one; pdf, gift and moodle-xml are text only.
  const playsAudio = formatId === 'anki' || formatId === 'scorm' || formatId === 'html';
  const audio = playsAudio && !values['no-audio'] ? await readCourseAudio(loaded.folder) : undefined;
  const audioFolder = `${basename(target).replace(/\.html?$/i, '')}-audio`;
  let data: Uint8Array | string;
  try {
    data = await format.export(loaded.course, { pageSize, ...(audio ? { audio, audioFolder } : {}) });
  } catch (error) {
    const coded = error as CodedError;
    if (coded.code === 'CHROMIUM_NOT_FOUND' || coded.code === 'PRINT_FAILED' || coded.code === 'MISSING_GLYPHS') {
      io.stderr.write(`fluentpro export: ${coded.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
  try {
    // The clips first: a page is never there before the files it plays.
    if (audio && formatId === 'html') {
      for (const [file, bytes] of audio.files) await writeFileAtomically(join(dirname(target), audioFolder, file), bytes);
    }
    await writeFileAtomically(target, data);
  } catch (error) {
    // A folder on the way that is a file, no permission, a full or read-only disk: say where.
    const code = (error as CodedError).code;
    if (!code?.startsWith('E')) throw error;
    io.stderr.write(`fluentpro export: could not write ${target}: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  io.stdout.write(`${target}\n`);
  const withAudio = audio ? `, ${audio.files.size} audio clips${formatId === 'html' ? ` in ${join(dirname(target), audioFolder)}` : ''}` : '';
  io.stderr.write(`${format.label}: ${loaded.course.lessons.length} lessons${withAudio}, ${formatBytes(bytes)} in ${Math.round(performance.now() - started)} ms\n`);
  return EXIT.ok;
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const EXPORT_HELP = `Usage: fluentpro export <course-folder> --format FORMAT [--out FILE|FOLDER/] [--page-size A4|Letter] [--no-audio]

Exports a course that fluentpro generate wrote (the folder with course.json), by default to
<course-folder>/exports/<course-slug>.<ext>; the file is written whole or not at all.

Formats
  anki         Anki deck (.apkg): a note per vocabulary term, cards both ways, tagged
               FluentPro::<language>::<level>::L<NN>; exporting again updates, not duplicates;
               with audio, the term and example play their clips (inside the .apkg, no add-on)
  html         One self-contained web page (.html) that prints well: a page per lesson, answers
               on an answer key at the end; with audio, a player beside each spoken text and
               the clips in a folder beside the page, <name>-audio/ (keep the two together)
  pdf          That page printed to PDF (.pdf) by Chromium or Google Chrome
               ($FLUENTPRO_CHROMIUM, else the usual install places); refused, naming the
               font package to install, when no installed font can draw the course's script
  scorm        SCORM 1.2 package (.scorm.zip) for an LMS: the course a lesson per page, the
               quizzes scored (passed at 80 %); with audio, the clips inside and a play button
               beside each spoken text
  gift         Moodle question bank, GIFT (.gift.txt): quizzes and vocabulary matching
  moodle-xml   Moodle question bank, Moodle XML (.moodle.xml): the same questions

Options
  -f, --format FORMAT      One of the formats above
  -o, --out FILE|FOLDER/   Write this file instead; a path ending in / (or an existing folder)
                           is a folder, created if missing, that gets the default file name
  --page-size SIZE         Paper for pdf: A4 or Letter (default: A4)
  --no-audio               Leave the course's audio out (html stays one self-contained file)
  -h, --help               Show this help

Audio: a course that fluentpro audio gave clips (audio/clips.json in the course folder) is
exported with them by anki, scorm and html; pdf, gift and moodle-xml are text only. A course
without clips exports exactly as text.

Exit status: 0 written, 1 the export failed (no Chromium or no font for a PDF, or the file could not be written), 2 usage errors or the folder is not a course.
`;
