import { basename, resolve } from 'node:path';
import { resolveSettings, toJobSettings, type EngineSettings } from '../../core/config/settings.js';
import type { Orchestrator } from '../../core/queue/orchestrator.js';
import { ScheduleError, type ScheduleField } from '../../core/schedule/schedule-error.js';
import { ScheduleStore, type Schedule, type ScheduleInput, type ScheduleRun } from '../../core/schedule/schedule-store.js';
import { formatRunTime, localTimeZone } from '../../core/schedule/schedule-time.js';
import { Scheduler } from '../../core/schedule/scheduler.js';
import { formatSpecProblems } from '../../core/spec/spec-error.js';
import type { JobStore } from '../../core/store/job-store.js';
import { QueuePauseStore } from '../../core/store/queue-pause.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { DATA_DIR_OPTION, openQueue } from '../open-queue.js';
import { parseCommandArgs, settingsInput } from '../parse-flags.js';
import { describeUntil } from './pause.js';

export const SCHEDULE_HELP = `Usage: fluentpro schedule <add|list|remove|run|history> [options]

Schedules queue specs at cron times ("every night at 02:00") or when a watched folder changes.
They fire while the app or "fluentpro run --watch" runs; times missed while the Mac slept or
nothing ran are made up once at the next wake or launch (unless --no-catch-up).

  fluentpro schedule add --name NAME (--cron EXPR [--tz ZONE] | --on-change)
                         (--folder DIR | --spec FILE...) [--only-changed] [--no-catch-up]
                         [--batch | --live]
  fluentpro schedule list [--json]      Every schedule with its next run
  fluentpro schedule remove <name>      Remove a schedule (its jobs stay in the queue)
  fluentpro schedule run <name>         Fire it now
  fluentpro schedule history <name>     Its runs: the jobs each queued, specs skipped or invalid

Options of add
  --name NAME              Its name, unique
  --cron EXPR              When: minute hour day-of-month month day-of-week, e.g. "0 2 * * *"
                           (every day at 02:00) or "30 22 * * 1-5" (weekdays at 22:30)
  --tz ZONE                Time zone of --cron, an IANA name (default: this machine's)
  --on-change              When a spec in --folder is added or changed (instead of --cron)
  --folder DIR             What: every *.course.yaml, .yml and .json in this folder
  --spec FILE...           What: these spec files (instead of --folder)
  --only-changed           Skip specs whose content and settings already made a finished course
  --no-catch-up            Do not make up run times missed during sleep or while nothing ran
  --batch                  Its jobs go through the provider's Batch API (half price, ready within
                           24 h); --live: written at once. Neither: as the app's Settings say
  --provider, --model, --base-url, --out, --lesson-concurrency, --demo-delay
                           Settings for its jobs (as for generate); without any, its jobs take
                           the settings of whatever fires it (the app's, or run --watch's)
  --data-dir DIR           Folder of the queue database (as for every command)
  --json                   list, history: print JSON
  -h, --help               Show this help
`;

const JOB_SETTINGS_OPTIONS = {
  provider: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  out: { type: 'string' },
  'lesson-concurrency': { type: 'string' },
  'demo-delay': { type: 'string' },
} as const;

