import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describeBaseUrl, resolveSettings, type EngineSettings } from '../../core/config/settings.js';
import { DATA_DIR_OPTION, dataDirFrom } from '../open-queue.js';
import { localServerOf } from '../../core/providers/local-servers.js';
import { readRateLimitHeaders } from '../../core/pacing/rate-limit-headers.js';
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
    const local = localServerOf(settings.baseURL);
    if (local) out(`  server              ${local.name} on this machine: requests start one at a time and grow while answers come back`);
    if (settings.rpm || settings.tpm) out(`  limits set by hand  ${describeLimits(settings.rpm, settings.tpm)}`);
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
    ...(settings.provider === 'openai' && !values.offline ? [await serverCheck(settings), await limitsCheck(settings)] : []),
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

/** The OpenAI SDK and FluentPro's reading of its errors: loaded only when doctor asks the server (not offline, not for the demo provider). */
async function loadOpenAi() {
  const [{ default: OpenAI }, { toProviderError }] = await Promise.all([import('openai'), import('../../core/providers/openai-provider.js')]);
  return { OpenAI, toProviderError };
}

async function serverCheck(settings: EngineSettings): Promise<Check> {
  const { OpenAI, toProviderError } = await loadOpenAi();
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

function describeLimits(rpm: number | undefined, tpm: number | undefined): string {
  return [rpm && `${rpm.toLocaleString('en-US')} requests`, tpm && `${tpm.toLocaleString('en-US')} tokens`].filter(Boolean).join(' and ') + ' a minute';
}

/**
 * The limits the provider reports in its x-ratelimit-* headers, read from one request of one
 * token (the headers come only with completions). FluentPro paces to them; without them it
 * paces to --rpm/--tpm, or learns from 429s.
 */
async function limitsCheck(settings: EngineSettings): Promise<Check> {
  const { OpenAI, toProviderError } = await loadOpenAi();
  const client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL, maxRetries: 0, timeout: 30_000 });
  try {
    const { response } = await client.chat.completions
      .create({ model: settings.model, messages: [{ role: 'user', content: 'Say ok.' }], max_completion_tokens: 1 })
      .withResponse();
    const limits = readRateLimitHeaders(response.headers);
    if (limits.limitRequests || limits.limitTokens) {
      return { name: 'provider limits', ok: true, detail: `${describeLimits(limits.limitRequests, limits.limitTokens)} (from its x-ratelimit headers); FluentPro paces to them` };
    }
    const byHand = settings.rpm || settings.tpm ? `; FluentPro paces to ${describeLimits(settings.rpm, settings.tpm)} set by hand` : '; if it has limits, set them with --rpm/--tpm';
    return { name: 'provider limits', ok: true, detail: `none reported (no x-ratelimit headers)${byHand}` };
  } catch (error) {
    const failure = toProviderError(error);
    // A 429 here is the provider saying it is busy right now: not a configuration problem.
    if (failure.failure === 'rate-limit') return { name: 'provider limits', ok: true, detail: `the provider is at its limit right now (${failure.message}); FluentPro waits when it says so` };
    return { name: 'provider limits', ok: false, detail: failure.message };
  }
}
