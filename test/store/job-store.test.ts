import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidTransitionError, JobStore, OWNER_LEASE_MS } from '../../electron/core/store/job-store.js';
import { MIGRATIONS } from '../../electron/core/store/migrations.js';
import { processFate, processStartTime } from '../../electron/core/store/process-liveness.js';
import { spawnNonReapingParent, spawnSleeper, waitUntil } from '../support/child-processes.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { rateLimitNote } from '../../electron/shared/jobs.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();

function openStore(now?: () => number): JobStore {
  return new JobStore(join(tempDir(), 'queue.sqlite'), { now });
}

describe('JobStore', () => {
  it('keeps jobs in one WAL SQLite file that a second handle sees', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Persisted', tempDir()));
    const other = new JobStore(join(tempDir(), 'queue.sqlite'));
    expect(other.get(job.id)).toMatchObject({ title: 'Persisted', state: 'queued', lessonsTotal: 2 });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    other.close();
    store.close();
  });

  it('gives short, distinct ids, found by any unique prefix', () => {
    const store = openStore();
    const ids = Array.from({ length: 50 }, (_, i) => store.enqueue(enqueueInput(`Job ${i}`, tempDir())).job.id);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{8}$/);
    expect(store.find(ids[0]!.slice(0, 7)).id).toBe(ids[0]);
    expect(() => store.find('zzzzzzzz')).toThrow('no job zzzzzzzz (see "fluentpro jobs")');
    expect(() => store.find('../etc')).toThrow('"../etc" is not a job id');
  });

  it('returns the identical queued job instead of a duplicate, unless forced', () => {
    const store = openStore();
    const first = store.enqueue(enqueueInput('Same', tempDir()));
    const again = store.enqueue(enqueueInput('Same', tempDir()));
    const forced = store.enqueue(enqueueInput('Same', tempDir(), { force: true }));
    const otherSettings = store.enqueue(enqueueInput('Same', tempDir(), { settings: { model: 'other' } }));
    expect(again).toEqual({ job: first.job, reused: true });
    expect(forced.reused).toBe(false);
    expect(otherSettings.reused).toBe(false);
    expect(store.list()).toHaveLength(3);
  });

  it('claims the oldest ready job atomically and only once', () => {
    const store = openStore();
    const a = store.enqueue(enqueueInput('A', tempDir())).job;
    const b = store.enqueue(enqueueInput('B', tempDir())).job;
    const other = new JobStore(join(tempDir(), 'queue.sqlite'));
    const first = store.claimNext('owner-1');
    const second = other.claimNext('owner-2');
    expect([first?.job.id, second?.job.id]).toEqual([a.id, b.id]);
    expect(store.claimNext('owner-1')).toBeUndefined();
    expect(first?.job).toMatchObject({ state: 'running', attempts: 1 });
    other.close();
  });

  it('claims only the jobs it is told to, when told', () => {
    const store = openStore();
    store.enqueue(enqueueInput('Not mine', tempDir()));
    const mine = store.enqueue(enqueueInput('Mine', tempDir())).job;
    expect(store.claimNext('o', new Set([mine.id]))?.job.id).toBe(mine.id);
    expect(store.claimNext('o', new Set([mine.id]))).toBeUndefined();
  });

  it('leaves batch-mode jobs to the batch runner: the queue skips them unless they are named', () => {
    const store = openStore();
    const batch = store.enqueue(enqueueInput('Overnight', tempDir(), { settings: { mode: 'batch' } })).job;
    expect(store.nextReadyAt()).toBeUndefined();
    expect(store.claimNext('queue')).toBeUndefined();
    const live = store.enqueue(enqueueInput('Now', tempDir())).job;
    expect(store.claimNext('queue')?.job.id).toBe(live.id);
    expect(store.nextReadyAt(new Set([batch.id]))).toBe(0);
    expect(store.claimNext('batch-runner', new Set([batch.id]))?.job.id).toBe(batch.id);
  });

  it('allows only the transitions of the job life cycle', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Life', tempDir()));
    expect(() => store.moveToSucceeded(job.id, '/x')).toThrow(new InvalidTransitionError(job.id, 'queued', 'succeeded'));
    store.claimNext('o');
    store.moveToSucceeded(job.id, '/out/life');
    expect(() => store.moveToFailed(job.id, 'late')).toThrow(`job ${job.id} is succeeded and cannot be failed`);
    expect(() => store.requestCancel(job.id)).toThrow(`job ${job.id} is succeeded and cannot be cancelled`);
    expect(() => store.retry(job.id)).toThrow(`job ${job.id} is succeeded and cannot be queued`);
    expect(store.get(job.id)).toMatchObject({ state: 'succeeded', outputPath: '/out/life' });
    expect(store.get(job.id)!.finishedAt).toBeDefined();
  });

  it('cancels a queued job at once, and flags a running one for its owner', () => {
    const store = openStore();
    const queued = store.enqueue(enqueueInput('Q', tempDir())).job;
    const running = store.enqueue(enqueueInput('R', tempDir())).job;
    store.claimNext('o', new Set([running.id]));
    expect(store.requestCancel(queued.id).state).toBe('cancelled');
    expect(store.requestCancel(running.id)).toMatchObject({ state: 'running', cancelRequested: true });
    expect(store.cancelRequests('o')).toEqual([running.id]);
    expect(store.cancelRequests('someone-else')).toEqual([]);
  });

  it('keeps checkpoints and progress together, counting a step saved twice once', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Steps', tempDir()));
    store.claimNext('o');
    const usage = { requests: 1, promptTokens: 10, completionTokens: 20 };
    const repairs = [{ kind: 'duplicate-term-dropped' as const, lesson: 2, where: 'lesson 2 vocabulary', detail: '"hola" was planned already in lesson 1; left out of lesson 2' }];
    store.saveCheckpoint(job.id, { step: 'outline-part', from: 1, content: { summary: 's', lessons: [] }, usage, repairs });
    store.saveCheckpoint(job.id, { step: 'lesson', lessonNumber: 2, content: { title: 't', summary: 's' }, usage, repairs: [] });
    store.saveCheckpoint(job.id, { step: 'lesson', lessonNumber: 2, content: { title: 't', summary: 's' }, usage, repairs: [] });
    // What the job cost is counted as answers arrive (countAnswered), not again with each step.
    expect(store.get(job.id)).toMatchObject({ outlineDone: true, lessonsDone: 1, usage: { requests: 0, promptTokens: 0, completionTokens: 0 } });
    const checkpoints = store.loadCheckpoints(job.id);
    expect(checkpoints.outlineParts.get(1)?.value.summary).toBe('s');
    expect(checkpoints.outlineParts.get(1)?.repairs).toEqual(repairs);
    expect(checkpoints.lessons.get(2)?.usage).toEqual(usage);
    expect([...checkpoints.lessons.keys()]).toEqual([2]);
  });

  it('counts every answer against its job as it arrives, also answers whose step never finished', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Paid', tempDir()));
    store.claimNext('o');
    store.countAnswered(job.id, { requests: 1, promptTokens: 100, completionTokens: 900 });
    store.countAnswered(job.id, { requests: 1, promptTokens: 50, completionTokens: 80 });
    expect(store.get(job.id)!.usage).toEqual({ requests: 2, promptTokens: 150, completionTokens: 980 });
    // Survives a retry: what the job cost stays what it cost.
    store.moveToFailed(job.id, 'x');
    store.retry(job.id);
    expect(store.get(job.id)!.usage.requests).toBe(2);
  });

  it('keeps the latest draft of an unfinished step until the step is saved, and resets the run of losses', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Drafts', tempDir()));
    store.claimNext('o');
    expect(store.recordWorkerLoss(job.id)).toBe(1);
    expect(store.recordWorkerLoss(job.id)).toBe(2);
    store.saveDraft(job.id, 'lesson:3', { version: 1, n: 1 });
    store.saveDraft(job.id, 'lesson:3', { version: 1, n: 2 });
    expect(store.loadCheckpoints(job.id).drafts).toEqual(new Map([['lesson:3', { version: 1, n: 2 }]]));
    // Progress: the next loss is the first in a row again.
    expect(store.recordWorkerLoss(job.id)).toBe(1);
    store.saveCheckpoint(job.id, { step: 'lesson', lessonNumber: 3, content: { title: 't', summary: 's' }, usage: { requests: 2, promptTokens: 1, completionTokens: 1 }, repairs: [] });
    expect(store.loadCheckpoints(job.id).drafts).toEqual(new Map());
    expect(store.recordWorkerLoss(job.id)).toBe(1);
    // A late draft of a step already finished is not kept.
    store.saveDraft(job.id, 'lesson:3', { version: 1, n: 3 });
    expect(store.loadCheckpoints(job.id).drafts).toEqual(new Map());
  });

  it('reads a whole-outline checkpoint saved before plans came in parts as the part from lesson 1', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Legacy', tempDir()));
    store.claimNext('o');
    const legacy = { summary: 'old', lessons: [{ number: 1, title: 'Hola', goals: ['g'], vocabulary: ['hola', 'adiós', 'sí'], grammarPoint: 'ser' }] };
    store.db.prepare(`INSERT INTO checkpoints (job_id, step, content_json, requests, prompt_tokens, completion_tokens, created_at) VALUES (?, 'outline', ?, 1, 1, 1, 0)`).run(job.id, JSON.stringify(legacy));
    const part = store.loadCheckpoints(job.id).outlineParts.get(1);
    expect(part).toEqual({ value: legacy, usage: { requests: 1, promptTokens: 1, completionTokens: 1 }, repairs: [] });
  });

  it('retry puts a failed job back in the queue with its checkpoints', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Again', tempDir()));
    store.claimNext('o');
    store.saveCheckpoint(job.id, { step: 'outline-part', from: 1, content: { summary: 's', lessons: [] }, usage: { requests: 1, promptTokens: 1, completionTokens: 1 }, repairs: [] });
    store.moveToFailed(job.id, 'boom');
    expect(store.retry(job.id)).toMatchObject({ state: 'queued', attempts: 0, error: undefined, outlineDone: true });
    expect(store.claimNext('o')?.checkpoints.outlineParts.get(1)).toBeDefined();
  });

  it('removes only finished jobs, with their checkpoints and log', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Gone', tempDir()));
    expect(() => store.remove(job.id)).toThrow(`job ${job.id} is queued and cannot be removed (cancel it first)`);
    store.requestCancel(job.id);
    store.remove(job.id);
    expect(store.get(job.id)).toBeUndefined();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM job_logs').get()).toEqual({ n: 0 });
  });

  it('keeps at most 500 log lines per job, the newest', () => {
    const store = openStore();
    const { job } = store.enqueue(enqueueInput('Chatty', tempDir()));
    for (let i = 0; i < 700; i++) store.log(job.id, 'info', `line ${i}`);
    const logs = store.logs(job.id);
    expect(logs).toHaveLength(500);
    expect(logs.at(-1)!.message).toBe('line 699');
  });

  it('recovers running jobs whose owner died, not those of a live owner', () => {
    let now = 1_000_000;
    const store = openStore(() => now);
    const live = store.enqueue(enqueueInput('Live', tempDir())).job;
    const dead = store.enqueue(enqueueInput('Dead', tempDir())).job;
    store.registerOwner('live-owner');
    store.claimNext('live-owner', new Set([live.id]));
    store.claimNext('vanished-owner', new Set([dead.id])); // never registered: its process is gone
    expect(store.recoverOrphans().map((j) => j.id)).toEqual([dead.id]);
    expect(store.get(dead.id)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(store.get(live.id)!.state).toBe('running');
    now += OWNER_LEASE_MS + 1; // the live owner stopped renewing its lease
    expect(store.recoverOrphans().map((j) => j.id)).toEqual([live.id]);
  });

  it('migrates a new file to the latest schema and refuses a newer one', () => {
    const file = join(tempDir(), 'queue.sqlite');
    new JobStore(file).close();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new JobStore(file)).toThrow(`the queue database was written by a newer FluentPro (schema 99, this one knows ${MIGRATIONS.at(-1)!.version}): update FluentPro`);
  });
});

