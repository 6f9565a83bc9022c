import type { Course } from '../course/course-schema.js';
import type { CourseAudio } from './course-audio.js';

/** Prints an HTML page to PDF: Playwright's page.pdf from the command line, webContents.printToPDF in the app. */
export interface PdfPrinter {
  print(html: string, options: { pageSize: PageSize }): Promise<Uint8Array>;
}

export type PageSize = 'A4' | 'Letter';

export interface ExportOptions {
  /** Paper size of the PDF (default A4); other formats ignore it. */
  pageSize?: PageSize;
  /** What prints the PDF (default: the system Chromium through playwright-core). */
  printer?: PdfPrinter;
  /** The course's clips (readCourseAudio): Anki, SCORM and HTML carry them; without, every format is text only. */
  audio?: CourseAudio;
  /** html with audio: the folder, relative to the page, its clips are written to (default `audio`). */
  audioFolder?: string;
}

/** One export format: what it is called, the file it makes, and how. Formats know nothing of each other. */
export interface ExportFormat {
  readonly id: string;
  /** For menus: "Anki deck (.apkg)". */
  readonly label: string;
  /** File name extension without the dot. */
  readonly extension: string;
  readonly mimeType: string;
  export(course: Course, options?: ExportOptions): Promise<Uint8Array | string>;
}
