import type { JobSettings } from '../../electron/shared/jobs.js';
import type { EnqueueInput } from '../../electron/core/store/job-store.js';
import { specOf } from './engine-fixtures.js';

export function jobSettings(outDir: string, overrides: Partial<JobSettings> = {}): JobSettings {
  return { provider: 'demo', model: 'demo', lessonConcurrency: 4, outDir, demoDelayMs: 5, maxRequestAttempts: 6, requestTimeoutMs: 10_000, ...overrides };
}

export function enqueueInput(title: string, outDir: string, options: { lessons?: number; settings?: Partial<JobSettings>; force?: boolean } = {}): EnqueueInput {
  const loaded = specOf({ title, lessons: options.lessons ?? 2 });
  return { spec: loaded.spec, source: loaded.source, specPath: loaded.file, settings: jobSettings(outDir, options.settings), force: options.force };
}
