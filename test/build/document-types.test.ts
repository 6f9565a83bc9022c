import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// What Finder learns from the app's Info.plist (electron-builder.yml's mac.extendInfo and
// fileAssociations): specs are FluentPro's own document type; other YAML and JSON files are not claimed.

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { mac: Record<string, any>; dmg: Record<string, any> };

describe('the app as Finder sees it', () => {
  it('declares *.course.yaml, *.course.yml and *.course.json as its own type, conforming to YAML and JSON', () => {
    const types = config.mac.extendInfo.UTExportedTypeDeclarations as { UTTypeIdentifier: string; UTTypeConformsTo: string[]; UTTypeTagSpecification: Record<string, string[]> }[];
    const byId = Object.fromEntries(types.map((t) => [t.UTTypeIdentifier, t]));
    expect(byId['com.fluentpro.course-spec.yaml']!.UTTypeTagSpecification['public.filename-extension']).toEqual(['course.yaml', 'course.yml']);
    expect(byId['com.fluentpro.course-spec.yaml']!.UTTypeConformsTo).toContain('public.yaml');
    expect(byId['com.fluentpro.course-spec.json']!.UTTypeTagSpecification['public.filename-extension']).toEqual(['course.json']);
    expect(byId['com.fluentpro.course-spec.json']!.UTTypeConformsTo).toContain('public.json');
  });

  it('owns the course-spec types, and is only an alternative for other YAML and JSON files', () => {
    const [specs] = config.mac.extendInfo.CFBundleDocumentTypes as { LSHandlerRank: string; LSItemContentTypes: string[] }[];
    expect(specs).toMatchObject({ LSHandlerRank: 'Owner', LSItemContentTypes: ['com.fluentpro.course-spec.yaml', 'com.fluentpro.course-spec.json'] });
    for (const association of config.mac.fileAssociations as { ext: string[]; rank: string }[]) expect(association.rank).toBe('Alternate');
  });

  it('uses the generated icon and the dmg background, which exist', () => {
    expect(existsSync(join(root, config.mac.icon))).toBe(true);
    expect(existsSync(join(root, config.dmg.background))).toBe(true);
    expect(config.dmg.contents).toContainEqual({ x: 410, y: 220, type: 'link', path: '/Applications' });
  });
});
