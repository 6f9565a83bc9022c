import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

// Issue 16, "Every command loads everything": `fluentpro --version` took 1.2–1.8 s because every
// command's dependencies loaded at start. Each command now loads its own when it runs, and a
// worker loads the engine and the provider when a job starts. These tests record which packages
// a process really loaded (test/support/module-recorder.mjs) and fail if an eager import of a
// heavy one comes back. The time it saves is measured in bench/startup.ts, not here.

const tempDir = useTempDir();
const RECORDER = pathToFileURL(join(import.meta.dirname, '..', 'support', 'module-recorder.mjs')).href;
const WORKER_ENTRY = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'worker', 'worker-entry.js');
const SPEC = 'title: Lazy Course\nlanguage: Italian\nlevel: A1\nlessons: 1\n';

/** The packages each process loaded, by pid, from the recorder's log. */
function packagesByProcess(log: string): Map<string, Set<string>> {
  const byPid = new Map<string, Set<string>>();
  if (!existsSync(log)) return byPid;
  for (const line of readFileSync(log, 'utf8').split('\n')) {
    const [pid, url] = line.split(' ');
    if (!pid || !url) continue;
    const packages = byPid.get(pid) ?? new Set<string>();
    byPid.set(pid, packages);
    const path = decodeURIComponent(url);
    const at = path.lastIndexOf('/node_modules/');
    if (at < 0) continue;
    const [first, second] = path.slice(at + '/node_modules/'.length).split('/');
    packages.add(first!.startsWith('@') ? `${first}/${second}` : first!);
  }
  return byPid;
}

/** Every package that any process of the run loaded. */
function allPackages(log: string): Set<string> {
  return new Set([...packagesByProcess(log).values()].flatMap((set) => [...set]));
}

/** Runs the built command with the recorder in it and in every process it starts. */
async function recordCli(args: string[], cwd: string) {
  const log = join(cwd, `modules-${args[0]}.log`);
  const run = await runCli(args, { cwd, env: { NODE_OPTIONS: `--import ${RECORDER}`, FLUENTPRO_MODULE_LOG: log } });
  return { ...run, log };
}

describe('a command loads only what it uses', () => {
  it('fluentpro --version loads no package at all', async () => {
    const run = await recordCli(['--version'], tempDir());
    expect(run.code).toBe(0);
    expect(packagesByProcess(run.log).size).toBe(1); // the recorder saw the command itself
    expect([...allPackages(run.log)]).toEqual([]);
  });

  it('fluentpro validate loads neither the OpenAI SDK, playwright-core nor SQLite', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.course.yaml'), SPEC);
    const run = await recordCli(['validate', 'a.course.yaml'], cwd);
    expect(run.code).toBe(0);
    const loaded = allPackages(run.log);
    expect(loaded).toContain('yaml'); // the recorder works: the spec was read with it
    for (const heavy of ['openai', 'playwright-core', 'better-sqlite3']) expect(loaded).not.toContain(heavy);
  });

  it('fluentpro doctor --offline loads no OpenAI SDK: it asks no server', async () => {
    const cwd = tempDir();
    const run = await runCli(['doctor', '--offline'], { cwd, env: { OPENAI_API_KEY: 'k', NODE_OPTIONS: `--import ${RECORDER}`, FLUENTPRO_MODULE_LOG: join(cwd, 'modules.log') } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(allPackages(join(cwd, 'modules.log'))).not.toContain('openai');
  });

  it('generate with the demo provider never loads the OpenAI SDK, in the command or its worker; an HTML export never loads playwright-core', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.course.yaml'), SPEC);
    const generate = await recordCli(['generate', 'a.course.yaml', '--provider', 'demo', '--demo-delay', '0', '--out', 'out', '--data-dir', 'data'], cwd);
    expect(generate.code, generate.stderr).toBe(0);
    const processes = packagesByProcess(generate.log);
    expect(processes.size).toBe(2); // the command and one worker
    for (const packages of processes.values()) {
      expect(packages).not.toContain('openai');
      expect(packages).not.toContain('playwright-core');
    }

    const exported = await recordCli(['export', join('out', 'lazy-course'), '--format', 'html', '--out', 'course.html'], cwd);
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(join(cwd, 'course.html'))).toBe(true);
    expect(allPackages(exported.log)).not.toContain('playwright-core');
  });
});

describe('a worker loads the engine when a job starts', () => {
  it('loads neither the OpenAI SDK nor playwright-core to say it is ready', async () => {
    if (!existsSync(WORKER_ENTRY)) throw new Error(`${WORKER_ENTRY} is missing: run "npm run build" first`);
    const log = join(tempDir(), 'modules.log');
    const child = spawn(process.execPath, ['--import', RECORDER, WORKER_ENTRY], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'json',
      env: { ...process.env, FLUENTPRO_MODULE_LOG: log },
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.on('message', (message: { type?: string }) => message.type === 'ready' && resolve());
      child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before it was ready`)));
    });
    child.send({ type: 'shutdown' });
    expect(await exited).toBe(0);
    const processes = packagesByProcess(log);
    expect(processes.size).toBe(1);
    const loaded = [...processes.values()][0]!;
    expect(loaded).not.toContain('openai');
    expect(loaded).not.toContain('playwright-core');
  });
});
