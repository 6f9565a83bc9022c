import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScheduleStore } from '../../electron/core/schedule/schedule-store.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { waitUntil } from '../support/child-processes.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const spec = (title: string) => `title: ${title}\nlanguage: Italian\nlevel: A1\nlessons: 2\n`;
const env = { TZ: 'Europe/Berlin' };

function project() {
  const cwd = tempDir();
  mkdirSync(join(cwd, 'inbox'));
  writeFileSync(join(cwd, 'inbox', 'alpha.course.yaml'), spec('Alpha'));
  writeFileSync(join(cwd, 'inbox', 'typo.course.yaml'), 'title: Typo\nlanguage: Italian\nlevel: A1\nlesons: 2\n');
  writeFileSync(join(cwd, 'one.course.yaml'), spec('One'));
  return cwd;
}
const cli = (cwd: string, ...args: string[]) => runCli([...args, '--data-dir', 'data'], { cwd, env });

describe('fluentpro schedule', () => {
  it('adds, lists with the next run, runs now, shows the history and removes', async () => {
    const cwd = project();
    const added = await cli(cwd, 'schedule', 'add', '--name', 'nightly', '--cron', '0 2 * * *', '--tz', 'Europe/Berlin', '--folder', 'inbox', '--only-changed');
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`added schedule "nightly": cron "0 2 * * *" in Europe/Berlin, every spec in ${join(cwd, 'inbox')} (only changed specs)\nnext run: `);
    expect(added.stdout).toContain('it fires while the app or "fluentpro run --watch" runs\n');

    const listed = await cli(cwd, 'schedule', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^nightly\n  when      cron "0 2 \* \* \*" in Europe\/Berlin\n  source    every spec in .*inbox \(only changed specs\)\n  next run  \w{3} \d{1,2} \w{3} \d{4}, 02:00 Europe\/Berlin\n  last run  never\n$/);
    const json = JSON.parse((await cli(cwd, 'schedule', 'list', '--json')).stdout);
    expect(json.schedules[0]).toMatchObject({ name: 'nightly', cron: '0 2 * * *', timeZone: 'Europe/Berlin', onlyChanged: true, catchUp: true, enabled: true });
    expect(Date.parse(json.schedules[0].nextRunAt)).toBeGreaterThan(Date.now());

    const run = await cli(cwd, 'schedule', 'run', 'nightly');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^nightly: queued 1 job: Alpha \([0-9a-z]{8}\); 1 invalid: typo\.course\.yaml\nthe jobs run when the queue runs \("fluentpro run", or the app\)\n$/);
    expect(run.stderr).toContain(`${join(cwd, 'inbox', 'typo.course.yaml')}:4:1: lesons: unknown field "lesons" — did you mean "lessons"?`);

    const history = await cli(cwd, 'schedule', 'history', 'nightly');
    expect(history.stdout).toMatch(/^\w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d  manual        queued 1 job: Alpha \([0-9a-z]{8}\); 1 invalid: typo\.course\.yaml\n    .*typo\.course\.yaml:4:1: lesons: unknown field "lesons"/);

    const removed = await cli(cwd, 'schedule', 'remove', 'nightly');
    expect(removed.stdout).toBe('removed schedule "nightly" (the jobs it queued stay in the queue)\n');
    expect((await cli(cwd, 'schedule', 'list')).stdout).toBe('no schedules: add one, e.g. fluentpro schedule add --name nightly --cron "0 2 * * *" --folder ~/Courses/Inbox\n');
  });

  it('says which flag is wrong and how to fix it', async () => {
    const cwd = project();
    const errors: [string[], string][] = [
      [['--cron', '61 2 * * *', '--folder', 'inbox'], '--name is missing: name the schedule, e.g. --name nightly'],
      [
        ['--name', 'n', '--cron', '61 2 * * *', '--folder', 'inbox'],
        '--cron: "61 2 * * *" is not a cron expression: invalid value for minute: 61; write five fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *" for every day at 02:00 or "30 22 * * 1-5" for weekdays at 22:30',
      ],
      [['--name', 'n', '--cron', '0 2 * * *', '--tz', 'Mars/Olympus', '--folder', 'inbox'], '--tz: "Mars/Olympus" is not a time zone; use an IANA name such as Europe/Berlin or America/New_York'],
      [['--name', 'n', '--cron', '0 2 * * *', '--folder', 'nowhere'], `--folder: the folder ${join(cwd, 'nowhere')} does not exist; create it first, or check the path`],
      [['--name', 'n', '--cron', '0 2 * * *', '--spec', 'nope.course.yaml'], `--spec: the spec file ${join(cwd, 'nope.course.yaml')} does not exist; check the path`],
      [['--name', 'n', '--folder', 'inbox'], 'say when it runs: --cron EXPR (e.g. --cron "0 2 * * *" for every day at 02:00) or --on-change (when a spec in --folder changes)'],
      [['--name', 'n', '--cron', '0 2 * * *', '--on-change', '--folder', 'inbox'], '--cron and --on-change exclude each other: use one'],
      [['--name', 'n', '--cron', '0 2 * * *'], 'say what it generates: --folder DIR (every *.course.yaml, .yml or .json in it) or --spec FILE...'],
      [['--name', 'n', '--on-change', '--spec', 'one.course.yaml'], '--on-change watches a folder: use it with --folder DIR, not --spec'],
    ];
    for (const [args, message] of errors) {
      const run = await cli(cwd, 'schedule', 'add', ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toBe(`fluentpro schedule: ${message}\nSee: fluentpro schedule --help\n`);
    }
    await cli(cwd, 'schedule', 'add', '--name', 'n', '--cron', '0 2 * * *', '--spec', 'one.course.yaml');
    const twice = await cli(cwd, 'schedule', 'add', '--name', 'n', '--cron', '0 3 * * *', '--spec', 'one.course.yaml');
    expect(twice.stderr).toContain('fluentpro schedule: a schedule named "n" already exists; pick another name, or remove it first (fluentpro schedule remove n)\n');
    const unknown = await cli(cwd, 'schedule', 'run', 'nope');
    expect(unknown.stderr).toContain('fluentpro schedule: no schedule named "nope"; see "fluentpro schedule list"\n');
  });

  it('documents every flag it takes', async () => {
    const help = await runCli(['schedule', '--help'], { cwd: tempDir() });
    expect(help.code).toBe(0);
    for (const flag of ['name', 'cron', 'tz', 'on-change', 'folder', 'spec', 'only-changed', 'no-catch-up', 'provider', 'model', 'base-url', 'out', 'lesson-concurrency', 'demo-delay', 'data-dir', 'json', 'help']) {
      expect(help.stdout).toContain(`--${flag}`);
    }
    const main = await runCli(['--help'], { cwd: tempDir() });
    expect(main.stdout).toContain('  schedule <action>    Queue specs at set times or when a folder changes (add, list, remove,\n                       run, history)\n  pause | resume       Pause the queue (--until HH:MM); running jobs finish. Resume it\n');
    expect((await runCli(['pause', '--help'], { cwd: tempDir() })).stdout).toContain('--until HH:MM');
  });
});

