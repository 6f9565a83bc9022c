import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobStore } from '../../electron/core/store/job-store.js';
import { useTempDir } from '../support/temp-dir.js';

// The app in development loads better-sqlite3's build for Electron from its own folder
// (build/rebuild-native-for-electron.mjs), so node_modules keeps the build for Node: the store
// must load exactly the binding it is given.

const tempDir = useTempDir();
const require = createRequire(import.meta.url);
const nodeBuild = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

describe('the store and the native module it loads', () => {
  it('opens the queue with the binding it is given', () => {
    const store = JobStore.open(join(tempDir(), 'data'), { nativeBinding: nodeBuild });
    expect(store.counts()).toEqual({ queued: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0 });
    store.close();
  });

  it('fails naming the binding when it is not there, instead of loading another one', () => {
    const missing = join(tempDir(), 'electron-abi', 'better_sqlite3.node');
    expect(() => JobStore.open(join(tempDir(), 'data'), { nativeBinding: missing })).toThrow(missing);
  });
});
