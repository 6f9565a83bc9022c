import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// macOS asks before an app reads Desktop, Documents, Downloads, a removable or a network volume
// (Apple, Information Property List: NSDesktopFolderUsageDescription and its siblings, macOS
// 10.15+), and shows the app's reason from Info.plist. A person may pick any of those as a
// schedule's folder or the output folder, so each prompt says why FluentPro asks.

const root = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { mac: { extendInfo: Record<string, unknown> } };

describe('the reasons macOS shows when FluentPro first reads a guarded folder', () => {
  it.each([
    ['NSDocumentsFolderUsageDescription', /Documents/],
    ['NSDesktopFolderUsageDescription', /Desktop/],
    ['NSDownloadsFolderUsageDescription', /Downloads/],
    ['NSRemovableVolumesUsageDescription', /external drives/],
    ['NSNetworkVolumesUsageDescription', /network drives/],
  ])('%s says what FluentPro reads there and that the person chose it', (key, place) => {
    const text = config.mac.extendInfo[key];
    expect(typeof text).toBe('string');
    expect(text).toMatch(/^FluentPro (reads|writes)/);
    expect(text).toMatch(place);
    expect(text).toMatch(/course specs/);
  });
});
