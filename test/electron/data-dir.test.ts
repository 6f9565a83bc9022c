import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirPointerFile, defaultDataDir, moveLegacyData, readDataDirPointer, resolveDataDir, writeDataDirPointer } from '../../electron/core/config/data-dir.js';
import { dataDirFrom } from '../../electron/cli/open-queue.js';
import { chooseAppDataDir, userDataOverride, workerEntryOverride } from '../../electron/main/app-paths.js';

// The app and the command agree on one queue without the shell's environment (an app started
// from Finder never reads ~/.zshrc): the app records its folder, the command reads it.

const home = () => mkdtempSync(join(tmpdir(), 'fluentpro-home-'));
const mac = (h: string, env: NodeJS.ProcessEnv = {}) => ({ env: { HOME: h, ...env }, platform: 'darwin' as const, home: h });

describe('the data folder', () => {
  it('defaults to a subfolder of the app’s userData on a Mac, away from Chromium’s files', () => {
    expect(defaultDataDir(mac('/Users/ana'))).toBe('/Users/ana/Library/Application Support/FluentPro/Data');
    expect(dataDirPointerFile(mac('/Users/ana'))).toBe('/Users/ana/Library/Application Support/FluentPro/data-folder.json');
    expect(defaultDataDir({ env: { XDG_DATA_HOME: '/x' }, platform: 'linux', home: '/home/ana' })).toBe('/x/fluentpro');
  });

  it('is the one the app recorded, for a command run without flags or variables', () => {
    const h = home();
    const app = chooseAppDataDir(mac(h, { FLUENTPRO_DATA_DIR: '/Volumes/Work/FluentPro' })); // started from Terminal once
    expect(app.dir).toBe('/Volumes/Work/FluentPro');
    expect(readDataDirPointer(dataDirPointerFile(mac(h)))).toBe('/Volumes/Work/FluentPro');
    // Later, from Finder (no variable): the app keeps the recorded folder, and so does the command.
    expect(chooseAppDataDir(mac(h)).dir).toBe('/Volumes/Work/FluentPro');
    expect(resolveDataDir(undefined, '/tmp', mac(h))).toEqual({ dir: '/Volumes/Work/FluentPro', source: 'app' });
  });

  it('lets --data-dir win over FLUENTPRO_DATA_DIR, and both over the recorded folder', () => {
    const h = home();
    writeDataDirPointer(dataDirPointerFile(mac(h)), '/recorded');
    expect(resolveDataDir('rel', '/work', mac(h, { FLUENTPRO_DATA_DIR: '/env' }))).toEqual({ dir: '/work/rel', source: 'flag' });
    expect(resolveDataDir(undefined, '/work', mac(h, { FLUENTPRO_DATA_DIR: '/env' }))).toEqual({ dir: '/env', source: 'environment' });
    const io = { env: { HOME: h }, cwd: '/work', stdout: process.stdout, stderr: process.stderr };
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { value: 'darwin' });
    try {
      expect(dataDirFrom({}, io)).toBe('/recorded'); // what `fluentpro` uses
      expect(dataDirFrom({ 'data-dir': 'mine' }, io)).toBe('/work/mine');
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('moves a queue of version 0.1 out of userData into Data, once, and records where it went', () => {
    const h = home();
    const legacy = join(h, 'Library', 'Application Support', 'FluentPro');
    mkdirSync(legacy, { recursive: true });
    for (const f of ['queue.sqlite', 'queue.sqlite-wal', 'api-key.enc', 'Cookies']) writeFileSync(join(legacy, f), f);
    expect(resolveDataDir(undefined, '/', mac(h)).dir).toBe(legacy); // the command, before the app has moved it
    const chosen = chooseAppDataDir(mac(h));
    expect(chosen).toEqual({ dir: join(legacy, 'Data'), source: 'default', moved: ['queue.sqlite', 'queue.sqlite-wal', 'api-key.enc'] });
    expect(readFileSync(join(legacy, 'Data', 'queue.sqlite'), 'utf8')).toBe('queue.sqlite');
    expect(existsSync(join(legacy, 'Cookies'))).toBe(true); // Chromium's own files stay
    expect(resolveDataDir(undefined, '/', mac(h)).dir).toBe(join(legacy, 'Data'));
    expect(moveLegacyData(legacy, join(legacy, 'Data'))).toEqual([]);
  });

  it('with a userData of its own (tests, development): uses <userData>/Data and leaves the pointer alone', () => {
    const h = home();
    expect(userDataOverride(['electron', '.', '--user-data-dir=tmp/ud'], {}, '/work')).toBe('/work/tmp/ud');
    expect(userDataOverride(['electron', '.'], { FLUENTPRO_USER_DATA_DIR: '/tmp/ud2' })).toBe('/tmp/ud2');
    expect(userDataOverride(['electron', '.'], {})).toBeUndefined();
    expect(chooseAppDataDir({ ...mac(h), customUserData: '/tmp/ud' })).toEqual({ dir: '/tmp/ud/Data', source: 'user-data', moved: [] });
    expect(existsSync(dataDirPointerFile(mac(h)))).toBe(false);
  });

  it('ignores a pointer that is not JSON or names a relative folder', () => {
    const file = join(home(), 'p.json');
    writeFileSync(file, '{"dataDir": "relative/path"}');
    expect(readDataDirPointer(file)).toBeUndefined();
    writeFileSync(file, 'garbage');
    expect(readDataDirPointer(file)).toBeUndefined();
  });
});

describe('the worker entry the app tests may give', () => {
  it('is used only by a development app, and only as an absolute path', () => {
    const env = { FLUENTPRO_WORKER_ENTRY: '/tmp/broken-worker-entry.mjs' };
    expect(workerEntryOverride(env, false)).toBe('/tmp/broken-worker-entry.mjs');
    expect(workerEntryOverride(env, true)).toBeUndefined(); // a packaged app starts its own worker
    expect(workerEntryOverride({ FLUENTPRO_WORKER_ENTRY: 'broken.mjs' }, false)).toBeUndefined();
    expect(workerEntryOverride({}, false)).toBeUndefined();
  });
});
