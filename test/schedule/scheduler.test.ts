import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler, type SchedulerOptions } from '../../electron/core/schedule/scheduler.js';
import type { ScheduleInput } from '../../electron/core/schedule/schedule-store.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { jobSettings } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const spec = (title: string) => `title: ${title}\nlanguage: Italian\nlevel: A1\nlessons: 2\n`;

/** A wall clock the test moves, and the timers the scheduler arms on it. */
class FakeClock {
  ms: number;
  readonly timers: { at: number; run: () => Promise<void> }[] = [];
  constructor(iso: string) {
    this.ms = Date.parse(iso);
  }
  now = () => this.ms;
  setTimer = (run: () => Promise<void>, ms: number) => {
    const timer = { at: this.ms + ms, run };
    this.timers.push(timer);
    return timer;
  };
  clearTimer = (handle: unknown) => {
    const i = this.timers.indexOf(handle as never);
    if (i >= 0) this.timers.splice(i, 1);
  };
  /** The Mac sleeps: the clock jumps and no timer runs meanwhile. */
  sleep(ms: number) {
    this.ms += ms;
  }
  /** Time passes awake: every timer due runs at its time. */
  async advance(ms: number) {
    const end = this.ms + ms;
    for (;;) {
      const next = this.timers.sort((a, b) => a.at - b.at)[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.ms = Math.max(this.ms, next.at);
      await next.run(); // the scheduler's timer gives back its tick: wait for it
    }
    this.ms = end;
  }
}

const stores: JobStore[] = [];
const schedulers: Scheduler[] = [];
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  for (const s of stores.splice(0)) s.close();
});

function setup(clock: FakeClock) {
  const dir = tempDir();
  const dbFile = join(dir, 'queue.sqlite');
  const open = (options: Partial<SchedulerOptions> = {}) => {
    const jobs = new JobStore(dbFile, { now: clock.now });
    stores.push(jobs);
    const scheduler = new Scheduler({ jobs, defaultSettings: () => jobSettings(join(dir, 'out')), now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer, watchFolders: false, ...options });
    schedulers.push(scheduler);
    return { jobs, scheduler };
  };
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  return { dir, open, file };
}

function daily(files: string[], extra: Partial<ScheduleInput> = {}): ScheduleInput {
  return { name: 'nightly', cron: '0 2 * * *', timeZone: 'UTC', specFiles: files, ...extra };
}

