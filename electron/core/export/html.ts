import type { ExportFormat } from './export-format.js';
import { courseHandoutHtml } from './handout.js';

export const htmlFormat: ExportFormat = {
  id: 'html',
  label: 'Printable web page (.html)',
  extension: 'html',
  mimeType: 'text/html',
  async export(course) {
    return courseHandoutHtml(course);
  },
};
