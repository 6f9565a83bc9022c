#!/usr/bin/env node
// `npm start` and `npm run dev` run this: a build of better-sqlite3 for Electron's ABI in its own
// folder, node_modules/.electron-abi/, which the app loads through better-sqlite3's
// `nativeBinding` option (FLUENTPRO_SQLITE_BINDING). node_modules/better-sqlite3 keeps its build
// for Node, so `fluentpro`, `npm test` and the app work from one install, in any order.
// The packaged app needs none of this: electron-builder rebuilds its own copy (npmRebuild).
//
// The stamp is not trusted alone: electron-builder's rebuild (@electron/rebuild's module walker
// reads every folder of node_modules, dot folders included) also rebuilds the copy in
// node_modules/.electron-abi for each architecture it packages, last x64, so after
// `npm run dist:mac` on Apple silicon the stamp said arm64 over an x64 binary and `npm start`
// failed to load it. The binary's own header says which architecture it is: it is rebuilt
// whenever that is not this machine's.
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const home = join(root, 'node_modules', '.electron-abi');
export const BINDING = join(home, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

// CPU types of a Mach-O header (<mach/machine.h>: CPU_ARCH_ABI64 | CPU_TYPE_X86, | CPU_TYPE_ARM)
// and the machines of an ELF header (e_machine: EM_X86_64, EM_AARCH64), as Node names them.
const MACH_O_CPU = new Map([
  [0x01000007, 'x64'],
  [0x0100000c, 'arm64'],
]);
const ELF_MACHINE = new Map([
  [0x3e, 'x64'],
  [0xb7, 'arm64'],
]);

/**
 * The architectures a compiled module is built for, read from its header: one for a thin Mach-O
 * or ELF file, several for a universal (fat) Mach-O file; [] when the format is not known.
 * @param {Uint8Array} bytes the file's first bytes (512 are enough)
 * @returns {string[]}
 */
export function architecturesOf(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) return [];
  const magicBE = view.getUint32(0, false);
  if (magicBE === 0xcffaedfe) return [MACH_O_CPU.get(view.getUint32(4, true)) ?? 'unknown']; // MH_MAGIC_64, little-endian
  if (magicBE === 0xcafebabe) {
    // FAT_MAGIC (big-endian): nfat_arch, then 20-byte fat_arch entries starting with cputype.
    const count = view.getUint32(4, false);
    const archs = [];
    for (let i = 0; i < count && 8 + i * 20 + 4 <= bytes.length; i++) archs.push(MACH_O_CPU.get(view.getUint32(8 + i * 20, false)) ?? 'unknown');
    return archs;
  }
  if (magicBE === 0x7f454c46 && bytes.length >= 20) return [ELF_MACHINE.get(view.getUint16(18, bytes[5] === 1)) ?? 'unknown']; // EI_DATA 1: little-endian
  return [];
}

/** The architectures of a compiled module on disk ([] when it cannot be read or is not known). */
export function architecturesOfFile(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
    const bytes = new Uint8Array(512);
    const read = readSync(fd, bytes, 0, bytes.length, 0);
    return architecturesOf(bytes.subarray(0, read));
  } catch {
    return [];
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Whether the build in `binding` can be used as it is: its stamp says it was made for this
 * Electron and better-sqlite3, and the binary itself runs on `arch` (a header of an unknown
 * format is taken on the stamp's word).
 */
export function isBuildReady({ binding, stamp, wanted, arch }) {
  if (!existsSync(binding) || !existsSync(stamp) || readFileSync(stamp, 'utf8') !== wanted) return false;
  const archs = architecturesOfFile(binding);
  return archs.length === 0 || archs.includes(arch);
}

async function main() {
  const require = createRequire(join(root, 'package.json'));
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const sqliteVersion = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')).version;
  const stamp = join(home, 'built-for.json');
  const wanted = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });

  if (isBuildReady({ binding: BINDING, stamp, wanted, arch: process.arch })) {
    console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} is ready: ${BINDING}`);
    return;
  }
  const found = existsSync(BINDING) ? architecturesOfFile(BINDING) : [];
  if (found.length && !found.includes(process.arch)) console.log(`the build in ${home} is for ${found.join(', ')}, not ${process.arch} (npm run dist:mac rebuilds it for each dmg): building it again`);
  rmSync(home, { recursive: true, force: true });
  mkdirSync(join(home, 'node_modules'), { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), join(home, 'node_modules', 'better-sqlite3'), { recursive: true });
  writeFileSync(join(home, 'package.json'), JSON.stringify({ name: 'fluentpro-electron-abi', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
  const { rebuild } = await import('@electron/rebuild');
  console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} in ${home} …`);
  await rebuild({ buildPath: home, electronVersion, arch: process.arch, onlyModules: ['better-sqlite3'], force: true });
  writeFileSync(stamp, wanted);
  console.log(`ready: ${BINDING}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
