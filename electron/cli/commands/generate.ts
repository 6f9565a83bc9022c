import { resolve } from 'node:path';
import { resolveSettings, toJobSettings } from '../../core/config/settings.js';
import { checkSpecFile, type LoadedSpec } from '../../core/spec/read-spec.js';
import { formatSpecProblems } from '../../core/spec/spec-error.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { DATA_DIR_OPTION, openQueue } from '../open-queue.js';
import { parseCommandArgs, SETTINGS_OPTIONS, settingsInput } from '../parse-flags.js';
import { createProgressView } from '../progress-view.js';
import { runQueue } from '../run-queue.js';
import { batchRequested } from '../batch-mode.js';

export async function generateCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('generate', args, { ...SETTINGS_OPTIONS, ...DATA_DIR_OPTION, json: { type: 'boolean' }, force: { type: 'boolean' }, batch: { type: 'boolean' }, 'batch-repairs': { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('name at least one spec file', 'generate');
  const repairsWhere = values['batch-repairs'];
  if (repairsWhere !== undefined && repairsWhere !== 'live' && repairsWhere !== 'batch') {
    throw new UsageError(`--batch-repairs takes "live" or "batch", got "${repairsWhere}"`, 'generate');
  }
  const { settings, notices } = resolveSettings(settingsInput(values), io.env, io.cwd);
  for (const notice of notices) io.stderr.write(`note: ${notice}\n`);

  // Check every spec before spending anything: one typo should not cost a half-finished batch.
  const loaded: (LoadedSpec & { typed: string })[] = [];
  let invalid = 0;
  for (const file of positionals) {
    const check = await checkSpecFile(resolve(io.cwd, file));
    if (check.ok) loaded.push({ ...check.loaded, typed: file });
    else {
      invalid++;
      io.stderr.write(formatSpecProblems(file, check.error.problems) + '\n');
    }
  }
  if (invalid) {
    io.stderr.write(`${invalid} spec file${invalid > 1 ? 's have' : ' has'} problems; nothing was generated.\n`);
    return EXIT.usage;
  }

  const { store } = openQueue(values, io);
  try {
    let batch = batchRequested(values.batch, io.env);
    if (batch && settings.provider === 'demo') {
      io.stderr.write('note: the demo provider has no Batch API; the live path is used\n');
      batch = false;
    }
    const jobSettings = { ...toJobSettings(settings), ...(batch ? { mode: 'batch' as const, ...(repairsWhere === 'live' ? { batchRepairs: 'live' as const } : {}) } : {}) };
    const ids = new Set<string>();
    const typed = new Map<string, string>(); // job id → the path as the user typed it
    for (const spec of loaded) {
      const { job, reused } = store.enqueue({ spec: spec.spec, source: spec.source, specPath: spec.file, settings: jobSettings, force: values.force });
      ids.add(job.id);
      typed.set(job.id, spec.typed);
      if (reused && !values.json) io.stderr.write(`${spec.typed} is already ${job.state} as job ${job.id}; following it (use --force for a new job)\n`);
    }
    if (batch) {
      const queued = [...ids].filter((id) => store.get(id)?.state === 'queued');
      const { runBatchJobs } = await import('../batch-jobs.js');
      const result = await runBatchJobs({ store, settings, jobIds: queued, env: io.env, signal, say: (line) => values.json || io.stderr.write(`${line}\n`) });
      if (result.outcome === 'unsupported') io.stderr.write(`note: ${result.message}\n`);
      else if (result.outcome === 'interrupted') {
        io.stderr.write(`stopped; the batch goes on at the provider: "fluentpro generate --batch" with the same specs, or "fluentpro run", picks up its answers\n`);
        return EXIT.interrupted;
      }
    }
    const view = createProgressView(io.stdout, values.json ? 'json' : 'auto');
    // Live jobs, and batch jobs whose provider has no Batch API (they are still queued).
    const { interrupted } = await runQueue({ store, settings, view, onlyJobIds: ids, signal });
    const jobs = [...ids].map((id) => store.get(id)!);
    if (interrupted) {
      const left = jobs.filter((j) => j.state === 'queued' || j.state === 'running').length;
      io.stderr.write(`stopped; ${left} job${left === 1 ? '' : 's'} left in the queue with their finished steps: "fluentpro run" resumes them\n`);
      return EXIT.interrupted;
    }
    const failed = jobs.filter((j) => j.state !== 'succeeded');
    if (!values.json) {
      // A course written without its audio is still written: say why, and how to add it.
      for (const j of jobs) for (const line of store.logs(j.id)) if (line.level === 'warn' && /\baudio\b/.test(line.message)) io.stderr.write(`warning: ${typed.get(j.id)} (job ${j.id}): ${line.message}\n`);
      io.stderr.write(`${jobs.length - failed.length} of ${jobs.length} course${jobs.length > 1 ? 's' : ''} written to ${settings.outDir}\n`);
      for (const j of failed) io.stderr.write(`${j.state}: ${typed.get(j.id)} (job ${j.id}): ${j.error ?? j.state}\n`);
    }
    return failed.length ? EXIT.failed : EXIT.ok;
  } finally {
    store.close();
  }
}
