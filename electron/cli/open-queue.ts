import { resolveDataDir } from '../core/config/data-dir.js';
import { JobNotFoundError, type JobStore } from '../core/store/job-store.js';
import { openQueueFile } from '../core/store/queue-file.js';
import type { JobSummary } from '../shared/jobs.js';
import { UsageError, type CliIo } from './cli-io.js';

export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;

/** The data folder the app and every command share: --data-dir, $FLUENTPRO_DATA_DIR, the app's recorded folder, or the platform's default. */
export function dataDirFrom(values: { 'data-dir'?: string | boolean }, io: CliIo): string {
  return resolveDataDir(typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined, io.cwd, { env: io.env }).dir;
}

/**
 * The queue database in that folder. A damaged, unopenable or full one throws an error that
 * names the file and the way out (queue-file.ts), printed without a stack trace; an emptied one
 * is opened as a new queue with a warning.
 */
export function openQueue(values: { 'data-dir'?: string | boolean }, io: CliIo): { store: JobStore; dataDir: string } {
  const dataDir = dataDirFrom(values, io);
  const hint = typeof values['data-dir'] === 'string' ? ` --data-dir ${JSON.stringify(values['data-dir'])}` : '';
  const store = openQueueFile(dataDir, { dataDirHint: hint, warn: (message) => io.stderr.write(`fluentpro: warning: ${message}\n`) });
  return { store, dataDir };
}

/** A job named on the command line, by id or unique prefix; a bad name is a usage error. */
export function findJob(store: JobStore, idOrPrefix: string | undefined, command: string): JobSummary {
  if (!idOrPrefix) throw new UsageError('name a job id (see "fluentpro jobs")', command);
  try {
    return store.find(idOrPrefix);
  } catch (error) {
    if (error instanceof JobNotFoundError) throw new UsageError(error.message, command);
    throw error;
  }
}
