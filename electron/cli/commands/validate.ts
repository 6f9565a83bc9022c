import { checkSpecFile } from '../../core/spec/read-spec.js';
import { formatSpecProblems } from '../../core/spec/spec-error.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { parseCommandArgs } from '../parse-flags.js';
import { resolve } from 'node:path';

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('validate', args, { json: { type: 'boolean' } });
  if (positionals.length === 0) throw new UsageError('name at least one spec file', 'validate');
  let invalid = 0;
  for (const file of positionals) {
    const check = await checkSpecFile(resolve(io.cwd, file));
    if (values.json) {
      io.stdout.write(JSON.stringify(check.ok ? { file, ok: true } : { file, ok: false, problems: check.error.problems }) + '\n');
    } else if (check.ok) {
      io.stdout.write(`${file}: ok\n`);
    } else {
      io.stdout.write(formatSpecProblems(file, check.error.problems) + '\n');
    }
    if (!check.ok) invalid++;
  }
  if (!values.json && positionals.length > 1) {
    io.stdout.write(invalid ? `${invalid} of ${positionals.length} specs have problems\n` : `all ${positionals.length} specs are valid\n`);
  }
  return invalid ? EXIT.usage : EXIT.ok;
}
