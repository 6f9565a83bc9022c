import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

// From test/support in the sources (Vitest), or dist/test/support when built (benchmarks).
const root = join(import.meta.dirname, '..', '..', ...(basename(join(import.meta.dirname, '..', '..')) === 'dist' ? ['..'] : []));
export const CLI = join(root, 'dist', 'electron', 'cli', 'fluentpro.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `fluentpro` command in a child process, as a user would. */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined>; onSpawn?: (child: ReturnType<typeof spawn>) => void }): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first ("npm test" does it)`);
  // A clean environment: no API key or settings of the developer's leak into the test.
  // No audio unless a test asks for it (--speech or FLUENTPRO_SPEECH): espeak-ng is the default
  // where it is installed, and speaking every course would slow every test that generates one.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: options.cwd, FLUENTPRO_SPEECH: 'none' };
  for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    options.onSpawn?.(child);
  });
}
