// A full disk is a person's problem to fix (free space), not a bug: it is recognised wherever
// something is written and said in words that name the folder and the way out.

/** Whether an error means "no space left" (a full disk, a quota, SQLite's "database or disk is full"). */
export function isDiskFull(error: unknown): boolean {
  const e = error as { code?: unknown } | undefined;
  return e?.code === 'ENOSPC' || e?.code === 'EDQUOT' || e?.code === 'SQLITE_FULL';
}

/** The data folder (the queue database) has no room left: the runner stops cleanly, nothing saved is lost. */
export class DataFolderFullError extends Error {
  readonly code = 'DATA_FOLDER_FULL';
  constructor(readonly folder: string) {
    super(`the data folder ${folder} is full (no space left on the disk): free some space, then run "fluentpro run" to go on where the jobs stopped`);
    this.name = this.constructor.name;
  }
}

/** The output folder has no room for the course: the job fails with the way out, its steps kept for a retry. */
export class OutputFolderFullError extends Error {
  readonly code = 'OUTPUT_FOLDER_FULL';
  constructor(readonly folder: string) {
    super(`the output folder ${folder} is full (no space left on the disk): free some space or choose another output folder, then retry the job; nothing generated is lost, the retry pays for nothing again`);
    this.name = this.constructor.name;
  }
}
