import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..', '..');

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

  // What electron-builder runs before it builds anything, without building (which needs a Mac).
  it('passes electron-builder’s own validation', async () => {
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as { validateConfiguration: (c: unknown, log: unknown) => Promise<void> };
    const { DebugLogger } = (await import('builder-util/out/DebugLogger.js')) as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, mac: { ...config.mac, targett: 'dmg' } }, new DebugLogger(false))).rejects.toThrow(/configuration\.mac/);
  });

  it('builds one dmg per architecture, signs with the hardened runtime, and unpacks the native module', () => {
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
  });

  it('tells macOS why it writes to Documents, where courses go by default', () => {
    expect(config.mac.extendInfo.NSDocumentsFolderUsageDescription).toMatch(/FluentPro writes the courses .* Documents/);
  });

  it('packs the entry points that package.json and the main process name', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main/main.js');
    const main = readFileSync(join(root, 'electron', 'main', 'main.ts'), 'utf8');
    for (const entry of ["'preload.cjs'", "'worker-entry.js'", "'renderer'"]) expect(main).toContain(entry);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*.js', 'dist/electron/**/*.cjs', 'dist/renderer/**']));
    expect(config.extraResources).toEqual([
      { from: 'examples', to: 'examples' },
      { from: 'README.md', to: 'README.md' },
      { from: 'build', to: '.', filter: ['trayTemplate.png', 'trayTemplate@2x.png'] },
    ]);
  });

  it('puts the menu bar’s template images where main looks for them, packaged and in development', () => {
    const main = readFileSync(join(root, 'electron', 'main', 'main.ts'), 'utf8');
    expect(main).toContain("join(process.resourcesPath, 'trayTemplate.png')");
    expect(main).toContain("join(here, '..', '..', '..', 'build', 'trayTemplate.png')");
    for (const name of ['trayTemplate.png', 'trayTemplate@2x.png']) expect(readFileSync(join(root, 'build', name)).subarray(1, 4).toString()).toBe('PNG');
  });
});
