import type { Course } from '../course/course-schema.js';
import { chromiumPrinter } from './chromium-printer.js';
import type { ExportFormat, ExportOptions } from './export-format.js';
import { courseHandoutHtml } from './handout.js';

/** The handout (a page per lesson, the answer key last) printed to PDF; A4 unless told Letter. */
export async function exportPdf(course: Course, options: ExportOptions = {}): Promise<Uint8Array> {
  const printer = options.printer ?? chromiumPrinter();
  return printer.print(courseHandoutHtml(course), { pageSize: options.pageSize ?? 'A4' });
}

export const pdfFormat: ExportFormat = {
  id: 'pdf',
  label: 'PDF handout (.pdf)',
  extension: 'pdf',
  mimeType: 'application/pdf',
  export: exportPdf,
};
