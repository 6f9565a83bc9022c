import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';

// Where the queue lives, agreed between the app and the `fluentpro` command without the shell:
// an app started from Finder or the Dock never sees ~/.zshrc, so FLUENTPRO_DATA_DIR set there
// reaches only the command. The app therefore records the folder it uses in a small pointer file
// at a fixed per-user place, and the command reads it.

/** How the data folder was chosen, for messages ("the app's data folder"). */
export type DataDirSource = 'flag' | 'environment' | 'app' | 'default';

export interface DataDirContext {
  env?: NodeJS.ProcessEnv;
  /** Default: process.platform. */
  platform?: NodeJS.Platform;
  /** Default: `env.HOME`, else os.homedir(). */
  home?: string;
}

/** The queue database's file name inside the data folder. */
export const QUEUE_FILE = 'queue.sqlite';

/**
 * The folder of per-user FluentPro files that do not move with the data folder:
 * macOS `~/Library/Application Support/FluentPro` (the app's default userData), elsewhere
 * `$XDG_CONFIG_HOME/fluentpro` (`~/.config/fluentpro`).
 */
export function appSupportDir({ env = process.env, platform = process.platform, home = env.HOME || homedir() }: DataDirContext = {}): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'FluentPro');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'fluentpro');
}

/** The pointer file: `{ "dataDir": "/absolute/path" }`, written by the app, read by both. */
export function dataDirPointerFile(context: DataDirContext = {}): string {
  return join(appSupportDir(context), 'data-folder.json');
}

/**
 * The data folder when nothing names another: macOS `~/Library/Application Support/FluentPro/Data`
 * (a subfolder, away from Chromium's own files there), elsewhere `$XDG_DATA_HOME/fluentpro`.
 */
export function defaultDataDir({ env = process.env, platform = process.platform, home = env.HOME || homedir() }: DataDirContext = {}): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'FluentPro', 'Data');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'fluentpro');
}

/** Where versions before 0.2 kept the queue on macOS: beside Chromium's files in userData. */
export function legacyDataDir(context: DataDirContext = {}): string | undefined {
  return (context.platform ?? process.platform) === 'darwin' ? appSupportDir(context) : undefined;
}

/** The folder the pointer names, or undefined when there is none or it cannot be read. */
export function readDataDirPointer(file: string): string | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { dataDir?: unknown };
    return typeof parsed.dataDir === 'string' && isAbsolute(parsed.dataDir) ? parsed.dataDir : undefined;
  } catch {
    return undefined;
  }
}

/** Records the app's data folder (atomically: a half-written pointer is never read). */
export function writeDataDirPointer(file: string, dataDir: string): void {
  if (readDataDirPointer(file) === dataDir) return;
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ dataDir, writtenBy: 'FluentPro app' }, null, 2)}\n`);
  renameSync(temporary, file);
}

export interface ResolvedDataDir {
  dir: string;
  source: DataDirSource;
}

/**
 * The data folder: `--data-dir` (resolved against `cwd`), else `FLUENTPRO_DATA_DIR`, else the
 * folder the app recorded in the pointer file, else the platform's default (or, when only a
 * queue from before 0.2 exists, the legacy folder that holds it).
 */
export function resolveDataDir(flag: string | undefined, cwd: string, context: DataDirContext = {}): ResolvedDataDir {
  const env = context.env ?? process.env;
  if (flag) return { dir: resolve(cwd, flag), source: 'flag' };
  if (env.FLUENTPRO_DATA_DIR) return { dir: resolve(cwd, env.FLUENTPRO_DATA_DIR), source: 'environment' };
  const recorded = readDataDirPointer(dataDirPointerFile(context));
  if (recorded) return { dir: recorded, source: 'app' };
  return { dir: defaultOrLegacy(context), source: 'default' };
}

/** The default folder, unless a queue exists only in the legacy one. */
export function defaultOrLegacy(context: DataDirContext = {}): string {
  const fresh = defaultDataDir(context);
  const legacy = legacyDataDir(context);
  if (legacy && !existsSync(join(fresh, QUEUE_FILE)) && existsSync(join(legacy, QUEUE_FILE))) return legacy;
  return fresh;
}

/**
 * Moves the queue and key of a version before 0.2 from `from` into `to` (only when `to` has no
 * queue yet). Returns the names moved. For the app, at start, before anything opens the queue.
 */
export function moveLegacyData(from: string, to: string): string[] {
  if (!existsSync(join(from, QUEUE_FILE)) || existsSync(join(to, QUEUE_FILE))) return [];
  mkdirSync(to, { recursive: true });
  const moved: string[] = [];
  // The database with its WAL and shared memory (settings live in it), then the key.
  for (const name of [QUEUE_FILE, `${QUEUE_FILE}-wal`, `${QUEUE_FILE}-shm`, 'api-key.enc']) {
    if (!existsSync(join(from, name))) continue;
    renameSync(join(from, name), join(to, name));
    moved.push(name);
  }
  return moved;
}
