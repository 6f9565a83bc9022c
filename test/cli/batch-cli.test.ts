import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { estimateCostUsd, jobCostUsd } from '../../electron/shared/pricing.js';

// Issue 19 as a user runs it: `fluentpro generate --batch` through the built CLI against the
// test server's Batch API (test/support/fake-batch-server.ts). The batch clock runs 1,000 times
// faster (FLUENTPRO_TEST_BATCH_SPEEDUP, test only), so the documented poll backoff of a minute
// doubling up to ten takes 60 ms to 600 ms.

const tempDir = useTempDir();
const servers: FakeLlmServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(options: FakeLlmServerOptions = {}) {
  const server = await FakeLlmServer.start(options);
  servers.push(server);
  return server;
}

const spec = (title: string, lessons: number) => `title: ${title}\nlanguage: Italian\nlevel: A1\nlessons: ${lessons}\n`;
const COURSES = [
  ['Batch Alpha', 4, 'batch-alpha'],
  ['Batch Bravo', 3, 'batch-bravo'],
  ['Batch Charlie', 2, 'batch-charlie'],
] as const;

function writeSpecs(cwd: string): string[] {
  return COURSES.map(([title, lessons]) => {
    const file = `${title.replace(' ', '-')}.course.yaml`;
    writeFileSync(join(cwd, file), spec(title, lessons));
    return file;
  });
}

const envFor = (server: FakeLlmServer) => ({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'test-model', FLUENTPRO_TEST_BATCH_SPEEDUP: '1000' });

interface CourseJson {
  title: string;
  lessons: unknown[];
  outline?: unknown;
}
const readCourse = (dir: string) => JSON.parse(readFileSync(join(dir, 'course.json'), 'utf8')) as CourseJson;

/** Every line went in one batch at most, and every request was paid once. */
function expectNothingTwice(server: FakeLlmServer) {
  const submitted = server.batch.submittedIds().flat();
  expect(submitted.length).toBeGreaterThan(0);
  expect(new Set(submitted).size).toBe(submitted.length);
  expect([...server.paidCounts().values()].every((n) => n === 1)).toBe(true);
}

