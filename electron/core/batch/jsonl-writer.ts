import { jsonlLine, type BatchRequest } from './batch-line.js';

/** The documented limits of one batch input file (platform docs, "Batch API"). */
export interface BatchFileLimits {
  /** Requests per file. Default 50,000. */
  maxLines: number;
  /** Bytes per file, every line and its newline counted. Default 200 MB. */
  maxBytes: number;
}

export const BATCH_FILE_LIMITS: Readonly<BatchFileLimits> = { maxLines: 50_000, maxBytes: 200 * 1024 * 1024 };

/** One file to upload with `purpose: 'batch'`. */
export interface BatchInputFile {
  model: string;
  /** The JSONL text, one request a line, each ending in a newline. */
  text: string;
  bytes: number;
  /** The custom_ids it holds, in order. */
  customIds: string[];
}

/**
 * The round's requests as input files: one model per file (a batch runs one model), each file
 * within the line and byte limits, in the order given. A custom_id given twice is a bug in the
 * caller (the provider would fail the whole file), so it throws.
 */
export function writeBatchFiles(requests: readonly BatchRequest[], limits: Partial<BatchFileLimits> = {}): BatchInputFile[] {
  const { maxLines, maxBytes } = { ...BATCH_FILE_LIMITS, ...limits };
  if (!Number.isInteger(maxLines) || maxLines < 1) throw new TypeError(`Expected \`maxLines\` to be an integer from 1 and up, got \`${maxLines}\``);
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new TypeError(`Expected \`maxBytes\` to be an integer from 1 and up, got \`${maxBytes}\``);
  const seen = new Set<string>();
  const open = new Map<string, { lines: string[]; bytes: number; customIds: string[] }>();
  const files: BatchInputFile[] = [];
  const close = (model: string): void => {
    const file = open.get(model);
    if (file?.lines.length) files.push({ model, text: file.lines.join(''), bytes: file.bytes, customIds: file.customIds });
    open.delete(model);
  };
  for (const request of requests) {
    if (seen.has(request.customId)) throw new Error(`the custom_id ${request.customId} is in the round twice`);
    seen.add(request.customId);
    const line = `${jsonlLine(request)}\n`;
    const bytes = Buffer.byteLength(line);
    if (bytes > maxBytes) throw new Error(`the request ${request.customId} alone is ${bytes} bytes, over the ${maxBytes}-byte limit of a batch file`);
    const model = request.body.model;
    let file = open.get(model);
    if (file && (file.lines.length >= maxLines || file.bytes + bytes > maxBytes)) {
      close(model);
      file = undefined;
    }
    if (!file) open.set(model, (file = { lines: [], bytes: 0, customIds: [] }));
    file.lines.push(line);
    file.bytes += bytes;
    file.customIds.push(request.customId);
  }
  for (const model of [...open.keys()]) close(model);
  return files;
}
