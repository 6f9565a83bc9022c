import { resolve } from 'node:path';
import { resolveSettings } from '../../core/config/settings.js';
import { runCourses } from '../../core/engine/run-courses.js';
import { createProvider } from '../../core/providers/create-provider.js';
import { checkSpecFile, type LoadedSpec } from '../../core/spec/read-spec.js';
import { formatSpecProblems } from '../../core/spec/spec-error.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { parseCommandArgs, SETTINGS_OPTIONS, settingsInput } from '../parse-flags.js';
import { createProgressView } from '../progress-view.js';

export async function generateCommand(args: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommandArgs('generate', args, { ...SETTINGS_OPTIONS, json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('name at least one spec file', 'generate');
  const { settings, notices } = resolveSettings(settingsInput(values), io.env, io.cwd);
  for (const notice of notices) io.stderr.write(`note: ${notice}\n`);

  // Check every spec before spending anything: one typo should not cost a half-finished batch.
  const loaded: LoadedSpec[] = [];
  let invalid = 0;
  for (const file of positionals) {
    const check = await checkSpecFile(resolve(io.cwd, file));
    if (check.ok) loaded.push({ ...check.loaded, file });
    else {
      invalid++;
      io.stderr.write(formatSpecProblems(file, check.error.problems) + '\n');
    }
  }
  if (invalid) {
    io.stderr.write(`${invalid} spec file${invalid > 1 ? 's have' : ' has'} problems; nothing was generated.\n`);
    return EXIT.usage;
  }

  const view = createProgressView(io.stdout, values.json ? 'json' : 'auto');
  const results = await runCourses(loaded, { settings, provider: createProvider(settings), onEvent: (e) => view.onEvent(e), signal });
  view.close();
  if (signal?.aborted) return EXIT.interrupted;
  const failed = results.filter((r) => !r.ok);
  if (!values.json) {
    const written = results.length - failed.length;
    io.stderr.write(`${written} of ${results.length} course${results.length > 1 ? 's' : ''} written to ${settings.outDir}\n`);
    for (const f of failed) io.stderr.write(`failed: ${f.file}: ${f.error}\n`);
  }
  return failed.length ? EXIT.failed : EXIT.ok;
}
