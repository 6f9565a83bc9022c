import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobStore } from '../../electron/core/store/job-store.js';
import { isAlive } from '../support/child-processes.js';
import { CLI, runCli, type CliRun } from '../support/run-cli.js';
import { CAN_MOUNT_SMALL_DISK, useSmallDisk } from '../support/small-disk.js';
import { useTempDir } from '../support/temp-dir.js';

// Issue 15, items 6, 7 and 9, as a person meets them in a terminal: a damaged or emptied queue
// file, a full data disk at start, and SIGTERM/SIGHUP to the command or to its whole group.

const tempDir = useTempDir();

const spec = (title: string, lessons: number) => `title: ${title}\nlanguage: Spanish\nlevel: A1\nlessons: ${lessons}\n`;
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('a damaged queue database', () => {
  it.each([
    ['a file that is not a database', 'this is not SQLite, just text\n'.repeat(200)],
    ['a database cut off in the middle', undefined],
  ])('%s: jobs, run and generate name the file, the reason and the way out, exit 1, no stack trace', async (_, garbage) => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'data'));
    const file = join(cwd, 'data', 'queue.sqlite');
    if (garbage !== undefined) writeFileSync(file, garbage);
    else {
      // A real queue, then its pages overwritten in the middle: "database disk image is malformed".
      const store = JobStore.open(join(cwd, 'data'));
      store.db.exec('CREATE TABLE filler (x TEXT)');
      for (let i = 0; i < 200; i++) store.db.prepare('INSERT INTO filler VALUES (?)').run('x'.repeat(500));
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      store.close();
      const bytes = Buffer.from(readFileSync(file));
      bytes.fill(0xab, 4096, bytes.length - 4096);
      writeFileSync(file, bytes);
    }
    writeFileSync(join(cwd, 'a.course.yaml'), spec('Alpha', 2));
    for (const args of [['jobs'], ['run'], ['generate', 'a.course.yaml', '--provider', 'demo']]) {
      const result = await runCli([...args, '--data-dir', 'data'], { cwd });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^fluentpro ${args[0]}: the queue database ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is damaged \\((file is not a database|database disk image is malformed)\\)\\. Run "fluentpro set-aside-queue --data-dir \\"data\\"" to keep it aside as queue-damaged-<time>\\.sqlite and start with a new, empty queue`));
      noStack(result.stderr);
      expect(result.stderr).not.toContain('unexpected error');
    }

    // The way out it names: the damaged file is kept aside, the next command starts afresh.
    const aside = await runCli(['set-aside-queue', '--data-dir', 'data'], { cwd });
    expect(aside.code, aside.stderr).toBe(0);
    expect(aside.stdout).toMatch(/^the damaged queue is kept as .*queue-damaged-\d{8}-\d{6}\.sqlite; the next command starts with a new, empty queue\n$/);
    expect(readdirSync(join(cwd, 'data')).filter((f) => /^queue-damaged-.*\.sqlite$/.test(f))).toHaveLength(1);
    const jobs = await runCli(['jobs', '--data-dir', 'data'], { cwd });
    expect(jobs.code).toBe(0);
  });

  it('set-aside-queue leaves a sound queue as it is', async () => {
    const cwd = tempDir();
    JobStore.open(join(cwd, 'data')).close();
    const result = await runCli(['set-aside-queue', '--data-dir', 'data'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`fluentpro set-aside-queue: the queue database ${join(cwd, 'data', 'queue.sqlite')} is not damaged; it was left as it is\n`);
    expect(readdirSync(join(cwd, 'data')).some((f) => f.startsWith('queue-damaged-'))).toBe(false);
  });

  it('an emptied (0-byte) queue file is not silently taken for a new queue: the command warns', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'data'));
    writeFileSync(join(cwd, 'data', 'queue.sqlite'), '');
    const result = await runCli(['jobs', '--data-dir', 'data'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`fluentpro: warning: the queue database ${join(cwd, 'data', 'queue.sqlite')} was an empty file (0 bytes): it is now a new, empty queue. If it held your jobs, quit and restore it from a backup.`);
    // Only the first time: it is a queue now.
    expect((await runCli(['jobs', '--data-dir', 'data'], { cwd })).stderr).toBe('');
  });
});

describe.skipIf(!CAN_MOUNT_SMALL_DISK)('a full data disk at start (a tmpfs filled up; needs root on Linux to mount it)', () => {
  const smallDisk = useSmallDisk();

  it('says the data folder is full and what to do, exit 1, no stack trace', async () => {
    const mountPoint = smallDisk('256k');
    try {
      writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(1024 * 1024));
    } catch {
      // ENOSPC: the disk is full now, as wanted.
    }
    const result = await runCli(['jobs', '--data-dir', mountPoint], { cwd: tempDir() });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toBe(`fluentpro jobs: the data folder ${mountPoint} is full (no space left on the disk): free some space, then run "fluentpro run" to go on where the jobs stopped\n`);
  });
});

/** Runs the command as the leader of its own process group, as a shell job or a service is. */
function runAsGroup(args: string[], cwd: string, onStdout: (seen: string, pid: number) => void): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout(stdout, child.pid!);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('SIGTERM and SIGHUP are a clean stop, like the first Ctrl-C', () => {
  it.each([
    ['SIGTERM to the command (kill, timeout)', 'SIGTERM', false, 143],
    ['SIGTERM to its whole process group (systemd, docker stop)', 'SIGTERM', true, 143],
    ['SIGHUP (the terminal closed)', 'SIGHUP', false, 129],
  ] as const)('%s: the job goes back to the queue with its steps, no worker is left, "run" resumes', async (_, signal, group, exitCode) => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'stop.course.yaml'), spec('Stop Me', 6));
    const workers: number[] = [];
    let sent = false;
    const first = await runAsGroup(['generate', 'stop.course.yaml', '--provider', 'demo', '--demo-delay', '300', '--lesson-concurrency', '1', '--out', 'out', '--data-dir', 'data'], cwd, (seen, pid) => {
      if (sent || !/lesson \d done/.test(seen)) return;
      sent = true;
      workers.push(...workerPids(pid));
      process.kill(group ? -pid : pid, signal);
    });
    expect(first.code, first.stderr).toBe(exitCode);
    expect(first.stderr).toContain(`stopping (${signal})…`);
    expect(first.stderr).toContain('stopped; 1 job left in the queue with their finished steps: "fluentpro run" resumes them');
    noStack(first.stderr);
    expect(workers.length).toBeGreaterThan(0);
    for (const pid of workers) expect(isAlive(pid)).toBe(false);
    const store = JobStore.open(join(cwd, 'data'));
    const [job] = store.list();
    expect(job).toMatchObject({ state: 'queued' });
    expect(job!.lessonsDone).toBeGreaterThanOrEqual(1);
    store.close();
    const resumed = await runCli(['run', '--data-dir', 'data'], { cwd });
    expect(resumed.code).toBe(0);
    expect(existsSync(join(cwd, 'out', 'stop-me', 'course.json'))).toBe(true);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['stop-me']);
  });
});

/** The worker processes a runner started: its children (pgrep -P, on Linux and macOS). */
function workerPids(parent: number): number[] {
  const out = execFileSync('pgrep', ['-P', String(parent)], { encoding: 'utf8' });
  return out.split('\n').map((l) => Number(l.trim())).filter((n) => n > 0);
}
