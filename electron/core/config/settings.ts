import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { PROVIDER_NAMES, type ProviderName } from '../providers/provider.js';
import type { JobSettings, JobSpeechSettings } from '../../shared/jobs.js';
import { SPEECH_ENGINE_NAMES, type SpeechEngineName } from '../speech/speech-engine.js';

/** Everything that decides how courses are generated. The API key is held here only in memory. */
export interface EngineSettings {
  /** "openai" (any OpenAI-compatible server) or "demo" (offline sample content). */
  provider: ProviderName;
  /** Model name sent to the provider. Default "gpt-4o-mini". */
  model: string;
  /** OpenAI-compatible base URL; undefined means OpenAI's own. */
  baseURL?: string;
  apiKey?: string;
  /** Jobs run at once. Default 4. */
  concurrency: number;
  /** Lessons of one job written at once. Default 4. */
  lessonConcurrency: number;
  /** LLM requests open at once across all jobs: the ceiling of the adaptive limit. Default 8. */
  maxInFlightRequests: number;
  /**
   * The provider's requests per minute, set by hand (`--rpm`, `FLUENTPRO_RPM`) for providers that
   * send no `x-ratelimit-*` headers, or to keep part of a shared key free. When the provider also
   * reports one, the lower counts. Default: none (learned from the headers).
   */
  rpm?: number;
  /** The provider's tokens per minute, set by hand (`--tpm`, `FLUENTPRO_TPM`); as `rpm`. Default: none. */
  tpm?: number;
  /** Where finished courses are written. */
  outDir: string;
  /** The demo provider's pretend latency per request. Default 300 ms. */
  demoDelayMs: number;
  /** Attempts per request for transient failures (429, 5xx, timeouts). Default 6. */
  maxAttempts: number;
  /** A request open longer than this is abandoned and retried. Default 120 s. */
  requestTimeoutMs: number;
  /**
   * The speech step: the engine that speaks each course's terms, examples and lines. Default
   * macos on a Mac, espeak-ng elsewhere when it is installed, else none (no audio). Absent: none.
   */
  speech?: JobSpeechSettings;
}

export const DEFAULTS = {
  model: 'gpt-4o-mini',
  concurrency: 4,
  lessonConcurrency: 4,
  maxInFlightRequests: 8,
  demoDelayMs: 300,
  maxAttempts: 6,
  requestTimeoutMs: 120_000,
} as const;

/** Bad settings: the message names the flag or variable and what it accepts. */
export class SettingsError extends Error {
  readonly code = 'SETTINGS_INVALID';
  constructor(message: string) {
    super(message);
    this.name = this.constructor.name;
  }
}

export interface SettingsInput {
  provider?: string;
  model?: string;
  baseURL?: string;
  apiKey?: string;
  concurrency?: string | number;
  lessonConcurrency?: string | number;
  maxInFlightRequests?: string | number;
  rpm?: string | number;
  tpm?: string | number;
  outDir?: string;
  demoDelayMs?: string | number;
  /** macos, openai, espeak-ng or none. */
  speech?: string;
  /** --no-audio: the same as --speech none. */
  noAudio?: boolean;
  voice?: string;
  speechModel?: string;
}

export interface ResolvedSettings {
  settings: EngineSettings;
  /** Things the user should be told (e.g. that the demo provider is used for lack of a key). */
  notices: string[];
}

/**
 * Flags win over the environment, the environment over defaults. Without a provider named and
 * without an API key, the demo provider is chosen and a notice says so.
 */
export function resolveSettings(flags: SettingsInput, env: NodeJS.ProcessEnv, cwd: string): ResolvedSettings {
  const notices: string[] = [];
  const apiKey = flags.apiKey ?? nonEmpty(env.OPENAI_API_KEY);
  const baseURL = flags.baseURL ?? nonEmpty(env.OPENAI_BASE_URL);
  let provider = (flags.provider ?? nonEmpty(env.FLUENTPRO_PROVIDER)) as string | undefined;
  if (provider !== undefined && !(PROVIDER_NAMES as readonly string[]).includes(provider)) {
    throw new SettingsError(`--provider must be one of ${PROVIDER_NAMES.join(', ')}, got "${provider}"`);
  }
  if (!provider) {
    provider = apiKey ? 'openai' : 'demo';
    if (!apiKey) notices.push('No API key found (OPENAI_API_KEY): using the offline demo provider, which writes sample content.');
  }
  if (provider === 'openai' && !apiKey && !baseURL) {
    throw new SettingsError('the openai provider needs an API key: set OPENAI_API_KEY, or use --provider demo');
  }
  if (baseURL !== undefined) checkUrl(baseURL);
  const settings: EngineSettings = {
    provider: provider as ProviderName,
    model: flags.model ?? nonEmpty(env.OPENAI_MODEL) ?? DEFAULTS.model,
    baseURL,
    // Local servers (Ollama, LM Studio) need no key, but the SDK insists on one.
    apiKey: apiKey ?? (provider === 'openai' ? 'not-needed' : undefined),
    concurrency: wholeNumber('--concurrency', flags.concurrency ?? env.FLUENTPRO_CONCURRENCY, DEFAULTS.concurrency, 1, 64),
    lessonConcurrency: wholeNumber('--lesson-concurrency', flags.lessonConcurrency ?? env.FLUENTPRO_LESSON_CONCURRENCY, DEFAULTS.lessonConcurrency, 1, 64),
    maxInFlightRequests: wholeNumber('--max-requests', flags.maxInFlightRequests ?? env.FLUENTPRO_MAX_REQUESTS, DEFAULTS.maxInFlightRequests, 1, 256),
    ...optionalLimit('rpm', '--rpm', flags.rpm ?? env.FLUENTPRO_RPM),
    ...optionalLimit('tpm', '--tpm', flags.tpm ?? env.FLUENTPRO_TPM),
    outDir: resolveOutDir(flags.outDir, env, cwd),
    demoDelayMs: wholeNumber('--demo-delay', flags.demoDelayMs ?? env.FLUENTPRO_DEMO_DELAY_MS, DEFAULTS.demoDelayMs, 0, 60_000),
    maxAttempts: DEFAULTS.maxAttempts,
    requestTimeoutMs: DEFAULTS.requestTimeoutMs,
    speech: resolveSpeech(flags, env, notices),
  };
  return { settings, notices };
}

