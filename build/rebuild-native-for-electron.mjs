#!/usr/bin/env node
// `npm start` and `npm run dev` run this: a build of better-sqlite3 for Electron's ABI in its own
// folder, node_modules/.electron-abi/, which the app loads through better-sqlite3's
// `nativeBinding` option (FLUENTPRO_SQLITE_BINDING). node_modules/better-sqlite3 keeps its build
// for Node, so `fluentpro`, `npm test` and the app work from one install, in any order.
// The packaged app needs none of this: electron-builder rebuilds its own copy (npmRebuild).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteVersion = JSON.parse(readFileSync(require.resolve('better-sqlite3/package.json'), 'utf8')).version;
const home = join(root, 'node_modules', '.electron-abi');
export const BINDING = join(home, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const stamp = join(home, 'built-for.json');
const wanted = JSON.stringify({ electronVersion, sqliteVersion, platform: process.platform, arch: process.arch });

if (existsSync(BINDING) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
  console.log(`better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} is ready: ${BINDING}`);
} else {
  rmSync(home, { recursive: true, force: true });
  mkdirSync(join(home, 'node_modules'), { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), join(home, 'node_modules', 'better-sqlite3'), { recursive: true });
  writeFileSync(join(home, 'package.json'), JSON.stringify({ name: 'fluentpro-electron-abi', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
  const { rebuild } = await import('@electron/rebuild');
  console.log(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} in ${home} …`);
  await rebuild({ buildPath: home, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  writeFileSync(stamp, wanted);
  console.log(`ready: ${BINDING}`);
}
