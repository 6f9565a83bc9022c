import { join } from 'node:path';
import { QUEUE_FILE } from '../core/config/data-dir.js';

// What a person reads when FluentPro cannot start: what failed and what to do. Plain Node, so
// every case is tested without Electron; main.ts shows it and carries out the chosen action.

export type StartFailureAction = 'fresh-queue' | 'retry' | 'reveal' | 'quit';

export interface StartFailure {
  kind: 'damaged-database' | 'locked-database' | 'native-module' | 'folder' | 'other';
  message: string;
  detail: string;
  /** Buttons in order; the last is the cancel button. */
  buttons: { label: string; action: StartFailureAction }[];
  /** The file or folder the message is about, for "Show in Finder". */
  path?: string;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const codeOf = (error: unknown) => String((error as { code?: unknown })?.code ?? '');

/** Turns an error thrown while starting into what the person is told and offered. */
export function describeStartFailure(error: unknown, dataDir: string): StartFailure {
  const code = codeOf(error);
  const text = errorText(error);
  const queueFile = join(dataDir, QUEUE_FILE);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /file is not a database|database disk image is malformed/i.test(text)) {
    return {
      kind: 'damaged-database',
      message: 'FluentPro’s queue database is damaged.',
      detail: `The file is ${queueFile}\n(${text}).\n\nStart with a new, empty queue: the damaged file is kept beside it, renamed, and finished courses in your output folder are not touched. Or quit and restore the file from a backup.`,
      buttons: [
        { label: 'Start with a New Queue', action: 'fresh-queue' },
        { label: 'Show in Finder', action: 'reveal' },
        { label: 'Quit', action: 'quit' },
      ],
      path: queueFile,
    };
  }
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || /database is locked/i.test(text)) {
    return {
      kind: 'locked-database',
      message: 'FluentPro’s queue database is in use by another program.',
      detail: `The file is ${queueFile}\n(${text}).\n\nA running “fluentpro” command or another copy of FluentPro may hold it. Stop it, then try again.`,
      buttons: [
        { label: 'Try Again', action: 'retry' },
        { label: 'Quit', action: 'quit' },
      ],
      path: queueFile,
    };
  }
  if (code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION|compiled against a different Node\.js version|better_sqlite3\.node|code signature|library validation/i.test(text)) {
    return {
      kind: 'native-module',
      message: 'A part of FluentPro does not fit this copy of the app.',
      detail: `Its database module could not be loaded (${text}).\n\nDownload FluentPro again and replace the app in Applications. Your queue and courses are kept.`,
      buttons: [{ label: 'Quit', action: 'quit' }],
    };
  }
  if (['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_FULL', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR'].includes(code)) {
    return {
      kind: 'folder',
      message: 'FluentPro cannot write to its data folder.',
      detail: `The folder is ${dataDir}\n(${text}).\n\nCheck that the disk has free space and that you may write to the folder (Finder › Get Info › Sharing & Permissions), then open FluentPro again.`,
      buttons: [
        { label: 'Show in Finder', action: 'reveal' },
        { label: 'Quit', action: 'quit' },
      ],
      path: dataDir,
    };
  }
  return {
    kind: 'other',
    message: 'FluentPro could not start.',
    detail: `${text}\n\nQuit and open FluentPro again. If this happens again, download FluentPro again and replace the app in Applications; your queue and courses are kept.`,
    buttons: [{ label: 'Quit', action: 'quit' }],
  };
}

/** Moves a damaged queue aside (core/store/queue-file.ts): the app and `fluentpro set-aside-queue` do the same. */
export { setQueueAside } from '../core/store/queue-file.js';
