import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import OpenAI from 'openai';
import { describeBaseUrl, resolveSettings, type EngineSettings } from '../../core/config/settings.js';
import { DATA_DIR_OPTION, dataDirFrom } from '../open-queue.js';
import { toProviderError } from '../../core/providers/openai-provider.js';
import { VERSION } from '../../shared/version.js';
import { EXIT, type CliIo } from '../cli-io.js';
import { parseCommandArgs, SETTINGS_OPTIONS, settingsInput } from '../parse-flags.js';

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The seed's "config check", done right: what will be used, and whether it can work. */
export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('doctor', args, { ...SETTINGS_OPTIONS, ...DATA_DIR_OPTION, offline: { type: 'boolean' } });
  const dataDir = dataDirFrom(values, io);
  const { settings, notices } = resolveSettings(settingsInput(values), io.env, io.cwd);
  const out = (line: string) => io.stdout.write(line + '\n');

  out(`FluentPro ${VERSION} (Node ${process.versions.node}, ${process.platform}/${process.arch})`);
  out('');
  out('Configuration');
  out(`  provider            ${settings.provider}`);
  if (settings.provider === 'openai') {
    out(`  model               ${settings.model}`);
    out(`  base URL            ${describeBaseUrl(settings.baseURL)}`);
    out(`  API key             ${io.env.OPENAI_API_KEY ? 'set (OPENAI_API_KEY)' : 'not set'}`);
  }
  out(`  concurrency         ${settings.concurrency} courses`);
  out(`  lesson concurrency  ${settings.lessonConcurrency} lessons per course`);
  out(`  max requests        ${settings.maxInFlightRequests} open at once`);
  out(`  output folder       ${settings.outDir}`);
  out(`  data folder         ${dataDir}`);
  for (const notice of notices) out(`  note: ${notice}`);
  out('');

  const checks: Check[] = [
    nodeCheck(),
    await folderCheck('output folder', settings.outDir),
    await folderCheck('data folder', dataDir),
    ...(settings.provider === 'openai' && !values.offline ? [await serverCheck(settings)] : []),
  ];
  out('Checks');
  for (const c of checks) out(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  out('');
  out(failed ? `${failed} check${failed > 1 ? 's' : ''} failed.` : 'Everything looks right.');
  return failed ? EXIT.failed : EXIT.ok;
}

function nodeCheck(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  return { name: 'Node.js', ok: major >= 20, detail: major >= 20 ? `${process.versions.node}` : `${process.versions.node} is too old: install Node 20 or newer` };
}

/** The folder, or the nearest folder above it that exists, must be writable. */
async function folderCheck(name: string, outDir: string): Promise<Check> {
  let folder = outDir;
  for (;;) {
    try {
      const info = await stat(folder);
      if (!info.isDirectory()) return { name, ok: false, detail: `${folder} is a file, not a folder: choose another one` };
      await access(folder, constants.W_OK);
      return { name, ok: true, detail: folder === outDir ? `${outDir} is writable` : `${outDir} will be created in ${folder}` };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(folder) !== folder) {
        folder = dirname(folder);
        continue;
      }
      return { name, ok: false, detail: `${folder} is not writable (${code}): choose another one` };
    }
  }
}

async function serverCheck(settings: EngineSettings): Promise<Check> {
  const client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, maxRetries: 0, timeout: 10_000 });
  try {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    const known = models.includes(settings.model);
    return {
      name: 'server',
      ok: known || models.length === 0,
      detail: known || models.length === 0 ? `answers; model ${settings.model} ${known ? 'is available' : 'not listed (the server lists no models)'}` : `answers, but has no model "${settings.model}" (it has: ${models.slice(0, 8).join(', ')}): set --model`,
    };
  } catch (error) {
    return { name: 'server', ok: false, detail: toProviderError(error).message };
  }
}
