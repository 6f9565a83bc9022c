import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// DESIGN.md's layering rule, enforced: core and worker run in plain Node (the CLI, tests, a
// Linux box), so they may not import Electron or the Electron glue; the renderer sees only
// the contract in electron/shared.

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const full = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(full, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(relative(root, path));
    return /\.(ts|tsx|cts|mts)$/.test(name) ? [relative(root, path)] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('layering', () => {
  it('finds the source it checks (so no rule below passes on an empty folder)', () => {
    for (const dir of ['electron/core', 'electron/worker', 'electron/shared', 'electron/main', 'renderer']) expect(sourceFiles(dir).length, dir).toBeGreaterThan(2);
  });

  it.each(['electron/core', 'electron/worker', 'electron/shared'])('%s imports neither electron nor electron/main', (dir) => {
    const offending = sourceFiles(dir).flatMap((file) =>
      imports(file)
        .filter((spec) => spec === 'electron' || spec.startsWith('electron/') || /(^|\/)main\//.test(spec) || spec.includes('/cli/'))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('electron/shared depends on nothing but itself and zod (it is bundled into the renderer)', () => {
    const offending = sourceFiles('electron/shared').flatMap((file) => imports(file).filter((s) => !s.startsWith('./') && s !== 'zod').map((s) => `${file} imports ${s}`));
    expect(offending).toEqual([]);
  });

  it('renderer imports only the contract in electron/shared from the app side', () => {
    const offending = sourceFiles('renderer').flatMap((file) =>
      imports(file)
        .filter((s) => s === 'electron' || /electron\/(core|worker|main|cli)\//.test(s) || s.startsWith('node:'))
        .map((s) => `${file} imports ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
