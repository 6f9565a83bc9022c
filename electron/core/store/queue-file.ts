import { existsSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { QUEUE_FILE } from '../config/data-dir.js';
import { DataFolderFullError, isDiskFull } from '../config/disk-full.js';
import { JobStore, type JobStoreOptions } from './job-store.js';

// Opening the queue database as a person meets it: a damaged file, a full disk or a folder that
// cannot be written is said in words that name the file and the way out, never as a stack trace;
// an emptied file is not silently taken for a new queue.

/** The queue database cannot be used as it is: the message names the file, the reason and what to do. */
export class QueueFileError extends Error {
  readonly code: 'QUEUE_DAMAGED' | 'QUEUE_UNOPENABLE';
  constructor(
    readonly problem: 'damaged' | 'unopenable',
    readonly file: string,
    reason: string,
    /** How the person names the data folder on the command line (" --data-dir X"), for the way out. */
    dataDirHint = '',
  ) {
    super(
      problem === 'damaged'
        ? `the queue database ${file} is damaged (${reason}). Run "fluentpro set-aside-queue${dataDirHint}" to keep it aside as queue-damaged-<time>.sqlite and start with a new, empty queue (finished courses are not touched), or restore the file from a backup`
        : `cannot open the queue database ${file} (${reason}): check that its folder exists and that you may write to it, or choose another data folder with --data-dir`,
    );
    this.code = problem === 'damaged' ? 'QUEUE_DAMAGED' : 'QUEUE_UNOPENABLE';
    this.name = this.constructor.name;
  }
}

/** What an error thrown while opening the queue means for a person, or undefined when it is not about the file. */
export function queueFileProblem(error: unknown, dataDir: string, dataDirHint = ''): Error | undefined {
  const file = join(dataDir, QUEUE_FILE);
  const code = String((error as { code?: unknown })?.code ?? '');
  const text = error instanceof Error ? error.message : String(error);
  if (isDiskFull(error)) return new DataFolderFullError(dataDir);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /file is not a database|database disk image is malformed/i.test(text)) {
    return new QueueFileError('damaged', file, text, dataDirHint);
  }
  if (['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_IOERR', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR'].includes(code) || code.startsWith('SQLITE_IOERR')) {
    return new QueueFileError('unopenable', file, text, dataDirHint);
  }
  return undefined;
}

export interface OpenQueueFileOptions extends JobStoreOptions {
  /** Told when an existing file was empty and becomes a new queue (its jobs, if it had any, are gone). */
  warn?: (message: string) => void;
  dataDirHint?: string;
}

/** Opens `<dataDir>/queue.sqlite` (creating it if needed), with every problem said as a person needs it. */
export function openQueueFile(dataDir: string, options: OpenQueueFileOptions = {}): JobStore {
  const file = join(dataDir, QUEUE_FILE);
  const emptied = existsSync(file) && statSync(file).size === 0 && !existsSync(`${file}-wal`);
  try {
    const store = JobStore.open(dataDir, options);
    if (emptied) options.warn?.(`the queue database ${file} was an empty file (0 bytes): it is now a new, empty queue. If it held your jobs, quit and restore it from a backup.`);
    return store;
  } catch (error) {
    throw queueFileProblem(error, dataDir, options.dataDirHint) ?? error;
  }
}

/** Whether the queue file opens and SQLite finds nothing wrong in it (PRAGMA quick_check). */
export function queueFileIsSound(dataDir: string): boolean {
  let store: JobStore | undefined;
  try {
    store = JobStore.open(dataDir);
    return store.db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    store?.close();
  }
}

/**
 * Moves a damaged queue aside so the next start creates a new one: queue.sqlite (and its -wal
 * and -shm) become queue-damaged-<time>.sqlite… in the same folder. Returns the new name.
 */
export function setQueueAside(dataDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const aside = join(dataDir, `queue-damaged-${stamp}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) {
    const file = join(dataDir, `${QUEUE_FILE}${suffix}`);
    if (existsSync(file)) renameSync(file, `${aside}${suffix}`);
  }
  return aside;
}
