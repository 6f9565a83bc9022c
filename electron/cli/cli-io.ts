/** Where a command writes and what it knows of its terminal; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const EXIT = {
  ok: 0,
  /** A job failed, or doctor found a problem. */
  failed: 1,
  /** The command line or a spec file is wrong: nothing was run. */
  usage: 2,
  interrupted: 130,
} as const;

/** A wrong command line; printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = this.constructor.name;
  }
}