describe('fluentpro generate --batch', () => {
  it('writes every course through the Batch API, the same courses as the live path, printing the batch progress', async () => {
    const batchServer = await serve();
    const cwd = tempDir();
    const files = writeSpecs(cwd);
    const run = await runCli(['generate', ...files, '--batch', '--out', 'out', '--data-dir', 'data'], { cwd, env: envFor(batchServer) });
    expect(run.stderr).toContain('3 of 3 courses written');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/submitted a batch of \d+ requests \(plan\)/);
    expect(run.stderr).toMatch(/waiting for the batch: \d+ of \d+ answered, submitted \d\d:\d\d/);
    // The plan round, then the lessons: every request went through a batch, none live.
    expect(batchServer.batch.batches.length).toBeGreaterThanOrEqual(2);
    expect(batchServer.batch.submittedIds().flat().length).toBe(batchServer.requests.length);
    expectNothingTwice(batchServer);

    const liveServer = await serve();
    const live = await runCli(['generate', ...files, '--out', 'live', '--data-dir', 'live-data'], { cwd, env: envFor(liveServer) });
    expect(live.code).toBe(0);
    expect(batchServer.requests.length).toBe(liveServer.requests.length);
    for (const [, lessons, folder] of COURSES) {
      const batched = readCourse(join(cwd, 'out', folder));
      const asLive = readCourse(join(cwd, 'live', folder));
      expect(batched.lessons).toHaveLength(lessons);
      expect(batched.lessons).toEqual(asLive.lessons);
      expect(batched.outline).toEqual(asLive.outline);
    }
  });

  it('repairs a broken answer through a further round, as the live path repairs it', async () => {
    // Lesson 2's quiz comes back with impossible answers the first time, in both runs.
    const spoilQuiz = (r: { key: string; attempt: number }) => (r.key === 'lesson 2|Repaired Course' && r.attempt === 0 ? { kind: 'spoil' as const, spoil: (a: Record<string, unknown>) => void (a.quiz = (a.quiz as { answerIndex?: number }[]).map((q) => ({ ...q, answerIndex: 99 }))) } : undefined);
    const batchServer = await serve({ fault: spoilQuiz });
    const liveServer = await serve({ fault: spoilQuiz });
    const cwd = tempDir();
    writeFileSync(join(cwd, 'r.course.yaml'), spec('Repaired Course', 3));
    const batched = await runCli(['generate', 'r.course.yaml', '--batch', '--out', 'out', '--data-dir', 'data'], { cwd, env: envFor(batchServer) });
    expect(batched.code).toBe(0);
    const live = await runCli(['generate', 'r.course.yaml', '--out', 'live', '--data-dir', 'live-data'], { cwd, env: envFor(liveServer) });
    expect(live.code).toBe(0);
    const fromBatch = readCourse(join(cwd, 'out', 'repaired-course')) as CourseJson & { quality?: unknown };
    const fromLive = readCourse(join(cwd, 'live', 'repaired-course')) as CourseJson & { quality?: unknown };
    expect(fromBatch.lessons).toEqual(fromLive.lessons);
    expect(fromBatch.quality).toEqual(fromLive.quality); // the same repairs reported
    // The plan, the lessons, then lesson 2's quiz asked again.
    expect(batchServer.batch.batches.length).toBe(3);
    expect(batchServer.requests.length).toBe(liveServer.requests.length);
    expectNothingTwice(batchServer);
  });

  it('with --batch-repairs live, a broken part is asked again at once, live, not in another batch round', async () => {
    const spoilQuiz = (r: { key: string; attempt: number }) => (r.key === 'lesson 2|Repaired Live' && r.attempt === 0 ? { kind: 'spoil' as const, spoil: (a: Record<string, unknown>) => void (a.quiz = (a.quiz as { answerIndex?: number }[]).map((q) => ({ ...q, answerIndex: 99 }))) } : undefined);
    const server = await serve({ fault: spoilQuiz });
    const cwd = tempDir();
    writeFileSync(join(cwd, 'r.course.yaml'), spec('Repaired Live', 3));
    const run = await runCli(['generate', 'r.course.yaml', '--batch', '--batch-repairs', 'live', '--out', 'out', '--data-dir', 'data'], { cwd, env: envFor(server) });
    expect(run.code).toBe(0);
    // The plan and the lessons in batches; the quiz's repair live: no third batch.
    expect(server.batch.batches.length).toBe(2);
    const submitted = new Set(server.batch.submittedIds().flat());
    const live = server.requests.filter((r) => !r.batch);
    expect(live.map((r) => r.key)).toEqual(['lesson 2 quiz|Repaired Live']); // the quiz alone, asked again
    expect(submitted.size + live.length).toBe(server.requests.length);
    expect([...server.paidCounts().values()].every((n) => n === 1)).toBe(true);
    const course = readCourse(join(cwd, 'out', 'repaired-live'));
    expect(course.lessons).toHaveLength(3);
    // The job's usage: the live repair at the live price, the rest at the batch price.
    const jobs = await runCli(['jobs', '--json', '--data-dir', 'data'], { cwd, env: envFor(server) });
    const [job] = JSON.parse(jobs.stdout) as JobSummary[];
    expect(job!.usage.requests).toBe(server.requests.length);
    expect(job!.batchUsage!.requests).toBe(server.requests.length - 1);
    const logs = await runCli(['logs', job!.id, '--data-dir', 'data'], { cwd, env: envFor(server) });
    expect(logs.stdout).toContain('1 repair(s) asked live, at the live price, instead of in another batch');
  });

  it('refuses --batch-repairs other than live or batch, naming the flag', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'r.course.yaml'), spec('Flagged', 1));
    const run = await runCli(['generate', 'r.course.yaml', '--batch', '--batch-repairs', 'later', '--data-dir', 'data'], { cwd, env: { OPENAI_API_KEY: 'sk-test' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--batch-repairs takes "live" or "batch", got "later"');
  });

  it('after kill -9 mid-batch, running it again completes every course with no request submitted twice', async () => {
    // Slow lines keep the batch in progress long enough to kill the command during it.
    const server = await serve({ batch: { lineMs: 60, lineConcurrency: 1 } });
    const cwd = tempDir();
    const files = writeSpecs(cwd);
    const args = ['generate', ...files, '--batch', '--out', 'out', '--data-dir', 'data'];
    const killed = await runCli(args, {
      cwd,
      env: envFor(server),
      onSpawn: (child) => {
        const poll = setInterval(() => {
          // The second round (the lessons) is at the provider.
          if (server.batch.batches.length >= 2) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 5);
      },
    });
    expect(killed.code).toBe(null);
    const inProgress = server.batch.batches.at(-1)!;
    expect(['validating', 'in_progress', 'finalizing']).toContain(inProgress.status);

    const again = await runCli(args, { cwd, env: envFor(server) });
    expect(again.stderr).toContain('3 of 3 courses written');
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('following it');
    for (const [, lessons, folder] of COURSES) expect(readCourse(join(cwd, 'out', folder)).lessons).toHaveLength(lessons);
    expectNothingTwice(server);
  });

  it('Ctrl-C stops the wait; "fluentpro run" resumes polling the same batch', async () => {
    const server = await serve({ batch: { lineMs: 60, lineConcurrency: 1 } });
    const cwd = tempDir();
    const files = writeSpecs(cwd);
    const stopped = await runCli(['generate', ...files, '--batch', '--out', 'out', '--data-dir', 'data'], {
      cwd,
      env: envFor(server),
      onSpawn: (child) => {
        let seen = '';
        child.stderr!.on('data', (d: Buffer) => {
          seen += d.toString();
          if (/\(lessons and repairs\)/.test(seen) && !child.killed) child.kill('SIGINT');
        });
      },
    });
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain('"fluentpro run"');
    const batchesBefore = server.batch.batches.length;

    const resumed = await runCli(['run', '--data-dir', 'data'], { cwd, env: envFor(server) });
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('queue: 0 queued, 0 running, 3 succeeded');
    for (const [, lessons, folder] of COURSES) expect(readCourse(join(cwd, 'out', folder)).lessons).toHaveLength(lessons);
    // The lessons' batch was polled to its end, not submitted again.
    expect(server.batch.batches.length).toBe(batchesBefore);
    expectNothingTwice(server);
  });

  it('"fluentpro jobs" and "logs" say how far a waiting batch job is; once written, it costs the batch price', async () => {
    const server = await serve({ batch: { lineMs: 60, lineConcurrency: 1 } });
    const cwd = tempDir();
    const files = writeSpecs(cwd);
    const env = { ...envFor(server), OPENAI_MODEL: 'gpt-4o-mini' };
    const stopped = await runCli(['generate', ...files, '--batch', '--out', 'out', '--data-dir', 'data'], {
      cwd,
      env,
      onSpawn: (child) => {
        let seen = '';
        child.stderr!.on('data', (d: Buffer) => {
          seen += d.toString();
          if (/\(lessons and repairs\)/.test(seen) && !child.killed) child.kill('SIGINT');
        });
      },
    });
    expect(stopped.code).toBe(130);
    const waiting = await runCli(['jobs', '--data-dir', 'data'], { cwd, env });
    const rows = waiting.stdout.split('\n').filter((l) => l.includes('Batch '));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/ queued .* — waiting for the batch: \d+ of \d+ answered, submitted \d\d:\d\d$/);
    const [json] = JSON.parse((await runCli(['jobs', '--json', '--data-dir', 'data'], { cwd, env })).stdout) as JobSummary[];
    expect(json!.batchWait!.answered).toBeGreaterThan(0); // the plan's batch is in
    expect(json!.batchWait!.answered).toBeLessThan(json!.batchWait!.lines);
    const logs = await runCli(['logs', json!.id, '--data-dir', 'data'], { cwd, env });
    expect(logs.stdout).toMatch(/info {3}submitted to the Batch API: batch batch[-_]\w+ \(plan, \d+ requests in all\)/);
    expect(logs.stdout).toMatch(/batch batch[-_]\w+ completed: \d+ answered/);
    expect(logs.stdout).toMatch(/submitted to the Batch API: batch batch[-_]\w+ \(lessons and repairs/);

    expect((await runCli(['run', '--data-dir', 'data'], { cwd, env })).code).toBe(0);
    const done = JSON.parse((await runCli(['jobs', '--json', '--data-dir', 'data'], { cwd, env })).stdout) as JobSummary[];
    for (const job of done) {
      expect(job.state).toBe('succeeded');
      // Every answer came through a batch: all of its usage is at the batch price, half the live one.
      expect(job.usage.requests).toBeGreaterThan(0);
      expect(job.batchUsage).toEqual(job.usage);
      expect(jobCostUsd(job)).toBeCloseTo(estimateCostUsd('gpt-4o-mini', job.usage)! / 2, 12);
    }
    const paid = [...server.paidCounts().values()].reduce((a, b) => a + b, 0);
    expect(done.reduce((sum, j) => sum + j.usage.requests, 0)).toBe(paid);
    expectNothingTwice(server);
  });

  it('a provider without a Batch API (404) gets a clear message and the live path', async () => {
    const server = await serve({ batch: { mode: 'absent' } });
    const cwd = tempDir();
    writeFileSync(join(cwd, 'local.course.yaml'), spec('Local Model', 3));
    const run = await runCli(['generate', 'local.course.yaml', '--out', 'out', '--data-dir', 'data'], { cwd, env: { ...envFor(server), FLUENTPRO_BATCH: '1' } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/note: this provider has no Batch API \(.*\); the live path is used/);
    expect(run.stderr).toContain('1 of 1 course written');
    expect(existsSync(join(cwd, 'out', 'local-model', 'course.json'))).toBe(true);
    expect(server.batch.batches).toEqual([]);
    expect([...server.paidCounts().values()].every((n) => n === 1)).toBe(true);
    // Run live, it costs the live price: none of it is counted as the batch's.
    const [job] = JSON.parse((await runCli(['jobs', '--json', '--data-dir', 'data'], { cwd })).stdout) as JobSummary[];
    expect(job!.usage.requests).toBeGreaterThan(0);
    expect(job!.batchUsage).toBeUndefined();
    expect(job!.mode).toBeUndefined();
    expect((await runCli(['logs', job!.id, '--data-dir', 'data'], { cwd })).stdout).toMatch(/warn {3}runs live: this provider has no Batch API/);
  });

  it('a paused queue starts no batch job: generate --batch waits, sending nothing, and goes on when the queue is resumed', async () => {
    const server = await serve();
    const cwd = tempDir();
    writeFileSync(join(cwd, 'p.course.yaml'), spec('Paused Batch', 2));
    const env = envFor(server);
    await runCli(['pause', '--data-dir', 'data'], { cwd, env });
    let resumedAt = 0;
    const run = await runCli(['generate', 'p.course.yaml', '--batch', '--out', 'out', '--data-dir', 'data'], {
      cwd,
      env,
      onSpawn: (child) => {
        let seen = '';
        child.stderr!.on('data', (d: Buffer) => {
          seen += d.toString();
          if (seen.includes('batch job waits until then') && !resumedAt) {
            resumedAt = Date.now();
            // Nothing reached the provider while paused; then another process resumes the queue.
            setTimeout(() => {
              expect(server.requests).toHaveLength(0);
              expect(server.batch.batches).toHaveLength(0);
              void runCli(['resume', '--data-dir', 'data'], { cwd, env });
            }, 1500);
          }
        });
      },
    });
    expect(run.stderr).toContain('the queue is paused until resumed ("fluentpro resume"): 1 batch job waits until then ("fluentpro resume" to start now)');
    expect(run.code).toBe(0);
    expect(resumedAt).toBeGreaterThan(0);
    expect(Math.min(...server.batch.batches.map((b) => (b as { created_at: number }).created_at * 1000))).toBeGreaterThanOrEqual(Math.floor(resumedAt / 1000) * 1000);
    expect(readCourse(join(cwd, 'out', 'paused-batch')).lessons).toHaveLength(2);
    expectNothingTwice(server);
  });

  it('"schedule add --batch" queues its specs as batch-mode jobs; --live as live ones', async () => {
    const cwd = tempDir();
    writeSpecs(cwd);
    const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' };
    const added = await runCli(['schedule', 'add', '--name', 'nightly', '--cron', '0 2 * * *', '--folder', '.', '--batch', '--provider', 'openai', '--data-dir', 'data'], { cwd, env });
    expect(added.stdout).toContain('every spec in');
    expect(added.stdout).toContain('(through the Batch API)');
    await runCli(['pause', '--data-dir', 'data'], { cwd, env });
    expect((await runCli(['schedule', 'run', 'nightly', '--data-dir', 'data'], { cwd, env })).code).toBe(0);
    const jobs = JSON.parse((await runCli(['jobs', '--json', '--data-dir', 'data'], { cwd, env })).stdout) as JobSummary[];
    expect(jobs.map((j) => [j.mode, j.state])).toEqual(COURSES.map(() => ['batch', 'queued']));
    const both = await runCli(['schedule', 'add', '--name', 'x', '--cron', '0 2 * * *', '--folder', '.', '--batch', '--live', '--data-dir', 'data'], { cwd, env });
    expect(both.stderr).toContain('--batch and --live exclude each other');
    expect((await runCli(['schedule', '--help'], { cwd })).stdout).toMatch(/--batch .*Batch API[\s\S]*--live/);
  });
});