/**
 * The speech engine: --no-audio, else --speech, else $FLUENTPRO_SPEECH, else the default for this
 * machine (with a notice when that is none). A voice and model come from the flags or
 * $FLUENTPRO_VOICE / $FLUENTPRO_SPEECH_MODEL.
 */
export function resolveSpeech(flags: Pick<SettingsInput, 'speech' | 'noAudio' | 'voice' | 'speechModel'>, env: NodeJS.ProcessEnv, notices: string[], platform = process.platform): JobSpeechSettings {
  const named = flags.noAudio ? 'none' : (flags.speech ?? nonEmpty(env.FLUENTPRO_SPEECH));
  if (named !== undefined && !(SPEECH_ENGINE_NAMES as readonly string[]).includes(named)) {
    throw new SettingsError(`--speech / FLUENTPRO_SPEECH must be one of ${SPEECH_ENGINE_NAMES.join(', ')}, got "${named}"`);
  }
  const engine = (named as SpeechEngineName | undefined) ?? defaultSpeech(env, platform);
  if (named === undefined && engine === 'none') notices.push('No speech engine here (espeak-ng is not installed): courses are written without audio. Install espeak-ng, or choose --speech openai.');
  const explicit = flags.noAudio || flags.speech !== undefined ? { explicit: true as const } : {};
  if (engine === 'none') return { engine, ...explicit };
  const voice = flags.voice ?? nonEmpty(env.FLUENTPRO_VOICE);
  const model = flags.speechModel ?? nonEmpty(env.FLUENTPRO_SPEECH_MODEL);
  return { engine, ...(voice ? { voice } : {}), ...(model && engine === 'openai' ? { model } : {}), ...explicit };
}

/** macos on a Mac; espeak-ng elsewhere when it is on PATH; else none. */
export function defaultSpeech(env: NodeJS.ProcessEnv = process.env, platform = process.platform): SpeechEngineName {
  if (platform === 'darwin') return 'macos';
  return onPath('espeak-ng', env) ? 'espeak-ng' : 'none';
}

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The base URL without user info, query or fragment: safe to print. */
export function describeBaseUrl(baseURL: string | undefined): string {
  if (!baseURL) return 'https://api.openai.com/v1 (default)';
  const url = new URL(baseURL);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.toString();
}

/** The output folder: the flag, else $FLUENTPRO_OUT_DIR, else ./courses. */
export function resolveOutDir(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, flag ?? nonEmpty(env.FLUENTPRO_OUT_DIR) ?? 'courses');
}

/** Default data folder, shared by the app and the CLI. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.FLUENTPRO_DATA_DIR) return resolve(env.FLUENTPRO_DATA_DIR);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'FluentPro');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'fluentpro');
}

function wholeNumber(name: string, raw: string | number | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** A per-minute limit set by hand: absent, or a whole number from 1 to 100,000,000. */
function optionalLimit(key: 'rpm' | 'tpm', name: string, raw: string | number | undefined): Partial<Pick<EngineSettings, 'rpm' | 'tpm'>> {
  if (raw === undefined || raw === '') return {};
  return { [key]: wholeNumber(name, raw, 0, 1, 100_000_000) };
}

function checkUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new SettingsError(`--base-url / OPENAI_BASE_URL must be a URL like http://localhost:11434/v1, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SettingsError(`--base-url must start with http:// or https://, got "${value}"`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}

/** What a job keeps of the settings it was enqueued with: everything but the key. */
export function toJobSettings(settings: EngineSettings): JobSettings {
  return {
    provider: settings.provider,
    model: settings.provider === 'demo' ? 'demo' : settings.model,
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    lessonConcurrency: settings.lessonConcurrency,
    outDir: settings.outDir,
    demoDelayMs: settings.demoDelayMs,
    maxRequestAttempts: settings.maxAttempts,
    requestTimeoutMs: settings.requestTimeoutMs,
    ...(settings.speech ? { speech: settings.speech } : {}),
  };
}
