#!/usr/bin/env node
// `npm run dev`: the app with the renderer's hot reload. Vite serves the renderer on
// 127.0.0.1:5173 (the app loads it from there only in development: FLUENTPRO_DEV_SERVER_URL);
// `tsc --watch` rebuilds main, preload and worker, and the app restarts when main or the preload
// change (a worker change is picked up by the next worker process). Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const children = new Set();
const run = (command, args, env = {}) => {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
};
const stop = () => {
  for (const child of children) child.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// One full build first, so main, preload and worker exist before Electron starts.
await new Promise((resolve, reject) => run('npm', ['run', 'build']).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('the build failed')))));
await new Promise((resolve, reject) => run(process.execPath, [join(root, 'build', 'rebuild-native-for-electron.mjs')]).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('better-sqlite3 for Electron could not be built')))));
run(bin('tsc'), ['-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput']);
run(bin('vite'), ['--logLevel', 'warn']);

const DEV_URL = 'http://127.0.0.1:5173/';
let app;
let restart;
const startApp = () => {
  app = run(bin('electron'), ['.'], { FLUENTPRO_DEV_SERVER_URL: DEV_URL });
  app.on('exit', (code, signal) => {
    if (!restart && signal !== 'SIGTERM') stop(); // the person quit the app: end the session
  });
};
startApp();
watch(join(root, 'dist', 'electron', 'main'), () => {
  clearTimeout(restart);
  restart = setTimeout(() => {
    app.once('exit', () => {
      restart = undefined;
      startApp();
    });
    app.kill('SIGTERM');
  }, 500);
});
