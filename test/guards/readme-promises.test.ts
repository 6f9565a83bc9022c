import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCourses } from '../../electron/core/engine/run-courses.js';
import { writeCourse } from '../../electron/core/output/write-course.js';
import { assembleCourse } from '../../electron/core/output/assemble-course.js';
import { createProvider } from '../../electron/core/providers/create-provider.js';
import { demoLesson, demoOutline } from '../../electron/core/providers/demo-content.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { settingsFor, specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { CLI, runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

// Promises README.md makes that no other test held: each of these fails when the promise breaks.

const tempDir = useTempDir();
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('what README.md promises', () => {
  it.skipIf(process.platform !== 'linux')('fluentpro serve listens on 127.0.0.1 only (read from /proc/net/tcp, so Linux only)', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', join(tempDir(), 'data')], { cwd: tempDir(), env: { PATH: process.env.PATH ?? '', HOME: tempDir() }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (match) resolve(Number(match[1]));
        });
        child.on('exit', (code) => reject(new Error(`serve exited (${code})`)));
      });
      // State 0A is LISTEN; the local address is hex "IP:port", 0100007F being 127.0.0.1.
      const listening = [readFileSync('/proc/net/tcp', 'utf8'), existsSync('/proc/net/tcp6') ? readFileSync('/proc/net/tcp6', 'utf8') : '']
        .join('\n')
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((f) => f[3] === '0A' && f[1]?.endsWith(`:${port.toString(16).toUpperCase().padStart(4, '0')}`))
        .map((f) => f[1]!.split(':')[0]);
      expect(listening).toEqual(['0100007F']);
    } finally {
      child.kill();
    }
  });

  it('the command finds the queue in FLUENTPRO_DATA_DIR, else the default folder; --data-dir wins over both', async () => {
    const cwd = tempDir();
    const env = { XDG_DATA_HOME: join(cwd, 'xdg') };
    await runCli(['jobs'], { cwd, env });
    expect(existsSync(join(cwd, 'xdg', 'fluentpro', 'queue.sqlite'))).toBe(process.platform === 'linux');
    await runCli(['jobs'], { cwd, env: { ...env, FLUENTPRO_DATA_DIR: join(cwd, 'from-env') } });
    expect(existsSync(join(cwd, 'from-env', 'queue.sqlite'))).toBe(true);
    await runCli(['jobs', '--data-dir', 'from-flag'], { cwd, env: { ...env, FLUENTPRO_DATA_DIR: join(cwd, 'not-this') } });
    expect(existsSync(join(cwd, 'from-flag', 'queue.sqlite'))).toBe(true);
    expect(existsSync(join(cwd, 'not-this'))).toBe(false);
  });

  it('flags win over FLUENTPRO_* variables, and the variables over the defaults', async () => {
    const cwd = tempDir();
    const withEnv = await runCli(['doctor', '--offline'], { cwd, env: { FLUENTPRO_CONCURRENCY: '7' } });
    expect(withEnv.stdout).toMatch(/concurrency\s+7 courses/);
    const withFlag = await runCli(['doctor', '--offline', '--concurrency', '3'], { cwd, env: { FLUENTPRO_CONCURRENCY: '7' } });
    expect(withFlag.stdout).toMatch(/concurrency\s+3 courses/);
  });

  it('an id prefix that names two jobs is refused with both listed; a move the state does not allow exits 1', async () => {
    const cwd = tempDir();
    const store = JobStore.open(join(cwd, 'data'));
    const ids: string[] = [];
    let shared: string | undefined;
    while (!shared) {
      ids.push(store.enqueue({ ...enqueueInput(`Job ${ids.length}`, cwd), force: true }).job.id);
      shared = ids.find((a, i) => ids.some((b, j) => j !== i && a[0] === b[0]))?.[0];
    }
    const both = ids.filter((id) => id.startsWith(shared!));
    store.close();
    const ambiguous = await runCli(['cancel', shared, '--data-dir', 'data'], { cwd });
    expect(ambiguous.code).toBe(2);
    for (const id of both.slice(0, 3)) expect(ambiguous.stderr).toContain(id);
    expect(ambiguous.stderr).toContain('type more of the id');
    // A queued job cannot be retried: it is not failed or cancelled.
    const queued = ids[0]!;
    const refused = await runCli(['retry', queued, '--data-dir', 'data'], { cwd });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`job ${queued} is queued and cannot be`);
  });

  it('outlines go ahead of lessons when requests are scarce', async () => {
    // Answers slow enough that First's assembly (CPU, 50–300 ms on a loaded machine) fits in one:
    // at 20 ms, Second's lessons took the slot four or five times before Third existed at all.
    server = await FakeLlmServer.start({ latencyMs: 150 });
    const settings = settingsFor(join(tempDir(), 'out'), { baseURL: server.baseURL, maxInFlightRequests: 1, concurrency: 2 });
    const specs = ['First', 'Second', 'Third'].map((title) => specOf({ title, lessons: 4 }));
    const results = await runCourses(specs, { settings, provider: await createProvider(settings) });
    expect(results.every((r) => r.ok)).toBe(true);
    const order = server.requests.map((r) => r.key);
    // Third starts when First ends, while Second's lessons wait for the one request slot: its
    // outline goes next (after the request already open), not behind Second's waiting lessons.
    const firstEnds = Math.max(...order.flatMap((k, i) => (k.endsWith('|First') ? [i] : [])));
    expect(order.indexOf('outline|Third') - firstEnds).toBeLessThanOrEqual(2);
  });

  it('the course writer never writes outside the output folder, even when handed a crafted course slug', async () => {
    const spec = specOf({ title: 'Crafted', lessons: 1 }).spec;
    const outline = demoOutline(spec);
    const course = assembleCourse({ spec, outline, lessons: [demoLesson(spec, outline, 1)], repairs: [], usage: { requests: 0, promptTokens: 0, completionTokens: 0 }, provider: { name: 'demo', model: 'demo', demo: true }, version: 't' });
    (course as { slug: string }).slug = '../../escaped';
    const out = join(tempDir(), 'a', 'b');
    await expect(writeCourse(course, out)).rejects.toThrow();
    expect(existsSync(join(tempDir(), 'escaped'))).toBe(false);
    expect(readdirSync(tempDir())).toEqual([]); // refused before anything was written
  });
});
