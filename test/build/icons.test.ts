import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng } from '../support/png.js';

// The icons `npm run icons` makes from build/icon-src/ and commits: what macOS and
// electron-builder need of them.

const build = join(import.meta.dirname, '..', '..', 'build');
const png = (name: string) => decodePng(readFileSync(join(build, name)));

describe('the icons the app ships', () => {
  it('has every PNG size of the app icon, with transparent corners around the squircle', () => {
    for (const size of [16, 32, 64, 128, 256, 512, 1024]) {
      const icon = png(`icons/${size}x${size}.png`);
      expect([icon.width, icon.height], `${size}`).toEqual([size, size]);
    }
    const big = png('icon.png');
    expect(big.rgba[3]).toBe(0); // top-left corner
    expect(big.rgba[(512 * 1024 + 512) * 4 + 3]).toBe(255); // the middle
  });

  it('packs the sizes macOS reads into icon.icns', () => {
    const icns = readFileSync(join(build, 'icon.icns'));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries = new Map<string, number>();
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      entries.set(icns.toString('latin1', at, at + 4), decodePng(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4))).width);
    }
    expect(Object.fromEntries(entries)).toEqual({ icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 });
  });

  it('has a menu-bar template image at 1x and 2x that is black with alpha only', () => {
    for (const [name, size] of [['trayTemplate.png', 16], ['trayTemplate@2x.png', 32]] as const) {
      const tray = png(name);
      expect([tray.width, tray.height], name).toEqual([size, size]);
      let visible = 0;
      for (let i = 0; i < tray.rgba.length; i += 4) {
        if (tray.rgba[i + 3]! > 0) visible++;
        expect([tray.rgba[i], tray.rgba[i + 1], tray.rgba[i + 2]], `${name} pixel ${i / 4}`).toEqual([0, 0, 0]);
      }
      expect(visible, name).toBeGreaterThan(size * size * 0.2);
    }
  });

  it('has the dmg background at the window size and twice it', () => {
    // Opaque (RGB), so only its header is read: width and height.
    const size = (name: string) => {
      const bytes = readFileSync(join(build, name));
      return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    };
    expect(size('background.png')).toEqual([540, 380]);
    expect(size('background@2x.png')).toEqual([1080, 760]);
  });
});
