import { safeStorage } from 'electron';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretStore } from '../core/api/host-services.js';
import { ServiceError } from '../core/api/fluentpro-service.js';

/**
 * The API key, encrypted with safeStorage (a key held in the macOS Keychain) in a file of its
 * own: never in the queue database, never in logs, never sent to the renderer.
 * OPENAI_API_KEY in the environment wins when set (a key managed elsewhere).
 */
export class KeychainSecretStore implements SecretStore {
  readonly #file: string;
  readonly #envKey: string | undefined;
  #cached: string | undefined;
  #loaded = false;

  constructor(dir: string, env: NodeJS.ProcessEnv = process.env) {
    this.#file = join(dir, 'api-key.enc');
    this.#envKey = env.OPENAI_API_KEY || undefined;
  }

  get storage(): 'keychain' | 'environment' {
    return this.#envKey ? 'environment' : 'keychain';
  }

  get(): string | undefined {
    if (this.#envKey) return this.#envKey;
    if (!this.#loaded) {
      this.#loaded = true;
      if (existsSync(this.#file) && safeStorage.isEncryptionAvailable()) {
        try {
          this.#cached = safeStorage.decryptString(readFileSync(this.#file));
        } catch {
          // Encrypted by another user or machine: treat as no key rather than crash.
          this.#cached = undefined;
        }
      }
    }
    return this.#cached;
  }

  set(key: string | null): void {
    if (key === null) {
      rmSync(this.#file, { force: true });
      this.#cached = undefined;
      this.#loaded = true;
      return;
    }
    if (!safeStorage.isEncryptionAvailable()) {
      throw new ServiceError('the Keychain is not available, so the key cannot be stored safely; set OPENAI_API_KEY instead', 'KEYCHAIN_UNAVAILABLE');
    }
    writeFileSync(this.#file, safeStorage.encryptString(key), { mode: 0o600 });
    this.#cached = key;
    this.#loaded = true;
  }
}
