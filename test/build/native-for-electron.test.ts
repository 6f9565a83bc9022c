import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { architecturesOf, architecturesOfFile, isBuildReady } from '../../build/rebuild-native-for-electron.mjs';
import { useTempDir } from '../support/temp-dir.js';

// `npm start` loads a build of better-sqlite3 for Electron from node_modules/.electron-abi. After
// `npm run dist:mac` on Apple silicon that folder held an x64 binary (electron-builder rebuilds
// every copy it finds in node_modules, last for x64) under a stamp that still said arm64, and the
// app could not start. The script now reads the binary's own header and rebuilds when it is not
// this machine's architecture.

const tempDir = useTempDir();

/** The first bytes of a thin 64-bit Mach-O file (<mach-o/loader.h> mach_header_64), little-endian. */
function machO(cpuType: number): Uint8Array {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xfeedfacf, true); // MH_MAGIC_64
  view.setUint32(4, cpuType, true);
  view.setUint32(12, 6, true); // MH_DYLIB: a .node is a bundle or dylib
  return bytes;
}
/** A universal file (<mach-o/fat.h>): big-endian fat_header and fat_arch entries. */
function fat(...cpuTypes: number[]): Uint8Array {
  const bytes = new Uint8Array(8 + cpuTypes.length * 20);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xcafebabe, false);
  view.setUint32(4, cpuTypes.length, false);
  cpuTypes.forEach((cpu, i) => view.setUint32(8 + i * 20, cpu, false));
  return bytes;
}
const CPU_TYPE_X86_64 = 0x01000007;
const CPU_TYPE_ARM64 = 0x0100000c;

describe('the development build of better-sqlite3 for Electron', () => {
  it('reads the architecture from a compiled module’s header: Mach-O, universal, ELF', () => {
    expect(architecturesOf(machO(CPU_TYPE_ARM64))).toEqual(['arm64']);
    expect(architecturesOf(machO(CPU_TYPE_X86_64))).toEqual(['x64']);
    expect(architecturesOf(fat(CPU_TYPE_X86_64, CPU_TYPE_ARM64))).toEqual(['x64', 'arm64']);
    expect(architecturesOf(new TextEncoder().encode('#!/bin/sh\n'))).toEqual([]);
    // The real module in node_modules, built for this machine.
    expect(architecturesOfFile(join(import.meta.dirname, '..', '..', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toEqual([process.arch]);
  });

  it('after npm run dist:mac on Apple silicon (an x64 binary under an arm64 stamp) it is built again; a matching one is kept', () => {
    const dir = tempDir();
    const binding = join(dir, 'better_sqlite3.node');
    const stamp = join(dir, 'built-for.json');
    const wanted = JSON.stringify({ electronVersion: '45.5.0', sqliteVersion: '12.11.1', platform: 'darwin', arch: 'arm64' });
    writeFileSync(stamp, wanted);
    writeFileSync(binding, machO(CPU_TYPE_X86_64)); // what electron-builder's x64 pass left
    expect(isBuildReady({ binding, stamp, wanted, arch: 'arm64' })).toBe(false);
    writeFileSync(binding, machO(CPU_TYPE_ARM64));
    expect(isBuildReady({ binding, stamp, wanted, arch: 'arm64' })).toBe(true);
    writeFileSync(binding, fat(CPU_TYPE_X86_64, CPU_TYPE_ARM64));
    expect(isBuildReady({ binding, stamp, wanted, arch: 'arm64' })).toBe(true);
    // Another Electron or better-sqlite3 version: built again, whatever the binary.
    expect(isBuildReady({ binding, stamp, wanted: wanted.replace('45.5.0', '46.0.0'), arch: 'arm64' })).toBe(false);
  });
});