describe('JobStore owners', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  /** An owner row as another process on this machine would have registered it. */
  function registerOther(store: JobStore, id: string, pid: number, processStart: string | null | undefined): void {
    store.db.prepare('INSERT INTO owners (id, pid, hostname, process_start, heartbeat_at) VALUES (?, ?, ?, ?, ?)').run(id, pid, hostname(), processStart ?? null, Date.now());
  }

  it('records the start time of the registering process', () => {
    const store = openStore();
    store.registerOwner('me');
    expect(store.db.prepare('SELECT pid, process_start FROM owners WHERE id = ?').get('me')).toEqual({ pid: process.pid, process_start: processStartTime() ?? null });
  });

  it.skipIf(process.platform === 'win32')('recovers at once the jobs of an owner that is a zombie or whose pid another process took, not those of a live one', async () => {
    const store = openStore();
    const [live, zombie, reused, legacy] = ['Live', 'Zombie', 'Reused', 'Legacy'].map((title) => store.enqueue(enqueueInput(title, tempDir())).job);
    const sleeper = await spawnSleeper();
    cleanups.push(() => sleeper.kill('SIGKILL'));
    const family = await spawnNonReapingParent();
    cleanups.push(family.stop);
    const zombieStart = processStartTime(family.grandchildPid);
    process.kill(family.grandchildPid, 'SIGKILL'); // dies, and its parent never reaps it

    registerOther(store, 'live-owner', sleeper.pid, processStartTime(sleeper.pid));
    registerOther(store, 'zombie-owner', family.grandchildPid, zombieStart);
    registerOther(store, 'reused-owner', sleeper.pid, 'a start time that is not the sleeper\'s');
    registerOther(store, 'legacy-owner', sleeper.pid, null); // registered before start times were recorded
    for (const [job, owner] of [[live, 'live-owner'], [zombie, 'zombie-owner'], [reused, 'reused-owner'], [legacy, 'legacy-owner']] as const) store.claimNext(owner, new Set([job!.id]));

    await waitUntil(() => processFate(family.grandchildPid, zombieStart) === 'zombie', 3000, 'the killed process to die');
    expect(store.recoverOrphans().map((j) => j.title)).toEqual(['Zombie', 'Reused']);
    expect(store.list().map((j) => [j.title, j.state])).toEqual([['Live', 'running'], ['Zombie', 'queued'], ['Reused', 'queued'], ['Legacy', 'running']]);
    expect(store.logs(zombie!.id).at(-1)!.message).toBe(`recovered: the process running it (pid ${family.grandchildPid}) has died (a zombie its parent has not reaped); resuming from its checkpoints`);
    expect(store.logs(reused!.id).at(-1)!.message).toBe(`recovered: the process running it (pid ${sleeper.pid}) has exited (its pid now belongs to another process); resuming from its checkpoints`);
    expect((store.db.prepare('SELECT id FROM owners ORDER BY id').all() as { id: string }[]).map((o) => o.id)).toEqual(['legacy-owner', 'live-owner']);
  });

  it('lists the running jobs other owners hold, with their process', () => {
    const store = openStore();
    const [mine, theirs, orphan, queued] = ['Mine', 'Theirs', 'Orphan', 'Queued'].map((title) => store.enqueue(enqueueInput(title, tempDir())).job);
    store.registerOwner('me');
    registerOther(store, 'them', 4242, 'x');
    store.claimNext('me', new Set([mine!.id]));
    store.claimNext('them', new Set([theirs!.id]));
    store.claimNext('gone', new Set([orphan!.id])); // its owner never registered
    const held = store.runningElsewhere('me');
    expect(held.map((h) => [h.job.title, h.pid, h.hostname])).toEqual([['Theirs', 4242, hostname()], ['Orphan', undefined, undefined]]);
    expect(store.runningElsewhere('me', new Set([orphan!.id, queued!.id])).map((h) => h.job.title)).toEqual(['Orphan']);
  });
});

describe('a job waiting for the provider', () => {
  const tempDir2 = useTempDir();
  it('says until when while it runs, in the words the board and "fluentpro jobs" print; a transition clears it', () => {
    const store = new JobStore(join(tempDir2(), 'queue.sqlite'), { now: () => 1_000_000 });
    const { job } = store.enqueue(enqueueInput('Busy', tempDir2()));
    store.setWaiting(job.id, 1_012_000, '429 from the provider');
    expect(store.get(job.id)!.waitingUntil).toBeUndefined(); // a queued job does not wait for the provider
    store.claimNext('o');
    store.setWaiting(job.id, 1_012_000, '429 from the provider');
    const running = store.get(job.id)!;
    expect(running).toMatchObject({ waitingUntil: new Date(1_012_000).toISOString(), waitingReason: '429 from the provider' });
    expect(rateLimitNote(running, 1_000_000)).toBe('waiting for the rate limit, 12 s');
    expect(rateLimitNote(running, 1_013_000)).toBeUndefined();
    store.moveToFailed(job.id, 'boom');
    expect(store.get(job.id)!.waitingUntil).toBeUndefined();
    store.close();
  });
});
