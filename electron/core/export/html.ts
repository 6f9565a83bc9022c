import type { ExportFormat } from './export-format.js';
import { courseHandoutHtml } from './handout.js';

export const htmlFormat: ExportFormat = {
  id: 'html',
  label: 'Printable web page (.html)',
  extension: 'html',
  mimeType: 'text/html',
  /** With options.audio, the page names its clips in options.audioFolder; the caller writes them there. */
  async export(course, options) {
    return courseHandoutHtml(course, options?.audio, options?.audioFolder);
  },
};
