import { basename, dirname, join } from 'node:path';
import { readCourseAudio } from '../export/course-audio.js';
import type { CourseDetail, CourseExportFormat, ExportCourseOptions, ExportCourseResult, QualityView } from '../../shared/api.js';
import type { PdfPrinter } from '../export/export-format.js';
import { courseView } from '../export/course-view.js';
import { EXPORT_FORMATS, type ExportFormatId } from '../export/formats.js';
import { writeFileAtomically } from '../export/write-export.js';
import { readCourseFolder } from '../output/read-course.js';
import { checkCourse } from '../quality/check-course.js';
import { listCourseClips, readCourseClip } from '../speech/course-clips.js';
import type { QualityReport } from '../quality/quality-types.js';
import type { SaveTarget } from './host-services.js';

// The shared list the Export menu shows must name exactly core's formats.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameFormats: Same<CourseExportFormat, ExportFormatId> = true;
void sameFormats;

export interface CourseServiceOptions {
  /** A succeeded job's course folder; throws NO_OUTPUT / JOB_NOT_FOUND otherwise. */
  outputOf: (jobId: string) => string;
  /** Where an export goes (the app: a save dialog). */
  saveTarget: SaveTarget;
  /** What prints a PDF (the app: webContents.printToPDF). Default: the system Chromium. */
  pdfPrinter?: PdfPrinter;
}

/** The finished course behind the viewer: reading it and exporting it. FluentProService hands these methods to it. */
export class CourseService {
  readonly #options: CourseServiceOptions;

  constructor(options: CourseServiceOptions) {
    this.#options = options;
  }

  /** The course as course.json has it now, with its checks run again (an edited lesson shows its own findings), and the clips that speak it. */
  async getCourse(jobId: string): Promise<CourseDetail> {
    const loaded = await readCourseFolder(this.#options.outputOf(jobId));
    const clips = await listCourseClips(loaded.folder, loaded.course);
    return { jobId, course: courseView(loaded.course), quality: toQualityView(checkCourse(loaded.course, loaded.repairs)), ...(clips ? { clips } : {}) };
  }

  /**
   * One clip of a succeeded job's course, by the file name getCourse gave (what the app's app://
   * protocol and serve's clip route answer with); CLIP_NOT_FOUND for any name its clips.json does
   * not list, so a URL can open nothing else on disk.
   */
  async readClip(jobId: string, file: string): Promise<Uint8Array> {
    return readCourseClip(this.#options.outputOf(jobId), file);
  }

  async exportCourse(jobId: string, format: CourseExportFormat, options: ExportCourseOptions = {}): Promise<ExportCourseResult> {
    const loaded = await readCourseFolder(this.#options.outputOf(jobId));
    const exporter = EXPORT_FORMATS[format];
    const target = await this.#options.saveTarget.chooseSaveFile({
      courseFolder: loaded.folder,
      defaultName: `${loaded.course.slug}.${exporter.extension}`,
      formatLabel: exporter.label,
      extension: exporter.extension,
    });
    if (target === null) return { format, path: null };
    // The course's clips (audio/clips.json), as `fluentpro export` does: inside the Anki deck and
    // the SCORM package; an html page gets them in a folder beside it (<name>-audio/).
    const audio = format === 'anki' || format === 'scorm' || format === 'html' ? await readCourseAudio(loaded.folder) : undefined;
    const audioFolder = `${basename(target).replace(/\.html?$/i, '')}-audio`;
    const data = await exporter.export(loaded.course, {
      pageSize: options.pageSize ?? 'A4',
      ...(this.#options.pdfPrinter ? { printer: this.#options.pdfPrinter } : {}),
      ...(audio ? { audio, audioFolder } : {}),
    });
    if (audio && format === 'html') for (const [file, bytes] of audio.files) await writeFileAtomically(join(dirname(target), audioFolder, file), bytes);
    await writeFileAtomically(target, data);
    return { format, path: target };
  }
}

/** The renderer's copy of the report's shape must accept every report core makes. */
const toQualityView = (report: QualityReport): QualityView => report;