const OPTIONS = {
  ...DATA_DIR_OPTION,
  ...JOB_SETTINGS_OPTIONS,
  name: { type: 'string' },
  cron: { type: 'string' },
  tz: { type: 'string' },
  'on-change': { type: 'boolean' },
  folder: { type: 'string' },
  spec: { type: 'string', multiple: true },
  'only-changed': { type: 'boolean' },
  'no-catch-up': { type: 'boolean' },
  batch: { type: 'boolean' },
  live: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const FLAG_OF: Record<ScheduleField, string> = { name: '--name', cron: '--cron', timeZone: '--tz', onChange: '--on-change', folder: '--folder', specFiles: '--spec' };
const SUBCOMMANDS = ['add', 'list', 'remove', 'run', 'history'];

/** fluentpro schedule <add|list|remove|run|history> */
export async function scheduleCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !SUBCOMMANDS.includes(sub)) {
    throw new UsageError(sub ? `unknown subcommand "${sub}": use one of ${SUBCOMMANDS.join(', ')}` : `say what to do: ${SUBCOMMANDS.join(', ')}`, 'schedule');
  }
  const { values, positionals } = parseCommandArgs('schedule', rest, OPTIONS);
  const { store } = openQueue(values, io);
  try {
    const schedules = new ScheduleStore(store.db);
    if (sub === 'add') return await add(schedules, values, positionals, io);
    if (sub === 'list') return list(schedules, store, values.json === true, io);
    const name = positionals[0];
    if (!name) throw new UsageError(`name the schedule: fluentpro schedule ${sub} <name> (see "fluentpro schedule list")`, 'schedule');
    if (positionals.length > 1) throw new UsageError(`unexpected ${positionals.slice(1).join(' ')}`, 'schedule');
    if (sub === 'remove') {
      asUsage(() => schedules.remove(name));
      io.stdout.write(`removed schedule "${name}" (the jobs it queued stay in the queue)\n`);
      return EXIT.ok;
    }
    if (sub === 'history') return history(schedules, name, values.json === true, io);
    asUsage(() => schedules.require(name));
    const scheduler = new Scheduler({ jobs: store, defaultSettings: () => toJobSettings(jobSettingsFrom(values, io)), watchFolders: false });
    const run = await scheduler.runNow(name);
    io.stdout.write(`${name}: ${runSummary(run)}\n`);
    for (const line of problemLines(run)) io.stderr.write(line + '\n');
    if (run.queued.some((q) => !q.reused)) io.stdout.write('the jobs run when the queue runs ("fluentpro run", or the app)\n');
    return run.invalid.length ? EXIT.failed : EXIT.ok;
  } finally {
    store.close();
  }
}

type Values = ReturnType<typeof parseCommandArgs<typeof OPTIONS>>['values'];