describe('fluentpro pause and resume', () => {
  it('pauses until a time of day, keeps jobs queued, says so in run, and resumes', async () => {
    const cwd = project();
    const bad = await cli(cwd, 'pause', '--until', '10pm');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('fluentpro pause: --until must be a time of day as HH:MM (24-hour), e.g. --until 22:00 or --until 06:30, got "10pm"\nSee: fluentpro pause --help\n');
    const paused = await cli(cwd, 'pause', '--until', '22:00');
    expect(paused.stdout).toMatch(/^queue paused until 22:00 \(\w{3} \d{1,2} \w{3}\): running jobs finish, queued jobs wait; "fluentpro resume" ends the pause sooner\n$/);
    expect((await cli(cwd, 'pause')).stdout).toBe('queue paused: running jobs finish, queued jobs wait until "fluentpro resume"\n');
    expect((await cli(cwd, 'schedule', 'list')).stdout).toContain('the queue is paused until resumed ("fluentpro resume"): the jobs schedules add wait until then\n');

    await cli(cwd, 'schedule', 'add', '--name', 'one', '--cron', '0 2 * * *', '--spec', 'one.course.yaml');
    await cli(cwd, 'schedule', 'run', 'one');
    // run --watch while paused: says why the job waits, and does not start it.
    const watching = await runCli(['run', '--watch', '--data-dir', 'data', '--demo-delay', '5'], {
      cwd,
      env,
      onSpawn: (child) => {
        let seen = '';
        child.stderr!.on('data', (d: Buffer) => {
          seen += d.toString();
          if (seen.includes('schedule one: next run') && !child.killed) setTimeout(() => child.kill('SIGINT'), 1500);
        });
      },
    });
    expect(watching.stderr).toContain('the queue is paused until resumed ("fluentpro resume"): jobs wait until then ("fluentpro resume" to start now)\n');
    const store = new JobStore(join(cwd, 'data', 'queue.sqlite'));
    expect(store.list().map((j) => j.state)).toEqual(['queued']);
    store.close();

    expect((await cli(cwd, 'resume')).stdout).toBe('queue resumed: queued jobs start as soon as the app or "fluentpro run" works the queue\n');
    expect((await cli(cwd, 'resume')).stdout).toBe('the queue was not paused\n');
    const ran = await runCli(['run', '--data-dir', 'data', '--demo-delay', '5'], { cwd, env });
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('queue: 0 queued, 0 running, 1 succeeded, 0 failed, 0 cancelled');
  });
});

