import { isAbsolute, join, resolve } from 'node:path';
import { dataDirPointerFile, defaultDataDir, legacyDataDir, moveLegacyData, resolveDataDir, writeDataDirPointer, type DataDirSource } from '../core/config/data-dir.js';

/**
 * A userData of its own for tests and development, so they never share the single-instance lock,
 * the queue or Chromium's files with an installed FluentPro: `--user-data-dir=<folder>` on the
 * command line, else FLUENTPRO_USER_DATA_DIR. Returns the folder, or undefined for Electron's
 * default (~/Library/Application Support/FluentPro). Must be applied before `ready`.
 */
export function userDataOverride(argv: readonly string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  const flag = argv.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
  const chosen = flag || env.FLUENTPRO_USER_DATA_DIR;
  return chosen ? resolve(cwd, chosen) : undefined;
}

/**
 * The worker entry the app tests start instead of the built one (FLUENTPRO_WORKER_ENTRY, an absolute
 * path), to see how the app reports a worker that cannot load. Development only: a packaged app
 * always starts its own worker.
 */
export function workerEntryOverride(env: NodeJS.ProcessEnv, packaged: boolean): string | undefined {
  const entry = env.FLUENTPRO_WORKER_ENTRY;
  return !packaged && entry && isAbsolute(entry) ? entry : undefined;
}

export interface AppDataDir {
  dir: string;
  source: DataDirSource | 'user-data';
  /** Files of a version before 0.2 moved out of userData into `dir`. */
  moved: string[];
}

/**
 * The app's data folder (queue, API key file): FLUENTPRO_DATA_DIR when the app was started with
 * it; with a userData of its own, `<userData>/Data`; else the folder recorded in the pointer
 * file, else the default `~/Library/Application Support/FluentPro/Data`. Except with a userData
 * of its own, the folder is recorded in the pointer file, which `fluentpro` reads: the app and the
 * command share one queue without the shell's environment.
 */
export function chooseAppDataDir(options: { customUserData?: string; env?: NodeJS.ProcessEnv; home?: string; platform?: NodeJS.Platform }): AppDataDir {
  const context = { env: options.env ?? process.env, home: options.home, platform: options.platform };
  const env = context.env;
  if (options.customUserData && !env.FLUENTPRO_DATA_DIR) return { dir: join(options.customUserData, 'Data'), source: 'user-data', moved: [] };
  const resolved = resolveDataDir(undefined, process.cwd(), context);
  let moved: string[] = [];
  let dir = resolved.dir;
  if (resolved.source === 'default') {
    dir = defaultDataDir(context);
    const legacy = legacyDataDir(context);
    if (legacy) moved = moveLegacyData(legacy, dir);
  }
  if (!options.customUserData) writeDataDirPointer(dataDirPointerFile(context), dir);
  return { dir, source: resolved.source, moved };
}
