import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER } from '../../electron/core/api/host-services.js';
import { BatchPoller } from '../../electron/core/batch/batch-poller.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { QueuePauseStore } from '../../electron/core/store/queue-pause.js';
import { DEFAULTS } from '../../electron/core/config/settings.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// Issue 19's "Done when": a schedule with batch mode on fires at 02:00, the app is quit at 02:05
// and opened again at 07:00: every course is written and nothing is paid twice. The app here is
// its core (startAppCore: store, orchestrator, schedules, batch poller), quit with close() as
// main quits it; the provider is the test server's Batch API, which goes on working while the
// app is closed, as OpenAI's does.

const tempDir = useTempDir();
const examplesDir = join(import.meta.dirname, '..', '..', 'examples');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The night's wall clock: set by hand (02:00, 02:05, 07:00), and after `run()` a thousand times
 * faster than real time, so the documented poll backoff (a minute, doubling up to ten) takes
 * milliseconds. Schedules' timers are held here and run when the test moves the clock.
 */
class NightClock {
  #base: number;
  #since: number | undefined;
  readonly timers: { at: number; run: () => Promise<void> }[] = [];
  constructor(iso: string) {
    this.#base = Date.parse(iso);
  }
  now = () => (this.#since === undefined ? this.#base : this.#base + (Date.now() - this.#since) * 1000);
  set(iso: string) {
    this.#base = Date.parse(iso);
    this.#since = undefined;
  }
  run() {
    this.#since = Date.now();
  }
  setTimer = (run: () => Promise<void>, ms: number) => {
    const timer = { at: this.now() + ms, run };
    this.timers.push(timer);
    return timer;
  };
  clearTimer = (handle: unknown) => {
    const i = this.timers.indexOf(handle as never);
    if (i >= 0) this.timers.splice(i, 1);
  };
  /** The schedules' timers that are due by now run (awaited). */
  async fireDue() {
    for (const timer of this.timers.filter((t) => t.at <= this.now())) {
      this.clearTimer(timer);
      await timer.run();
    }
  }
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const COURSES = [
  ['Night Alpha', 3],
  ['Night Bravo', 2],
  ['Night Charlie', 2],
] as const;

describe('a schedule in batch mode, overnight', () => {
  it('fires at 02:00, the app quits at 02:05 and opens at 07:00: every course written, nothing paid twice', async () => {
    const server = await FakeLlmServer.start({ batch: { lineMs: 100, lineConcurrency: 1 } });
    cleanups.push(() => server.close());
    const dir = tempDir();
    const inbox = join(dir, 'Inbox');
    mkdirSync(inbox);
    for (const [title, lessons] of COURSES) writeFileSync(join(inbox, `${title.replace(' ', '-')}.course.yaml`), `title: ${title}\nlanguage: Italian\nlevel: A1\nlessons: ${lessons}\n`);
    const clock = new NightClock('2026-12-04T23:00:00Z');
    const open = (): AppCore => {
      const core = startAppCore({
        dataDir: join(dir, 'data'),
        host: nodeHost(),
        secrets: new MemorySecretStore('sk-test'),
        files: NO_FILE_REVEALER,
        defaultOutDir: join(dir, 'out'),
        examplesDir,
        batchPoller: { now: clock.now, intervalMs: 20 },
        scheduleOptions: { now: clock.now, pollMs: 60_000, scheduler: { setTimer: clock.setTimer, clearTimer: clock.clearTimer, watchFolders: false } },
      });
      let closed = false;
      const close = core.close;
      core.close = async () => {
        if (!closed) await close();
        closed = true;
      };
      cleanups.push(() => core.close());
      return core;
    };

    // Evening: Settings › "Scheduled runs use the Batch API", and a schedule for 02:00.
    const evening = open();
    await evening.service.setSettings({ provider: 'openai', model: 'test-model', baseURL: server.baseURL, scheduledBatch: true });
    await evening.service.addSchedule({ name: 'nightly', cron: '0 2 * * *', timeZone: 'UTC', folder: inbox });

    // 02:00: the schedule fires and queues the three specs as batch-mode jobs; the poller submits the plan's batch.
    clock.set('2026-12-05T02:00:00Z');
    await clock.fireDue();
    const jobs = evening.store.list();
    expect(jobs.map((j) => [j.title, j.mode, j.state])).toEqual(COURSES.map(([title]) => [title, 'batch', 'queued']));
    await until('the first batch', () => server.batch.batches.length > 0);

    // 02:05: the app quits, its batch still at work at the provider. No course was run live (the
    // live queue leaves batch jobs alone), and none is written yet.
    expect(server.batch.batches.map((b) => b.status)).not.toContain('completed');
    clock.set('2026-12-05T02:05:00Z');
    await evening.close();
    for (const { id } of jobs) expect(existsSync(join(dir, 'out', id))).toBe(false);
    // Every request the provider saw is a line of a batch: none was asked live.
    expect(server.requests.length).toBeLessThanOrEqual(server.batch.submittedIds().flat().length);
    for (const { id } of jobs) expect(new JobStore(join(dir, 'data', 'queue.sqlite')).get(id)).toMatchObject({ state: 'queued', attempts: 0 });

    // The provider works through the night.
    await until('the provider to finish the batch', () => server.batch.batches.every((b) => b.status === 'completed'));

    // 07:00: the app opens again and takes up its batches at once: polls are overdue.
    clock.set('2026-12-05T07:00:00Z');
    clock.run();
    const morning = open();
    await until('every course', () => jobs.every(({ id }) => morning.store.get(id)!.state !== 'queued'), 60_000);

    for (const [index, [title, lessons]] of COURSES.entries()) {
      const job = morning.store.get(jobs[index]!.id)!;
      expect(job, title).toMatchObject({ state: 'succeeded', attempts: 1 });
      const course = JSON.parse(readFileSync(join(job.outputPath!, 'course.json'), 'utf8')) as { title: string; lessons: unknown[] };
      expect(course.title).toBe(title);
      expect(course.lessons).toHaveLength(lessons);
      // Every answer came through a batch: all of it at the batch price.
      expect(job.batchUsage).toEqual(job.usage);
    }
    // Nothing paid twice: no request line in two batches, every request answered once, none live.
    const submitted = server.batch.submittedIds().flat();
    expect(new Set(submitted).size).toBe(submitted.length);
    expect([...server.paidCounts().values()].every((n) => n === 1)).toBe(true);
    expect(server.requests.length).toBe(submitted.length);
    expect(server.batch.batches.length).toBeGreaterThanOrEqual(2); // the plan's round, then the lessons'
  });
});

describe("a schedule's batch switch", () => {
  it('on or off overrides Settings; absent follows them (the demo provider, which has no Batch API, stays live)', async () => {
    const dir = tempDir();
    const inbox = join(dir, 'Inbox');
    mkdirSync(inbox);
    writeFileSync(join(inbox, 'one.course.yaml'), 'title: Switch Course\nlanguage: Italian\nlevel: A1\nlessons: 1\n');
    const core = startAppCore({ dataDir: join(dir, 'data'), host: nodeHost(), secrets: new MemorySecretStore('sk-test'), files: NO_FILE_REVEALER, defaultOutDir: join(dir, 'out'), examplesDir, batchPoller: { intervalMs: 3_600_000 } });
    cleanups.push(() => core.close());
    await core.service.schedules.pauseQueue(); // nothing runs: only what is queued is looked at
    await core.service.setSettings({ provider: 'openai', model: 'test-model', baseURL: 'http://127.0.0.1:9/v1' });
    const modeOf = async (name: string, batch: boolean | undefined) => {
      await core.service.addSchedule({ name, cron: '0 2 * * *', folder: inbox, ...(batch === undefined ? {} : { batch }) });
      const run = await core.service.runScheduleNow(name);
      return core.store.get(run.queued[0]!.jobId)!.mode ?? 'live';
    };
    expect((await core.service.listSchedules()).length).toBe(0);
    expect(await modeOf('follows-off', undefined)).toBe('live');
    expect(await modeOf('on', true)).toBe('batch');
    await core.service.setSettings({ scheduledBatch: true });
    expect(await modeOf('follows-on', undefined)).toBe('batch');
    expect(await modeOf('off', false)).toBe('live');
    expect((await core.service.listSchedules()).map((s) => [s.name, s.batch])).toEqual([
      ['follows-off', undefined],
      ['follows-on', undefined],
      ['off', false],
      ['on', true],
    ]);
    await core.service.setSettings({ provider: 'demo' });
    expect(await modeOf('demo', true)).toBe('live');
  });
});

describe('BatchPoller', () => {
  it('polls on wake from sleep, not only on its interval', async () => {
    const server = await FakeLlmServer.start({ batch: { lineMs: 0 } });
    cleanups.push(() => server.close());
    const dir = tempDir();
    const store = new JobStore(join(dir, 'queue.sqlite'));
    cleanups.push(() => store.close());
    const settings = { ...DEFAULTS, provider: 'openai' as const, model: 'test-model', baseURL: server.baseURL, apiKey: 'sk-test', outDir: join(dir, 'out') };
    // An hour between passes: only the first pass (the start) and a wake can move it.
    const poller = new BatchPoller({ store, settings: () => settings, intervalMs: 3_600_000 });
    cleanups.push(() => poller.stop());
    poller.start();
    await until('the first pass', () => poller.passes === 1);
    const { job } = store.enqueue(enqueueInput('Woken', join(dir, 'out'), { lessons: 1, settings: { provider: 'openai', model: 'test-model', baseURL: server.baseURL, mode: 'batch' } }));
    await new Promise((r) => setTimeout(r, 200));
    expect(server.batch.batches).toEqual([]); // asleep until the next interval
    poller.wake(); // powerMonitor 'resume'
    await until('a batch submitted on wake', () => server.batch.batches.length === 1);
    expect(store.get(job.id)!.batchWait?.lines).toBeGreaterThan(0);
  });

  it('while the queue is paused, begins no new batch job; one already at the provider goes on', async () => {
    const server = await FakeLlmServer.start({ batch: { lineMs: 0 } });
    cleanups.push(() => server.close());
    const dir = tempDir();
    const store = new JobStore(join(dir, 'queue.sqlite'));
    cleanups.push(() => store.close());
    const settings = { ...DEFAULTS, provider: 'openai' as const, model: 'test-model', baseURL: server.baseURL, apiKey: 'sk-test', outDir: join(dir, 'out') };
    const batchJob = (title: string) => store.enqueue(enqueueInput(title, join(dir, 'out'), { lessons: 1, settings: { provider: 'openai', model: 'test-model', baseURL: server.baseURL, mode: 'batch' } })).job;
    const begun = batchJob('Begun');
    const clock = new NightClock('2026-12-05T02:00:00Z');
    clock.run(); // a thousand times real time: a minute's poll backoff takes 60 ms
    const poller = new BatchPoller({ store, settings: () => settings, now: clock.now, intervalMs: 20 });
    cleanups.push(() => poller.stop());
    poller.start();
    await until('its first batch', () => server.batch.batches.length === 1);
    new QueuePauseStore(store.db).pause();
    const waiting = batchJob('Waiting');
    await until('the begun job written', () => store.get(begun.id)!.state === 'succeeded');
    expect(store.get(waiting.id)).toMatchObject({ state: 'queued', batchWait: { lines: 0, answered: 0 } });
    expect(server.batch.submittedIds().flat().every((id) => id.startsWith(`${begun.id}/`))).toBe(true);
    new QueuePauseStore(store.db).resume();
    await until('the waiting job written after the pause', () => store.get(waiting.id)!.state === 'succeeded');
  });
  it('polls a job only at the provider it was queued for: one queued for another waits, said once in its log', async () => {
    const server = await FakeLlmServer.start({ batch: { lineMs: 0 } });
    const other = await FakeLlmServer.start({ batch: { lineMs: 0 } });
    cleanups.push(() => server.close(), () => other.close());
    const dir = tempDir();
    const store = new JobStore(join(dir, 'queue.sqlite'));
    cleanups.push(() => store.close());
    const settings = { ...DEFAULTS, provider: 'openai' as const, model: 'test-model', baseURL: server.baseURL, apiKey: 'sk-test', outDir: join(dir, 'out') };
    const batchJob = (title: string, baseURL: string) => store.enqueue(enqueueInput(title, join(dir, 'out'), { lessons: 1, settings: { provider: 'openai', model: 'test-model', baseURL, mode: 'batch' } })).job;
    const here = batchJob('Here', server.baseURL);
    const elsewhere = batchJob('Elsewhere', other.baseURL);
    const clock = new NightClock('2026-12-05T02:00:00Z');
    clock.run();
    const poller = new BatchPoller({ store, settings: () => settings, now: clock.now, intervalMs: 20 });
    cleanups.push(() => poller.stop());
    poller.start();
    await until('the job of this provider written', () => store.get(here.id)!.state === 'succeeded');
    await until('a few more passes', () => poller.passes > 5);
    // Nothing of the other job reached either server; it waits, and its log says why, once.
    expect(store.get(elsewhere.id)).toMatchObject({ state: 'queued', batchWait: { lines: 0 } });
    expect(server.batch.submittedIds().flat().some((id) => id.startsWith(`${elsewhere.id}/`))).toBe(false);
    expect(other.requests).toEqual([]);
    const told = store.logs(elsewhere.id).filter((l) => l.message.startsWith('waits for its provider'));
    expect(told.map((l) => l.message)).toEqual([`waits for its provider (${other.baseURL}): the app is set to another; choose that one in Settings to go on`]);
  });
});