describe('fluentpro run --watch', () => {
  it('fires a missed schedule once at start and queues specs saved into a watched folder', async () => {
    const cwd = project();
    await cli(cwd, 'schedule', 'add', '--name', 'nightly', '--cron', '0 2 * * *', '--spec', 'one.course.yaml');
    await cli(cwd, 'schedule', 'add', '--name', 'inbox', '--on-change', '--folder', 'inbox');
    // As if created three days ago and nothing ran since: one catch-up run at start.
    const db = new JobStore(join(cwd, 'data', 'queue.sqlite'));
    db.db.prepare("UPDATE schedules SET created_at = created_at - 3 * 86400000 WHERE name = 'nightly'").run();
    expect(new ScheduleStore(db.db).get('nightly')!.missedRunAt).toBeDefined();
    db.close();

    let child: ChildProcess | undefined;
    const running = runCli(['run', '--watch', '--data-dir', 'data', '--demo-delay', '5', '--out', 'out'], { cwd, env, onSpawn: (c) => (child = c) });
    const store = new JobStore(join(cwd, 'data', 'queue.sqlite'));
    const jobs = (): JobSummary[] => store.list();
    await waitUntil(() => jobs().some((j) => j.title === 'One' && j.state === 'succeeded'), 20_000, 'the catch-up job');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the watcher has read the folder
    writeFileSync(join(cwd, 'inbox', 'fresh.course.yaml'), spec('Fresh'));
    await waitUntil(() => jobs().some((j) => j.title === 'Fresh' && j.state === 'succeeded'), 20_000, 'the watched folder job');
    child!.kill('SIGINT');
    const run = await running;
    store.close();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('schedule inbox: watching ' + join(cwd, 'inbox'));
    expect(run.stderr).toMatch(/schedule nightly \(catch-up\): queued 1 job: One \([0-9a-z]{8}\)\n/);
    expect(run.stderr).toMatch(/schedule inbox \(folder-change\): queued 1 job: Fresh \([0-9a-z]{8}\)\n/);
    // Alpha and the invalid typo were there before the schedule: not queued.
    const titles = new JobStore(join(cwd, 'data', 'queue.sqlite'));
    expect(titles.list().map((j) => j.title)).toEqual(['One', 'Fresh']);
    titles.close();
  }, 60_000);
});