describe('Scheduler: scheduled times', () => {
  it('fires at the cron time, through the queue, and re-arms with short timers', async () => {
    const clock = new FakeClock('2025-01-01T01:55:00Z');
    const { open, file } = setup(clock);
    const { jobs, scheduler } = open();
    await scheduler.store.add(daily([file('a.course.yaml', spec('Alpha'))]));
    const runs: string[] = [];
    scheduler.onDidRun((r) => runs.push(`${r.reason} ${r.scheduledAt} ${r.queued.map((q) => q.title).join(',')}`));
    await scheduler.start();
    expect(runs).toEqual([]);
    // No single wait is longer than a minute, whatever the distance to the next run.
    expect(clock.timers.map((t) => t.at - clock.ms)).toEqual([60_000]);
    await clock.advance(10 * 60_000);
    expect(runs).toEqual(['scheduled 2025-01-01T02:00:00.000Z Alpha']);
    expect(jobs.list().map((j) => [j.title, j.state])).toEqual([['Alpha', 'queued']]);
    expect(scheduler.store.get('nightly')).toMatchObject({ lastRunAt: '2025-01-01T02:00:00.000Z', nextRunAt: '2025-01-02T02:00:00.000Z' });
    expect(scheduler.nextRun()).toEqual({ schedule: 'nightly', at: '2025-01-02T02:00:00.000Z' });
  });

  it('a sleep across three run times gives one catch-up run on wake', async () => {
    const clock = new FakeClock('2025-01-01T12:00:00Z');
    const { open, file } = setup(clock);
    const { jobs, scheduler } = open();
    await scheduler.store.add(daily([file('a.course.yaml', spec('Alpha'))]));
    await scheduler.start();
    clock.sleep(3 * 24 * 3600_000); // asleep through 2, 3 and 4 January 02:00
    const [run, ...more] = await (async () => {
      const got: { reason: string; scheduledAt?: string }[] = [];
      scheduler.onDidRun((r) => got.push(r));
      await scheduler.resume();
      await clock.advance(5 * 60_000);
      return got;
    })();
    expect(more).toEqual([]);
    expect(run).toMatchObject({ reason: 'catch-up', scheduledAt: '2025-01-04T02:00:00.000Z' });
    expect(jobs.list()).toHaveLength(1);
    expect(scheduler.store.runs('nightly')).toHaveLength(1);
  });

  it('catches up once at launch for times passed while no process ran', async () => {
    const clock = new FakeClock('2025-01-01T12:00:00Z');
    const { open, file } = setup(clock);
    await open().scheduler.store.add(daily([file('a.course.yaml', spec('Alpha'))]));
    clock.sleep(2 * 24 * 3600_000);
    const { scheduler } = open();
    expect(scheduler.store.get('nightly')).toMatchObject({ missedRunAt: '2025-01-03T02:00:00.000Z' });
    await scheduler.start();
    expect(scheduler.store.runs('nightly').map((r) => r.reason)).toEqual(['catch-up']);
    expect(scheduler.store.get('nightly')!.missedRunAt).toBeUndefined();
  });

  it('with catch-up off, missed times are passed over without firing', async () => {
    const clock = new FakeClock('2025-01-01T12:00:00Z');
    const { open, file } = setup(clock);
    const { jobs, scheduler } = open();
    await scheduler.store.add(daily([file('a.course.yaml', spec('Alpha'))], { catchUp: false }));
    await scheduler.start();
    clock.sleep(3 * 24 * 3600_000);
    await scheduler.resume();
    expect(jobs.list()).toEqual([]);
    expect(scheduler.store.runs('nightly')).toEqual([]);
    expect(scheduler.store.get('nightly')).toMatchObject({ lastScheduledAt: '2025-01-04T02:00:00.000Z', nextRunAt: '2025-01-05T02:00:00.000Z' });
    expect(scheduler.store.get('nightly')!.lastRunAt).toBeUndefined();
    // The next time it is awake at 02:00, it fires.
    clock.sleep(14 * 3600_000 - 60_000);
    await scheduler.resume();
    await clock.advance(2 * 60_000);
    expect(scheduler.store.runs('nightly').map((r) => `${r.reason} ${r.scheduledAt}`)).toEqual(['scheduled 2025-01-05T02:00:00.000Z']);
  });

  it('a restart in the middle never fires a time twice: two schedulers on one database file', async () => {
    const clock = new FakeClock('2025-01-01T01:59:00Z');
    const { open, file } = setup(clock);
    const first = open();
    await first.scheduler.store.add(daily([file('a.course.yaml', spec('Alpha'))]));
    await first.scheduler.start();
    await clock.advance(2 * 60_000); // 02:00 fired by the first
    await first.scheduler.stop(); // quit…
    const second = open(); // …and launch again, still before the grace ends
    await second.scheduler.start();
    await second.scheduler.tick();
    // Both alive at once (the app and `fluentpro run --watch`), at the next time: one fires.
    const third = open();
    await third.scheduler.start();
    clock.sleep(24 * 3600_000 - 60_000);
    const runs = await Promise.all([second.scheduler.tick(), third.scheduler.tick(), second.scheduler.resume(), third.scheduler.resume()]);
    expect(runs.flat().filter(Boolean)).toHaveLength(1);
    const history = second.scheduler.store.runs('nightly');
    expect(history.map((r) => `${r.reason} ${r.scheduledAt}`)).toEqual(['scheduled 2025-01-02T02:00:00.000Z', 'scheduled 2025-01-01T02:00:00.000Z']);
    expect(first.jobs.list()).toHaveLength(1); // the second firing found the first job still queued: dedup
    expect(history[0]!.queued[0]).toMatchObject({ title: 'Alpha', reused: true });
  });

  it('does not fire a disabled schedule, and once enabled again starts from now', async () => {
    const clock = new FakeClock('2025-01-01T12:00:00Z');
    const { open, file } = setup(clock);
    const { scheduler } = open();
    await scheduler.store.add(daily([file('a.course.yaml', spec('Alpha'))], { enabled: false }));
    await scheduler.start();
    clock.sleep(2 * 24 * 3600_000);
    await scheduler.resume();
    expect(scheduler.store.runs('nightly')).toEqual([]);
    scheduler.store.setEnabled('nightly', true);
    await scheduler.tick();
    expect(scheduler.store.runs('nightly')).toEqual([]);
    expect(scheduler.store.get('nightly')!.nextRunAt).toBe('2025-01-04T02:00:00.000Z');
  });
});

