import { join } from 'node:path';
import { insideFolder } from '../output/slug.js';

/** Where the API key is kept. The app uses the Keychain (Electron safeStorage); serve uses memory. */
export interface SecretStore {
  readonly storage: 'keychain' | 'memory' | 'environment';
  /** The key, from memory: never waits for the Keychain (the app decrypts it before the queue starts). */
  get(): string | undefined;
  /** Whether a key is set, without decrypting it (no Keychain prompt just to learn that). Default: `Boolean(get())`. */
  has?(): boolean;
  /**
   * Stores a key, or removes it with null. The key is in use at once; a store that writes
   * asynchronously (the Keychain) returns a promise that rejects when the key cannot be kept.
   */
  set(key: string | null): void | Promise<void>;
}

/** Showing files to the person at the machine: Finder in the app; nothing in a remote browser. */
export interface FileRevealer {
  readonly canRevealFiles: boolean;
  reveal(path: string): Promise<void>;
  open(path: string): Promise<void>;
}

/** What an export is about to be saved as, for the host to choose where. */
export interface SaveRequest {
  /** The course folder (the one with course.json). */
  courseFolder: string;
  /** The file name the export gets by default: `<course-slug>.<extension>`. */
  defaultName: string;
  /** For a dialog's title and filter: "PDF handout (.pdf)". */
  formatLabel: string;
  /** File name extension without the dot ("pdf", "scorm.zip"). */
  extension: string;
}

/** Where an export is saved: a save dialog in the app; the course's exports/ folder in serve. */
export interface SaveTarget {
  /** The file to write, or null when the person cancelled. */
  chooseSaveFile(request: SaveRequest): Promise<string | null>;
}

/** Saves every export to `<course folder>/exports/<slug>.<ext>`, as `fluentpro export` does by default. */
export const EXPORTS_FOLDER_TARGET: SaveTarget = {
  async chooseSaveFile({ courseFolder, defaultName }) {
    return insideFolder(join(courseFolder, 'exports'), defaultName);
  },
};

/** A key from the environment, kept in memory; setting one lasts until the process ends. */
export class MemorySecretStore implements SecretStore {
  #key: string | undefined;
  readonly storage: 'memory' | 'environment';
  constructor(initial: string | undefined) {
    this.#key = initial;
    this.storage = initial ? 'environment' : 'memory';
  }
  get(): string | undefined {
    return this.#key;
  }
  has(): boolean {
    return this.#key !== undefined;
  }
  set(key: string | null): void {
    this.#key = key ?? undefined;
  }
}

export const NO_FILE_REVEALER: FileRevealer = {
  canRevealFiles: false,
  reveal: () => Promise.reject(Object.assign(new Error('this window cannot show files on the machine running FluentPro'), { code: 'NOT_SUPPORTED' })),
  open: () => Promise.reject(Object.assign(new Error('this window cannot open files on the machine running FluentPro'), { code: 'NOT_SUPPORTED' })),
};
