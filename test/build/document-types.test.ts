import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkSpecFile } from '../../electron/core/spec/read-spec.js';
import { useTempDir } from '../support/temp-dir.js';

// What Finder learns from the app's Info.plist (electron-builder.yml's mac.extendInfo and
// fileAssociations). Launch Services types a file by its path extension, the text after the last
// dot: `x.course.yaml` is a `yaml` file (public.yaml). Apple's tag class for filename extensions
// takes one extension without its leading period (UTTagClassFilenameExtension), so a type tagged
// `course.yaml` never matches any file. FluentPro is therefore offered for YAML and JSON files in
// "Open With" and on the Dock, and never claims them.

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { mac: Record<string, any>; dmg: Record<string, any> };
const tempDir = useTempDir();

type TypeDeclaration = { UTTypeIdentifier: string; UTTypeTagSpecification?: Record<string, string | string[]> };
type Association = { ext: string | string[]; rank: string; role: string };
const extensionsOf = (a: Association) => (Array.isArray(a.ext) ? a.ext : [a.ext]);

describe('the app as Finder sees it', () => {
  it('declares no filename extension Launch Services can never see: one extension, without dots', () => {
    const declared = [...((config.mac.extendInfo.UTExportedTypeDeclarations ?? []) as TypeDeclaration[]), ...((config.mac.extendInfo.UTImportedTypeDeclarations ?? []) as TypeDeclaration[])];
    const tags = declared.flatMap((t) => [t.UTTypeTagSpecification?.['public.filename-extension'] ?? []].flat());
    const extensions = [...tags, ...(config.mac.fileAssociations as Association[]).flatMap(extensionsOf)];
    expect(extensions.length).toBeGreaterThan(0);
    for (const ext of extensions) expect(ext, `${ext}: Launch Services looks up only the text after the last dot`).toMatch(/^[a-z0-9]+$/i);
  });

  it('is offered for .yaml, .yml and .json files, and never their default app', () => {
    expect(config.mac.fileAssociations).toEqual([{ ext: ['yaml', 'yml', 'json'], name: 'YAML or JSON file', role: 'Viewer', rank: 'Alternate' }]);
    // No document type claims a rank above Alternate (an Owner of a type that never matches did nothing).
    for (const type of (config.mac.extendInfo.CFBundleDocumentTypes ?? []) as { LSHandlerRank?: string }[]) expect(type.LSHandlerRank).toBe('Alternate');
  });

  it('every extension it is offered for is one the spec reader takes', async () => {
    const dir = tempDir();
    for (const ext of (config.mac.fileAssociations as Association[]).flatMap(extensionsOf)) {
      const file = join(dir, `spanish.course.${ext}`);
      writeFileSync(file, ext === 'json' ? JSON.stringify({ title: 'Spanish', language: 'Spanish', level: 'A1', lessons: 2 }) : 'title: Spanish\nlanguage: Spanish\nlevel: A1\nlessons: 2\n');
      const check = await checkSpecFile(file);
      expect(check.ok, `${file}: ${check.ok ? '' : check.error.message}`).toBe(true);
    }
  });

  it('uses the generated icon and the dmg background, which exist', () => {
    expect(existsSync(join(root, config.mac.icon))).toBe(true);
    expect(existsSync(join(root, config.dmg.background))).toBe(true);
    expect(config.dmg.contents).toContainEqual({ x: 410, y: 220, type: 'link', path: '/Applications' });
  });
});