describe('Scheduler: what a run queues', () => {
  it('records invalid specs with their errors and still queues the valid ones', async () => {
    const clock = new FakeClock('2025-01-01T12:00:00Z');
    const { open, file, dir } = setup(clock);
    file('a.course.yaml', spec('Alpha'));
    file('b.course.yaml', 'title: Bad\nlanguage: Italian\nlevel: A1\nlesons: 2\n');
    file('notes.txt', 'not a spec');
    const { jobs, scheduler } = open();
    await scheduler.store.add({ name: 'inbox', cron: '0 2 * * *', timeZone: 'UTC', folder: dir });
    const run = await scheduler.runNow('inbox');
    expect(run.reason).toBe('manual');
    expect(run.queued.map((q) => q.title)).toEqual(['Alpha']);
    expect(run.invalid).toEqual([
      { file: join(dir, 'b.course.yaml'), problems: [expect.objectContaining({ path: 'lesons', message: 'unknown field "lesons"', hint: 'did you mean "lessons"?', line: 4 })] },
    ]);
    expect(jobs.list().map((j) => j.title)).toEqual(['Alpha']);
    expect(scheduler.store.runs('inbox')[0]).toEqual(run);
  });

  it('onlyChanged skips a spec that already made a succeeded job, and picks up an edited one', async () => {
    const clock = new FakeClock('2025-01-01T12:00:00Z');
    const { open, file } = setup(clock);
    const a = file('a.course.yaml', spec('Alpha'));
    const b = file('b.course.yaml', spec('Bravo'));
    const { jobs, scheduler } = open();
    await scheduler.store.add(daily([a, b], { onlyChanged: true }));
    const first = await scheduler.runNow('nightly');
    expect(first.queued.map((q) => q.title)).toEqual(['Alpha', 'Bravo']);
    // Alpha finishes; Bravo fails.
    const owner = 'owner-test';
    for (const q of first.queued) {
      const claimed = jobs.claimNext(owner)!;
      if (claimed.job.title === 'Alpha') jobs.moveToSucceeded(claimed.job.id, '/out/alpha');
      else jobs.moveToFailed(claimed.job.id, 'boom');
      void q;
    }
    const second = await scheduler.runNow('nightly');
    expect(second.unchanged).toEqual([a]);
    expect(second.queued.map((q) => [q.title, q.reused])).toEqual([['Bravo', false]]);
    writeFileSync(a, spec('Alpha') + 'topics: [food]\n');
    const third = await scheduler.runNow('nightly');
    expect(third.unchanged).toEqual([]);
    expect(third.queued.map((q) => [q.title, q.reused])).toEqual([
      ['Alpha', false],
      ['Bravo', true],
    ]);
  });
});
