import { describeBaseUrl, resolveSettings } from '../../core/config/settings.js';
import { byBatchProvider } from '../../core/store/batch-mode-jobs.js';
import { InvalidTransitionError, type HeldJob } from '../../core/store/job-store.js';
import { batchWaitNote, JOB_STATES, rateLimitNote, type JobState, type JobSummary } from '../../shared/jobs.js';
import { formatUsd, jobCostUsd } from '../../shared/pricing.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { DATA_DIR_OPTION, findJob, openQueue } from '../open-queue.js';
import { parseCommandArgs, SETTINGS_OPTIONS, settingsInput } from '../parse-flags.js';
import { createProgressView } from '../progress-view.js';
import { runQueue } from '../run-queue.js';
import { queuedBatchJobs } from '../batch-mode.js';
import { BatchPoller } from '../../core/batch/batch-poller.js';
import { QueuePauseStore } from '../../core/store/queue-pause.js';
import { describeUntil } from './pause.js';
import { startSchedules } from './schedule.js';

/** fluentpro run [--watch]: work the whole queue (the app does the same). */
export async function runCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('run', args, { ...SETTINGS_OPTIONS, ...DATA_DIR_OPTION, watch: { type: 'boolean' }, json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`run takes no files (got ${positionals.join(' ')}); use "fluentpro generate" to add specs`, 'run');
  const { settings } = resolveSettings(settingsInput(values), io.env, io.cwd);
  const { store, dataDir } = openQueue(values, io);
  try {
    if (!values.json) io.stderr.write(`working the queue in ${dataDir}${values.watch ? ' (Ctrl-C to stop)' : ''}\n`);
    const pause = new QueuePauseStore(store.db).get();
    if (pause && !values.json) io.stderr.write(`the queue is paused until ${describeUntil(pause)}: jobs wait until then ("fluentpro resume" to start now)\n`);
    // Batch-mode jobs (generate --batch) resume polling their batches here, in this process.
    const { mine: batchIds, others } = byBatchProvider(store.db, queuedBatchJobs(store), settings);
    if (others.length && !values.json) {
      const where = [...new Set(others.map((o) => (o.provider === 'demo' ? 'demo' : describeBaseUrl(o.provider))))].join(', ');
      io.stderr.write(`${others.length} batch job${others.length === 1 ? ' was' : 's were'} queued for another provider (${where}): run with that --base-url to work ${others.length === 1 ? 'it' : 'them'}\n`);
    }
    if (batchIds.length) {
      const { runBatchJobs } = await import('../batch-jobs.js');
      const result = await runBatchJobs({ store, settings, jobIds: batchIds, env: io.env, signal, say: (line) => values.json || io.stderr.write(`${line}\n`) });
      if (result.outcome === 'unsupported') io.stderr.write(`note: ${result.message}\n`);
      if (result.outcome === 'interrupted') return EXIT.interrupted;
    }
    const { interrupted } = await runQueue({
      store,
      settings,
      view: createProgressView(io.stdout, values.json ? 'json' : 'auto'),
      watch: values.watch,
      // --watch also fires the schedules and watches their folders, and works the batch-mode
      // jobs they (or another process) queue: the live queue never runs those.
      alongside: values.watch
        ? (orchestrator) => {
            const schedules = startSchedules(store, orchestrator, settings, io, values.json === true);
            const batches = new BatchPoller({ store, settings: () => settings, onError: (error) => io.stderr.write(`batch poll failed (tried again shortly): ${error.message}\n`) });
            batches.start();
            return { stop: async () => (await schedules.stop(), await batches.stop()) };
          }
        : undefined,
      signal,
      onWaiting: (held) => {
        if (!values.json) io.stderr.write(`${describeWaiting(held)}\n`);
      },
    });
    if (!values.json) io.stderr.write(`${queueSummary(store.counts())}\n`);
    if (interrupted) return values.watch ? EXIT.ok : EXIT.interrupted;
    return EXIT.ok;
  } finally {
    store.close();
  }
}

/** "queue: 0 queued, 0 running, 3 succeeded, 0 failed, 0 cancelled": every state, in life-cycle order. */
export function queueSummary(counts: Record<JobState, number>): string {
  return `queue: ${JOB_STATES.map((state) => `${counts[state]} ${state}`).join(', ')}`;
}

