import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SettingsInput } from '../core/config/settings.js';
import { UsageError } from './cli-io.js';

export const SETTINGS_OPTIONS = {
  provider: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  out: { type: 'string' },
  concurrency: { type: 'string' },
  'lesson-concurrency': { type: 'string' },
  'max-requests': { type: 'string' },
  rpm: { type: 'string' },
  tpm: { type: 'string' },
  'demo-delay': { type: 'string' },
  speech: { type: 'string' },
  'no-audio': { type: 'boolean' },
  voice: { type: 'string' },
  'speech-model': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** parseArgs in strict mode, with its errors turned into UsageErrors that name the command. */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''), command);
  }
}

export function settingsInput(values: Record<string, string | boolean | undefined>): SettingsInput {
  const s = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  return {
    provider: s('provider'),
    model: s('model'),
    baseURL: s('base-url'),
    outDir: s('out'),
    concurrency: s('concurrency'),
    lessonConcurrency: s('lesson-concurrency'),
    maxInFlightRequests: s('max-requests'),
    rpm: s('rpm'),
    tpm: s('tpm'),
    demoDelayMs: s('demo-delay'),
    speech: s('speech'),
    noAudio: values['no-audio'] === true,
    voice: s('voice'),
    speechModel: s('speech-model'),
  };
}
