import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base } from '@playwright/test';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli', 'fluentpro.js');

/** A fresh `fluentpro serve` (demo provider, empty queue) per test; `url` carries the token. */
export const test = base.extend<{ served: { url: string; dir: string } }>({
  served: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-e2e-'));
    const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--out', join(dir, 'out')], {
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /^Open: (http:\/\/\S+)$/.exec(line);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`fluentpro serve exited with ${code}`)));
    });
    await use({ url, dir });
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
