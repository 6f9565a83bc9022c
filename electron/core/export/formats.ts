import { ankiFormat } from './anki.js';
import type { ExportFormat } from './export-format.js';
import { giftFormat } from './gift.js';
import { htmlFormat } from './html.js';
import { moodleXmlFormat } from './moodle-xml.js';
import { pdfFormat } from './pdf.js';
import { scormFormat } from './scorm.js';

/** Every export format, by the id `fluentpro export --format` and the app's Export menu use. */
export const EXPORT_FORMATS = {
  anki: ankiFormat,
  html: htmlFormat,
  pdf: pdfFormat,
  scorm: scormFormat,
  gift: giftFormat,
  'moodle-xml': moodleXmlFormat,
} as const satisfies Record<string, ExportFormat>;

export type ExportFormatId = keyof typeof EXPORT_FORMATS;

export const EXPORT_FORMAT_IDS = Object.keys(EXPORT_FORMATS) as ExportFormatId[];

export function isExportFormatId(id: string): id is ExportFormatId {
  return Object.hasOwn(EXPORT_FORMATS, id);
}
