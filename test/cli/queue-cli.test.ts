import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JobStore } from '../../electron/core/store/job-store.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { runCli } from '../support/run-cli.js';
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
    expect(list.stdout).toMatch(new RegExp(`${a.id}\\s+queued\\s+0/2\\s+0  First Job`));
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
