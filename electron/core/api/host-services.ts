/** Where the API key is kept. The app uses the Keychain (Electron safeStorage); serve uses memory. */
export interface SecretStore {
  readonly storage: 'keychain' | 'memory' | 'environment';
  get(): string | undefined;
  /** Stores a key, or removes it with null. */
  set(key: string | null): void;
}

/** Showing files to the person at the machine: Finder in the app; nothing in a remote browser. */
export interface FileRevealer {
  readonly canRevealFiles: boolean;
  reveal(path: string): Promise<void>;
  open(path: string): Promise<void>;
}

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
  set(key: string | null): void {
    this.#key = key ?? undefined;
  }
}

export const NO_FILE_REVEALER: FileRevealer = {
  canRevealFiles: false,
  reveal: () => Promise.reject(Object.assign(new Error('this window cannot show files on the machine running FluentPro'), { code: 'NOT_SUPPORTED' })),
  open: () => Promise.reject(Object.assign(new Error('this window cannot open files on the machine running FluentPro'), { code: 'NOT_SUPPORTED' })),
};