async function add(schedules: ScheduleStore, values: Values, positionals: string[], io: CliIo): Promise<number> {
  if (values.name === undefined) throw new UsageError('--name is missing: name the schedule, e.g. --name nightly', 'schedule');
  if (values.cron !== undefined && values['on-change']) throw new UsageError('--cron and --on-change exclude each other: use one', 'schedule');
  if (values.cron === undefined && !values['on-change']) {
    throw new UsageError('say when it runs: --cron EXPR (e.g. --cron "0 2 * * *" for every day at 02:00) or --on-change (when a spec in --folder changes)', 'schedule');
  }
  if (values.tz !== undefined && values['on-change']) throw new UsageError('--tz goes with --cron; an --on-change schedule has no times', 'schedule');
  const specs = [...(values.spec ?? []), ...(values.spec ? positionals : [])];
  if (!values.spec && positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}; to name spec files, write --spec ${positionals.join(' ')}`, 'schedule');
  if (values.folder !== undefined && specs.length) throw new UsageError('--folder and --spec exclude each other: use one', 'schedule');
  if (values.folder === undefined && !specs.length) throw new UsageError('say what it generates: --folder DIR (every *.course.yaml, .yml or .json in it) or --spec FILE...', 'schedule');
  if (values['on-change'] && values.folder === undefined) throw new UsageError('--on-change watches a folder: use it with --folder DIR, not --spec', 'schedule');
  if (values.batch && values.live) throw new UsageError('--batch and --live exclude each other: use one', 'schedule');
  const hasSettings = Object.keys(JOB_SETTINGS_OPTIONS).some((flag) => values[flag as keyof typeof JOB_SETTINGS_OPTIONS] !== undefined);
  const input: ScheduleInput = {
    name: values.name,
    ...(values.cron !== undefined ? { cron: values.cron, timeZone: values.tz ?? localTimeZone() } : { onChange: true }),
    ...(values.folder !== undefined ? { folder: resolve(io.cwd, values.folder) } : { specFiles: specs.map((f) => resolve(io.cwd, f)) }),
    onlyChanged: values['only-changed'] === true,
    catchUp: values['no-catch-up'] !== true,
    ...(values.batch ? { batch: true } : values.live ? { batch: false } : {}),
    ...(hasSettings ? { settings: toJobSettings(jobSettingsFrom(values, io)) } : {}),
  };
  const schedule = await asUsageAsync(() => schedules.add(input));
  io.stdout.write(`added schedule "${schedule.name}": ${describeWhen(schedule)}, ${describeSource(schedule)}\n`);
  io.stdout.write(schedule.onChange ? 'specs already in the folder are not queued ("fluentpro schedule run" queues them now)\n' : `next run: ${describeNext(schedule)}\n`);
  io.stdout.write('it fires while the app or "fluentpro run --watch" runs\n');
  return EXIT.ok;
}

function list(schedules: ScheduleStore, store: JobStore, json: boolean, io: CliIo): number {
  const all = schedules.list();
  const pause = new QueuePauseStore(store.db).get();
  if (json) {
    io.stdout.write(JSON.stringify({ schedules: all, pausedUntil: pause ? (pause.pausedUntil ?? null) : undefined }, null, 2) + '\n');
    return EXIT.ok;
  }
  if (pause) io.stdout.write(`the queue is paused until ${describeUntil(pause)}: the jobs schedules add wait until then\n\n`);
  if (!all.length) {
    io.stdout.write('no schedules: add one, e.g. fluentpro schedule add --name nightly --cron "0 2 * * *" --folder ~/Courses/Inbox\n');
    return EXIT.ok;
  }
  for (const s of all) {
    io.stdout.write(`${s.name}${s.enabled ? '' : ' (disabled)'}\n`);
    io.stdout.write(`  when      ${describeWhen(s)}\n`);
    io.stdout.write(`  source    ${describeSource(s)}\n`);
    if (!s.onChange) io.stdout.write(`  next run  ${describeNext(s)}\n`);
    if (s.missedRunAt && s.catchUp) io.stdout.write(`  missed    ${formatRunTime(Date.parse(s.missedRunAt), s.timeZone!)}: runs once when the app or "fluentpro run --watch" next starts\n`);
    io.stdout.write(`  last run  ${s.lastRunAt ? formatRunTime(Date.parse(s.lastRunAt), s.timeZone ?? localTimeZone()) : 'never'}\n`);
  }
  return EXIT.ok;
}

function history(schedules: ScheduleStore, name: string, json: boolean, io: CliIo): number {
  const schedule = asUsage(() => schedules.require(name));
  const runs = schedules.runs(name);
  if (json) {
    io.stdout.write(JSON.stringify(runs, null, 2) + '\n');
    return EXIT.ok;
  }
  if (!runs.length) {
    io.stdout.write(`"${name}" has not run yet${schedule.nextRunAt ? `; next run: ${describeNext(schedule)}` : ''}\n`);
    return EXIT.ok;
  }
  for (const run of runs) {
    io.stdout.write(`${formatRunTime(Date.parse(run.at), schedule.timeZone ?? localTimeZone())}  ${run.reason.padEnd(13)} ${runSummary(run)}\n`);
    for (const line of problemLines(run)) io.stdout.write(`    ${line}\n`);
  }
  return EXIT.ok;
}

/** "queued 2 jobs: Alpha (a1b2c3d4), Bravo (already queued as e5f6g7h8); 1 unchanged: c.course.yaml; 1 invalid: d.course.yaml" */
export function runSummary(run: ScheduleRun): string {
  const parts: string[] = [];
  const fresh = run.queued.filter((q) => !q.reused).length;
  parts.push(
    run.queued.length
      ? `queued ${fresh} job${fresh === 1 ? '' : 's'}: ${run.queued.map((q) => `${q.title} (${q.reused ? `already queued as ${q.jobId}` : q.jobId})`).join(', ')}`
      : 'queued nothing',
  );
  if (run.unchanged.length) parts.push(`${run.unchanged.length} unchanged since its finished course: ${run.unchanged.map((f) => basename(f)).join(', ')}`);
  if (run.invalid.length) parts.push(`${run.invalid.length} invalid: ${run.invalid.map((i) => basename(i.file)).join(', ')}`);
  if (run.finishedAt === undefined) parts.push('stopped before it finished');
  return parts.join('; ');
}

function problemLines(run: ScheduleRun): string[] {
  return run.invalid.flatMap((i) => formatSpecProblems(i.file, i.problems).split('\n'));
}

function describeWhen(s: Schedule): string {
  if (s.onChange) return 'when a spec in the folder changes';
  return `cron "${s.cron}" in ${s.timeZone}${s.catchUp ? '' : ', missed times not made up'}`;
}

function describeSource(s: Schedule): string {
  const what = s.folder ? `every spec in ${s.folder}` : s.specFiles.length === 1 ? s.specFiles[0]! : `${s.specFiles.length} spec files`;
  const notes = [s.onlyChanged ? 'only changed specs' : '', s.batch === true ? 'through the Batch API' : s.batch === false ? 'live' : ''].filter(Boolean);
  return notes.length ? `${what} (${notes.join(', ')})` : what;
}

function describeNext(s: Schedule): string {
  if (!s.enabled) return 'none (disabled)';
  return s.nextRunAt ? `${formatRunTime(Date.parse(s.nextRunAt), s.timeZone!)} ${s.timeZone}` : 'never';
}

function jobSettingsFrom(values: Values, io: CliIo): EngineSettings {
  const { spec: _files, ...flags } = values;
  const { settings, notices } = resolveSettings(settingsInput(flags), io.env, io.cwd);
  for (const notice of notices) io.stderr.write(`note: ${notice}\n`);
  return settings;
}

/** A schedule the user described wrongly: the message names the flag to fix. */
function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw usageErrorOf(error);
  }
}

/** asUsage for work that reads the disk asynchronously (adding a schedule looks at its folder). */
async function asUsageAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw usageErrorOf(error);
  }
}

function usageErrorOf(error: unknown): unknown {
  if (!(error instanceof ScheduleError)) return error;
  const flag = error.code === 'SCHEDULE_NOT_FOUND' || error.code === 'NAME_TAKEN' ? '' : `${FLAG_OF[error.field]}: `;
  return new UsageError(`${flag}${error.problem}; ${error.hint}`, 'schedule');
}

/**
 * `fluentpro run --watch`: fires due schedules and watches watched folders while the queue is
 * worked, adding jobs through the orchestrator; each run is told on stderr.
 */
export function startSchedules(store: JobStore, orchestrator: Orchestrator, settings: EngineSettings, io: CliIo, quiet: boolean): { stop(): Promise<void> } {
  const scheduler = new Scheduler({ jobs: store, enqueue: (input) => orchestrator.enqueue(input), defaultSettings: () => toJobSettings(settings) });
  const say = (line: string) => {
    if (!quiet) io.stderr.write(line + '\n');
  };
  scheduler.onDidRun((run) => {
    say(`schedule ${run.scheduleName} (${run.reason}): ${runSummary(run)}`);
    for (const line of problemLines(run)) say(`  ${line}`);
  });
  scheduler.onDidFail(({ schedule, error }) => io.stderr.write(`schedule ${schedule} failed: ${error.message}\n`));
  for (const s of scheduler.store.list()) {
    if (!s.enabled) continue;
    say(s.onChange ? `schedule ${s.name}: watching ${s.folder}` : `schedule ${s.name}: next run ${describeNext(s)}`);
  }
  void scheduler.start().catch((error: unknown) => io.stderr.write(`schedules stopped: ${(error as Error).message}\n`));
  return { stop: () => scheduler.stop() };
}
