import type { EngineSettings } from '../../electron/core/config/settings.js';
import type { LoadedSpec } from '../../electron/core/spec/read-spec.js';
import { courseSpecSchema, type CourseSpecInput } from '../../electron/core/spec/spec-schema.js';

export function specOf(input: Partial<CourseSpecInput> & { title: string }): LoadedSpec {
  const spec = courseSpecSchema.parse({ language: 'Spanish', level: 'A2', lessons: 3, ...input });
  return { file: `${input.title}.course.yaml`, source: JSON.stringify(input), spec };
}

export function settingsFor(outDir: string, overrides: Partial<EngineSettings> = {}): EngineSettings {
  return {
    provider: 'openai',
    model: 'test-model',
    apiKey: 'sk-test-not-a-real-key',
    concurrency: 4,
    lessonConcurrency: 4,
    maxInFlightRequests: 8,
    outDir,
    demoDelayMs: 0,
    maxAttempts: 6,
    requestTimeoutMs: 10_000,
    ...overrides,
  };
}
