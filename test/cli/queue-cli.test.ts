import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobStore, OWNER_LEASE_MS } from '../../electron/core/store/job-store.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { waitUntil } from '../support/child-processes.js';
import { CLI, runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const spec = (title: string, lessons = 4) => `title: ${title}\nlanguage: Italian\nlevel: A1\nlessons: ${lessons}\n`;

async function jobsJson(cwd: string): Promise<JobSummary[]> {
  const run = await runCli(['jobs', '--json', '--data-dir', 'data'], { cwd });
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as JobSummary[];
}

describe('a durable queue from the command line', () => {
  it('Ctrl-C stops generate, leaving the job queued with its finished lessons; run resumes it', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.course.yaml'), spec('Paused Course'));
    const first = await runCli(['generate', 'a.course.yaml', '--demo-delay', '300', '--lesson-concurrency', '1', '--out', 'out', '--data-dir', 'data'], {
      cwd,
      // Ctrl-C as soon as the first lesson is reported done: outline and one lesson are saved.
      onSpawn: (child) => {
        let seen = '';
        child.stdout!.on('data', (d: Buffer) => {
          seen += d.toString();
          if (/lesson \d done/.test(seen) && !child.killed) child.kill('SIGINT');
        });
      },
    });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('stopped; 1 job left in the queue with their finished steps: "fluentpro run" resumes them');
    const [paused] = await jobsJson(cwd);
    expect(paused).toMatchObject({ state: 'queued', outlineDone: true });
    expect(paused!.lessonsDone).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(cwd, 'out', 'paused-course'))).toBe(false);

    const resumed = await runCli(['run', '--data-dir', 'data'], { cwd });
    expect(resumed.code).toBe(0);
    const [done] = await jobsJson(cwd);
    expect(done).toMatchObject({ id: paused!.id, state: 'succeeded', lessonsDone: 4 });
    expect(existsSync(join(cwd, 'out', 'paused-course', 'course.json'))).toBe(true);
  });

  it('after kill -9 of the CLI mid-run, run completes every course and no finished lesson is requested twice', async () => {
    server = await FakeLlmServer.start({ latencyMs: 150 });
    const cwd = tempDir();
    const files = ['Alpha', 'Bravo', 'Charlie'].map((t) => {
      writeFileSync(join(cwd, `${t}.course.yaml`), spec(t, 6));
      return `${t}.course.yaml`;
    });
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'test-model' };
    const killed = await runCli(['generate', ...files, '--out', 'out', '--data-dir', 'data', '--lesson-concurrency', '2'], {
      cwd,
      env,
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (server!.requests.length >= 8) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 10);
      },
    });
    expect(killed.code).toBe(null); // killed by the signal
    // What was committed before the kill:
    const store = new JobStore(join(cwd, 'data', 'queue.sqlite'));
    const committed = store
      .list()
      .flatMap((job) => {
        const saved = store.loadCheckpoints(job.id);
        return [...(saved.outlineParts.has(1) ? [`outline|${job.title}`] : []), ...[...saved.lessons.keys()].map((n) => `lesson ${n}|${job.title}`)];
      });
    expect(store.counts().running).toBeGreaterThan(0); // left running by the dead process
    store.close();
    expect(committed.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 400)); // let orphaned workers notice their parent is gone

    const resumed = await runCli(['run', '--data-dir', 'data'], { cwd, env });
    expect(resumed.code).toBe(0);
    const jobs = await jobsJson(cwd);
    expect(jobs.map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const paid = server.paidCounts();
    for (const key of committed) expect(paid.get(key), key).toBe(1);
  });

  it('lists, cancels, retries and shows the log of jobs by id or prefix', async () => {
    const cwd = tempDir();
    const store = JobStore.open(join(cwd, 'data'));
    const a = store.enqueue(enqueueInput('First Job', join(cwd, 'out'))).job;
    const b = store.enqueue(enqueueInput('Second Job', join(cwd, 'out'))).job;
    store.close();

    const list = await runCli(['jobs', '--data-dir', 'data'], { cwd });
    expect(list.stdout).toMatch(new RegExp(`${a.id}\\s+queued\\s+0/2\\s+0\\s+\\$0  First Job`));
    expect(list.stdout).toContain(b.id);

    const cancel = await runCli(['cancel', a.id.slice(0, 6), '--data-dir', 'data'], { cwd });
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toBe(`cancelled ${a.id} (First Job)\n`);
    expect((await runCli(['jobs', '--state', 'cancelled', '--data-dir', 'data'], { cwd })).stdout).toContain('First Job');
    expect((await runCli(['cancel', a.id, '--data-dir', 'data'], { cwd })).stderr).toContain(`job ${a.id} is cancelled and cannot be cancelled`);

    const retry = await runCli(['retry', a.id, '--data-dir', 'data'], { cwd });
    expect(retry.stdout).toContain(`queued ${a.id} (First Job) again`);
    const logs = await runCli(['logs', a.id, '--data-dir', 'data'], { cwd });
    expect(logs.stdout).toMatch(/info\s+queued from First Job\.course\.yaml\n.*info\s+cancelled\n.*info\s+queued again \(retry\)/);

    const run = await runCli(['run', '--data-dir', 'data'], { cwd });
    expect(run.code).toBe(0);
    expect((await jobsJson(cwd)).map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
  });

  it.each([
    [['jobs', '--state', 'done'], '--state must be one of queued, running, succeeded, failed, cancelled, got "done"'],
    [['cancel', 'nosuchjb'], 'no job nosuchjb (see "fluentpro jobs")'],
    [['retry'], 'name a job id (see "fluentpro jobs")'],
    [['logs', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with exit 2 and says why', async (args, message) => {
    const run = await runCli([...args, '--data-dir', 'data'], { cwd: tempDir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('fluentpro run --watch', () => {
  it('takes jobs queued by another process as they come, until stopped', async () => {
    const cwd = tempDir();
    const dataDir = join(cwd, 'data');
    const store = JobStore.open(dataDir);
    let jobId = '';
    const run = runCli(['run', '--watch', '--data-dir', 'data'], {
      cwd,
      onSpawn: (child) => {
        setTimeout(() => (jobId = store.enqueue(enqueueInput('Arrives Later', join(cwd, 'out'))).job.id), 800);
        const poll = setInterval(() => {
          if (jobId && store.get(jobId)?.state === 'succeeded') {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 50);
      },
    });
    const result = await run;
    expect(result.code).toBe(0);
    expect(store.get(jobId)!.state).toBe('succeeded');
    store.close();
  });
});

describe('two generate commands for the same spec', () => {
  it('the second follows the job the first is running, and both end when it is written, once', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'same.course.yaml'), spec('Shared Course', 6)); // ~1.5 s of lessons: time for the second to start
    const args = ['generate', 'same.course.yaml', '--demo-delay', '250', '--lesson-concurrency', '1', '--out', 'out', '--data-dir', 'data'];
    let second: Promise<Awaited<ReturnType<typeof runCli>>> | undefined;
    const first = runCli(args, {
      cwd,
      onSpawn: (child) => {
        let seen = '';
        child.stdout!.on('data', (d: Buffer) => {
          seen += d.toString();
          if (!second && /outline done/.test(seen)) second = runCli(args, { cwd });
        });
      },
    });
    const [a, b] = [await first, await (async () => {
      while (!second) await new Promise((r) => setTimeout(r, 20));
      return second;
    })()];
    expect(a.code).toBe(0);
    expect(b.stderr).toMatch(/same\.course\.yaml is already running as job [0-9a-z]{8}; following it/);
    expect(b.stdout).toMatch(/Shared Course: finished → .*shared-course/);
    expect(b.code).toBe(0);
    expect(b.stderr).toContain('1 of 1 course written');
    expect(readdirSync(join(cwd, 'out'))).toEqual(['shared-course']);
  });
});

describe('fluentpro run started at once after a kill -9 of the process that ran the queue', () => {
  let stopParent: (() => void) | undefined;
  afterEach(() => {
    stopParent?.();
    stopParent = undefined;
  });

  /** The steps of every job committed so far, as the test server names their requests. */
  function committedSteps(store: JobStore): string[] {
    return store.list().flatMap((job) => {
      const saved = store.loadCheckpoints(job.id);
      return [...(saved.outlineParts.has(1) ? [`outline|${job.title}`] : []), ...[...saved.lessons.keys()].map((n) => `lesson ${n}|${job.title}`)];
    });
  }

  it.skipIf(process.platform === 'win32').each([
    ['reaped by the test as it dies', false],
    ['left a zombie by a parent that never reaps', true],
  ])('takes its jobs over without waiting for its lease, completes every course, pays no finished step twice, and counts every state (%s)', async (_how, zombie) => {
    server = await FakeLlmServer.start({ latencyMs: 150 });
    const cwd = tempDir();
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'test-model' };
    const store = JobStore.open(join(cwd, 'data'));
    const settings = { provider: 'openai' as const, model: 'test-model', baseURL: server.baseURL, lessonConcurrency: 2 };
    for (const title of ['Alpha', 'Bravo', 'Charlie']) store.enqueue(enqueueInput(title, join(cwd, 'out'), { lessons: 6, settings }));

    // The first run: a child of this test, or of a `sh` that becomes a `sleep` and never reaps it.
    const firstArgs = ['run', '--data-dir', 'data'];
    const first = zombie
      ? spawn('sh', ['-c', '"$0" "$@" & exec sleep 300', process.execPath, CLI, ...firstArgs], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, stdio: 'ignore' })
      : undefined;
    if (first) stopParent = () => first.kill('SIGKILL');
    const firstRun = zombie ? undefined : runCli(firstArgs, { cwd, env });
    await waitUntil(() => server!.requests.length >= 8, 20_000, 'the first run to send 8 requests');
    const { pid } = store.db.prepare('SELECT pid FROM owners').get() as { pid: number };

    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    const committed = committedSteps(store);
    const resumed = runCli(['run', '--data-dir', 'data'], { cwd, env });
    expect(Date.now() - killedAt).toBeLessThan(100); // started at once

    if (firstRun) expect((await firstRun).code).toBe(null); // killed by the signal
    const result = await resumed;
    const tookMs = Date.now() - killedAt;
    expect(result.code, result.stderr).toBe(0);
    expect(committed.length).toBeGreaterThan(0);
    expect(store.list().map((j) => j.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const paid = server.paidCounts();
    for (const key of committed) expect(paid.get(key), key).toBe(1);
    expect(result.stderr).toContain('queue: 0 queued, 0 running, 3 succeeded, 0 failed, 0 cancelled\n');
    // Found gone at once, not after its lease ran out.
    expect(tookMs).toBeLessThan(OWNER_LEASE_MS);
    const recovered = store.list().flatMap((j) => store.logs(j.id)).filter((l) => l.message.startsWith('recovered:'));
    expect(recovered.length).toBeGreaterThan(0);
    if (zombie) for (const line of recovered) expect(line.message).toBe(`recovered: the process running it (pid ${pid}) has died (a zombie its parent has not reaped); resuming from its checkpoints`);
    store.close();
  });

  it('waits for the jobs another live run holds until they are written there, and reports them', async () => {
    const cwd = tempDir();
    const store = JobStore.open(join(cwd, 'data'));
    for (const title of ['Held One', 'Held Two']) store.enqueue(enqueueInput(title, join(cwd, 'out'), { lessons: 4, settings: { demoDelayMs: 200, lessonConcurrency: 1 } }));
    const firstRun = runCli(['run', '--data-dir', 'data'], { cwd });
    await waitUntil(() => store.counts().running === 2, 10_000, 'the first run to start both jobs');

    const second = await runCli(['run', '--data-dir', 'data'], { cwd });
    const first = await firstRun;
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/waiting for 2 jobs that another process runs \(pid \d+ on .+: Held One \([0-9a-z]{8}\), Held Two \([0-9a-z]{8}\)\); taken over here if it stops/);
    expect(second.stdout).toMatch(/Held One: finished → .*held-one/);
    expect(second.stdout).toMatch(/Held Two: finished → .*held-two/);
    expect(second.stderr).toContain('queue: 0 queued, 0 running, 2 succeeded, 0 failed, 0 cancelled\n');
    // Written once, by the first run: nothing was taken over.
    for (const job of store.list()) expect(store.logs(job.id).filter((l) => l.message.startsWith('started'))).toHaveLength(1);
    store.close();
  });
});