/** "waiting for 2 jobs that another process runs (pid 4242 on studio.local): Alpha, Bravo; …" */
function describeWaiting(held: HeldJob[]): string {
  const byProcess = new Map<string, string[]>();
  for (const { job, pid, hostname } of held) {
    const who = pid === undefined ? 'a process that stopped' : `pid ${pid} on ${hostname}`;
    byProcess.set(who, [...(byProcess.get(who) ?? []), `${job.title} (${job.id})`]);
  }
  const parts = [...byProcess].map(([who, titles]) => `${who}: ${titles.join(', ')}`);
  const count = `${held.length} job${held.length === 1 ? '' : 's'}`;
  return `waiting for ${count} that another process runs (${parts.join('; ')}); taken over here if it stops`;
}

/** fluentpro jobs [--state S] [--json] */
export async function jobsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('jobs', args, { ...DATA_DIR_OPTION, state: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}`, 'jobs');
  if (values.state !== undefined && !(JOB_STATES as readonly string[]).includes(values.state)) {
    throw new UsageError(`--state must be one of ${JOB_STATES.join(', ')}, got "${values.state}"`, 'jobs');
  }
  const { store } = openQueue(values, io);
  try {
    const jobs = store.list({ state: values.state as JobState | undefined });
    if (values.json) {
      io.stdout.write(JSON.stringify(jobs, null, 2) + '\n');
      return EXIT.ok;
    }
    if (!jobs.length) {
      io.stdout.write(values.state ? `no ${values.state} jobs\n` : 'the queue is empty: add specs with "fluentpro generate <spec>"\n');
      return EXIT.ok;
    }
    io.stdout.write(`${'ID'.padEnd(9)}${'STATE'.padEnd(11)}${'LESSONS'.padEnd(9)}${'TOKENS'.padStart(8)}${'COST'.padStart(8)}  TITLE\n`);
    for (const j of jobs) io.stdout.write(jobLine(j) + '\n');
    return EXIT.ok;
  } finally {
    store.close();
  }
}

function jobLine(j: JobSummary): string {
  const tokens = j.usage.promptTokens + j.usage.completionTokens;
  // What the Batch API answered is at the batch price (half).
  const cost = formatUsd(jobCostUsd(j));
  const waiting = rateLimitNote(j, Date.now()) ?? batchWaitNote(j);
  const note = j.state === 'failed' && j.error ? `  — ${j.error.slice(0, 80)}` : j.cancelRequested ? '  — cancelling' : waiting ? `  — ${waiting}` : '';
  return `${j.id.padEnd(9)}${j.state.padEnd(11)}${`${j.lessonsDone}/${j.lessonsTotal}`.padEnd(9)}${String(tokens).padStart(8)}${cost.padStart(8)}  ${j.title}${note}`;
}

/** fluentpro cancel <id...> */
export async function cancelCommand(args: string[], io: CliIo): Promise<number> {
  return eachJob('cancel', args, io, (store, job) => {
    const after = store.requestCancel(job.id);
    return after.state === 'cancelled' ? `cancelled ${job.id} (${job.title})` : `cancelling ${job.id} (${job.title}): it stops within seconds; its finished lessons are kept`;
  });
}

/** fluentpro retry <id...> */
export async function retryCommand(args: string[], io: CliIo): Promise<number> {
  return eachJob('retry', args, io, (store, job) => {
    store.retry(job.id);
    return `queued ${job.id} (${job.title}) again; it resumes from its finished steps when the queue runs ("fluentpro run", or the app)`;
  });
}

/** fluentpro logs <id> */
export async function logsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('logs', args, { ...DATA_DIR_OPTION, json: { type: 'boolean' } });
  const { store } = openQueue(values, io);
  try {
    const job = findJob(store, positionals[0], 'logs');
    const lines = store.logs(job.id);
    if (values.json) io.stdout.write(JSON.stringify(lines, null, 2) + '\n');
    else for (const l of lines) io.stdout.write(`${l.at}  ${l.level.padEnd(5)}  ${l.message}\n`);
    return EXIT.ok;
  } finally {
    store.close();
  }
}

async function eachJob(command: string, args: string[], io: CliIo, act: (store: ReturnType<typeof openQueue>['store'], job: JobSummary) => string): Promise<number> {
  const { values, positionals } = parseCommandArgs(command, args, DATA_DIR_OPTION);
  if (!positionals.length) throw new UsageError('name a job id (see "fluentpro jobs")', command);
  const { store } = openQueue(values, io);
  let failures = 0;
  try {
    for (const id of positionals) {
      const job = findJob(store, id, command);
      try {
        io.stdout.write(act(store, job) + '\n');
      } catch (error) {
        if (!(error instanceof InvalidTransitionError)) throw error;
        failures++;
        io.stderr.write(`fluentpro ${command}: ${error.message}\n`);
      }
    }
  } finally {
    store.close();
  }
  return failures ? EXIT.failed : EXIT.ok;
}
