// Loaded with `node --import` (or NODE_OPTIONS, which child processes inherit): appends every
// module the process loads to the file named by $FLUENTPRO_MODULE_LOG, one "<pid> <url>" a line,
// so a test can tell which packages a command or a worker loaded (test/cli/lazy-imports.test.ts).
// ES modules are seen by a resolve hook (Node's module.register, node:module docs
// "Customization hooks"); CommonJS ones, however they were reached, are in require.cache at exit.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { isMainThread } from 'node:worker_threads';

const log = process.env.FLUENTPRO_MODULE_LOG;
// This file is loaded a second time, in the loader thread, for its hooks: register only once.
if (log && isMainThread) {
  register(import.meta.url, { parentURL: import.meta.url, data: { log } });
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => {
    const lines = Object.keys(cache).map((file) => `${process.pid} ${pathToFileURL(file).href}\n`);
    if (lines.length) appendFileSync(log, lines.join(''));
  });
}

// The hooks, run by Node in its loader thread.
let hookLog;
export function initialize(data) {
  hookLog = data?.log;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (hookLog && resolved.url.startsWith('file:')) appendFileSync(hookLog, `${process.pid} ${resolved.url}\n`);
  return resolved;
}
