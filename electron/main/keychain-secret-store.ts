import { safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SecretStore } from '../core/api/host-services.js';
import { ServiceError } from '../core/api/fluentpro-service.js';

/**
 * The API key, encrypted with safeStorage (a key held in the macOS Keychain) in a file of its
 * own: never in the queue database, never in logs, never sent to the renderer.
 * OPENAI_API_KEY in the environment wins when set (a key managed elsewhere).
 *
 * Only the asynchronous safeStorage API is used (the synchronous one waits on the main thread for
 * a Keychain prompt, is deprecated in Electron 45 and removed in 46); a key saved by the old
 * `encryptString` decrypts with `decryptStringAsync`. The Keychain is asked only in `load()`,
 * once, when a key file exists, and in `set()`; `get()` and `has()` never touch it.
 */
export class KeychainSecretStore implements SecretStore {
  readonly #file: string;
  readonly #envKey: string | undefined;
  #cached: string | undefined;
  #loaded = false;
  #writing: Promise<void> = Promise.resolve();

  constructor(dir: string, env: NodeJS.ProcessEnv = process.env) {
    this.#file = join(dir, 'api-key.enc');
    this.#envKey = env.OPENAI_API_KEY || undefined;
  }

  get storage(): 'keychain' | 'environment' {
    return this.#envKey ? 'environment' : 'keychain';
  }

  /** Whether a key is set: the environment's, or a key file (read without the Keychain). */
  has(): boolean {
    return Boolean(this.#envKey) || (this.#loaded ? this.#cached !== undefined : existsSync(this.#file));
  }

  /**
   * Decrypts the stored key, without blocking the main thread. Call once before the key is
   * needed (the app does, before the queue starts). Without a key file it asks nothing.
   */
  async load(): Promise<void> {
    if (this.#envKey || this.#loaded) return;
    let encrypted: Buffer | undefined;
    try {
      encrypted = await readFile(this.#file);
    } catch {
      encrypted = undefined; // no key stored
    }
    if (encrypted && (await safeStorage.isAsyncEncryptionAvailable())) {
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(encrypted);
        this.#cached = result;
        // The Keychain's key was rotated: store the key again under the current one.
        if (shouldReEncrypt) await this.#write(result).catch((error: unknown) => console.warn(`FluentPro: could not re-encrypt the API key: ${(error as Error).message}`));
      } catch {
        // Encrypted by another user or machine: treat as no key rather than crash.
        this.#cached = undefined;
      }
    }
    this.#loaded = true;
  }

  get(): string | undefined {
    return this.#envKey ?? this.#cached;
  }

  /**
   * Stores a key (encrypted asynchronously) or removes it with null. The key is used at once;
   * the returned promise settles when the file is written, and rejects with
   * KEYCHAIN_UNAVAILABLE when it cannot be stored safely.
   */
  set(key: string | null): Promise<void> {
    this.#loaded = true;
    this.#cached = key ?? undefined;
    const write = this.#writing.then(() => (key === null ? rm(this.#file, { force: true }) : this.#write(key)));
    this.#writing = write.catch(() => {});
    // Held here too, so a caller that does not await cannot leave an unhandled rejection.
    write.catch((error: unknown) => console.warn(`FluentPro: the API key was not saved: ${(error as Error).message}`));
    return write;
  }

  async #write(key: string): Promise<void> {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) {
      throw new ServiceError('the Keychain is not available, so the key cannot be stored safely; set OPENAI_API_KEY instead', 'KEYCHAIN_UNAVAILABLE');
    }
    await writeFile(this.#file, await safeStorage.encryptStringAsync(key), { mode: 0o600 });
  }
}
