import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { courseSchema } from '../../electron/core/course/course-schema.js';
import { WORKER_PROTOCOL_VERSION, type FromWorker, type ToWorker } from '../../electron/core/queue/worker-protocol.js';
import { specOf } from '../support/engine-fixtures.js';
import { jobSettings } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The built worker bundle, started the way the app starts it: the same entry file the main
// process hands to utilityProcess.fork, with a `process.parentPort` and no Node IPC channel
// (test/support/utility-process-shim.mjs stands in for Electron), running one demo job.

const root = join(import.meta.dirname, '..', '..');
const entry = join(root, 'dist', 'electron', 'worker', 'worker-entry.js');
const tempDir = useTempDir();

describe('the worker bundle as the app starts it', () => {
  it('is the file main passes to utilityProcess.fork, and electron-builder packs it', () => {
    // main.ts resolves the entry relative to its own built file: dist/electron/main/main.js.
    const main = readFileSync(join(root, 'electron', 'main', 'main.ts'), 'utf8');
    expect(main).toMatch(/workerEntry: workerEntryOverride\(process\.env, app\.isPackaged\) \?\? join\(here, '\.\.', 'worker', 'worker-entry\.js'\)/);
    expect(existsSync(entry)).toBe(true);
    const files = (parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] }).files;
    expect(files).toContain('dist/electron/**/*.js');
    expect(relative(root, entry)).toMatch(/^dist\/electron\//);
  });

  it('starts with the bootstrap alone: the engine loads only after the parent channel is watched', () => {
    // Static imports run before a module's body: had the entry imported job-runner.js, a parent
    // lost (or a module failing) while the engine loads would go unheard.
    const staticImports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(staticImports(entry)).toEqual(['./worker-bootstrap.js']);
    expect(staticImports(join(root, 'dist', 'electron', 'worker', 'worker-bootstrap.js')).sort()).toEqual(['../core/queue/worker-protocol.js', './parent-port.js']);
    expect(readFileSync(entry, 'utf8')).toContain("import('./job-runner.js')");
    // The command's child processes start the same file.
    expect(readFileSync(join(root, 'electron', 'core', 'queue', 'node-worker-host.ts'), 'utf8')).toContain("new URL('../../worker/worker-entry.js', import.meta.url)");
  });

  it('says ready over parentPort, runs a demo job with permits and checkpoints from "the app", and writes the course', async () => {
    const out = tempDir();
    const child = spawn(process.execPath, ['--import', join(root, 'test', 'support', 'utility-process-shim.mjs'), entry], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const port = child.stdio[3] as Socket;
    const send = (message: ToWorker) => port.write(`${JSON.stringify(message)}\n`);
    const seen: FromWorker['type'][] = [];
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const result = await new Promise<Extract<FromWorker, { type: 'job-succeeded' | 'job-failed' }>>((resolve, reject) => {
        child.on('exit', (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
        createInterface({ input: port }).on('line', (line) => {
          const message = JSON.parse(line) as FromWorker;
          seen.push(message.type);
          if (message.type === 'ready') {
            expect(message.protocol).toBe(WORKER_PROTOCOL_VERSION);
            const { spec } = specOf({ title: 'Smoke', lessons: 2 });
            send({ type: 'start-job', jobId: 'smoke', attempt: 1, spec, settings: jobSettings(out, { demoDelayMs: 1 }), checkpoints: { outlineParts: [], lessons: [] }, priority: 0 });
          } else if (message.type === 'permit-request') send({ type: 'permit-granted', requestId: message.requestId });
          else if (message.type === 'step-done') send({ type: 'step-saved', stepKey: message.stepKey });
          else if (message.type === 'job-succeeded' || message.type === 'job-failed') resolve(message);
        });
      });
      expect(result).toMatchObject({ type: 'job-succeeded' });
      const course = courseSchema.parse(JSON.parse(readFileSync(join((result as { outputPath: string }).outputPath, 'course.json'), 'utf8')));
      expect(course.lessons).toHaveLength(2);
      expect(seen).toEqual(expect.arrayContaining(['ready', 'permit-request', 'permit-release', 'step-done', 'job-succeeded']));
      send({ type: 'shutdown' });
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
    } finally {
      child.kill();
    }
  });
});
