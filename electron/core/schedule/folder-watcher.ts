import { watch, type FSWatcher } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { contentHash, SPEC_FILE_PATTERN } from './schedule-store.js';

/** A spec file whose size and modification time held still for the settle time. */
export interface SettledFile {
  path: string;
  /** sha256 of its bytes. */
  hash: string;
}

export interface FolderWatcherOptions {
  folder: string;
  /** Told of files that settled with content not told before; awaited before the next scan. */
  onSettled: (files: SettledFile[]) => void | Promise<void>;
  /** How long a file's size and modification time must stay the same before it is read. Default 500 ms. */
  settleMs?: number;
  /** The folder is scanned this often besides on fs.watch events, which some file systems drop. Default 2 s. */
  rescanMs?: number;
}

interface Seen {
  /** size and mtime as last seen */
  stamp: string;
  since: number;
  /** The stamp and hash last told, so a settled file is read once per change. */
  toldStamp?: string;
  toldHash?: string;
}

/**
 * Watches one folder (not its subfolders) for spec files that appear or change, with `fs.watch`
 * and a periodic rescan. A file is told once it stopped changing for `settleMs` (a half-written
 * file is not), once per content (a save that does not change it is not told again). Editors'
 * atomic saves (write a temporary file, rename it over the spec) are seen as one change of the
 * spec: the temporary name is not a spec name.
 */
export class FolderWatcher {
  readonly folder: string;
  readonly #options: Required<Omit<FolderWatcherOptions, 'folder'>>;
  readonly #seen = new Map<string, Seen>();
  #watcher: FSWatcher | undefined;
  #rescanTimer: NodeJS.Timeout | undefined;
  #soonTimer: NodeJS.Timeout | undefined;
  #scanning: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(options: FolderWatcherOptions) {
    this.folder = options.folder;
    this.#options = { onSettled: options.onSettled, settleMs: options.settleMs ?? 500, rescanMs: options.rescanMs ?? 2000 };
  }

  start(): void {
    try {
      this.#watcher = watch(this.folder, { persistent: false }, () => this.#scanSoon(50));
      this.#watcher.on('error', () => this.#watcher?.close()); // the rescan carries on (a folder removed and made again)
    } catch {
      // A folder that is missing now is looked for again at each rescan.
    }
    this.#rescanTimer = setInterval(() => void this.scan(), this.#options.rescanMs);
    this.#rescanTimer.unref();
    void this.scan();
  }

  close(): void {
    this.#closed = true;
    this.#watcher?.close();
    clearInterval(this.#rescanTimer);
    clearTimeout(this.#soonTimer);
  }

  /** Looks at the folder now; resolves when what settled has been told. Scans never overlap. */
  scan(): Promise<void> {
    if (this.#scanning) {
      this.#again = true;
      return this.#scanning;
    }
    this.#scanning = this.#scan().finally(() => {
      this.#scanning = undefined;
      if (this.#again && !this.#closed) {
        this.#again = false;
        void this.scan();
      }
    });
    return this.#scanning;
  }

  #scanSoon(ms: number): void {
    if (this.#closed) return;
    clearTimeout(this.#soonTimer);
    this.#soonTimer = setTimeout(() => void this.scan(), ms);
    this.#soonTimer.unref();
  }

  async #scan(): Promise<void> {
    if (this.#closed) return;
    let names: string[];
    try {
      names = (await readdir(this.folder)).filter((name) => SPEC_FILE_PATTERN.test(name));
    } catch {
      return;
    }
    const now = Date.now();
    const present = new Set<string>();
    const settled: SettledFile[] = [];
    let unsettled = false;
    for (const name of names.sort()) {
      const path = join(this.folder, name);
      const stamp = await stampOf(path);
      if (!stamp) continue;
      present.add(path);
      const seen = this.#seen.get(path);
      if (!seen || seen.stamp !== stamp) {
        this.#seen.set(path, { ...seen, stamp, since: now });
        unsettled = true;
        continue;
      }
      if (seen.toldStamp === stamp) continue;
      if (now - seen.since < this.#options.settleMs) {
        unsettled = true;
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch {
        continue; // renamed away meanwhile
      }
      // Changed while being read: wait for it to settle again.
      if ((await stampOf(path)) !== stamp) {
        unsettled = true;
        continue;
      }
      const hash = contentHash(bytes);
      seen.toldStamp = stamp;
      if (seen.toldHash === hash) continue; // touched, or saved with the same content
      seen.toldHash = hash;
      settled.push({ path, hash });
    }
    for (const path of this.#seen.keys()) if (!present.has(path)) this.#seen.delete(path);
    if (unsettled) this.#scanSoon(this.#options.settleMs);
    if (settled.length && !this.#closed) await this.#options.onSettled(settled);
  }
}

async function stampOf(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? `${info.size}:${info.mtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}
