import type { EngineSettings } from '../config/settings.js';
import type { Course } from '../course/course-schema.js';
import { assembleCourse } from '../output/assemble-course.js';
import { writeCourse } from '../output/write-course.js';
import type { LlmProvider } from '../providers/provider.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import type { RequestPermits } from '../workflow/request-gate.js';
import { generateCourse, type GenerateOptions } from '../workflow/generate-course.js';
import { DEFAULT_RETRY_POLICY } from '../workflow/retry-policy.js';
import { VERSION } from '../../shared/version.js';

export interface ProduceOptions {
  provider: LlmProvider;
  permits: RequestPermits;
  settings: Pick<EngineSettings, 'lessonConcurrency' | 'outDir' | 'maxAttempts'>;
  priority: number;
  signal?: AbortSignal;
  checkpoints?: GenerateOptions['checkpoints'];
  onEvent?: GenerateOptions['onEvent'];
  /** Told before each wait for the provider's rate limit (for the job's log). */
  onRateLimitWait?: GenerateOptions['onRateLimitWait'];
  /** Told when the provider refuses in a way that stops every job (no credit left). */
  onProviderStop?: GenerateOptions['onProviderStop'];
}

/** One job from spec to folder on disk: generate, assemble and check, write atomically. */
export async function produceCourse(spec: CourseSpec, options: ProduceOptions): Promise<{ course: Course; outputPath: string }> {
  const content = await generateCourse(spec, {
    provider: options.provider,
    permits: options.permits,
    retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: options.settings.maxAttempts },
    priority: options.priority,
    signal: options.signal,
    lessonConcurrency: options.settings.lessonConcurrency,
    checkpoints: options.checkpoints,
    onEvent: options.onEvent,
    onRateLimitWait: options.onRateLimitWait,
    onProviderStop: options.onProviderStop,
  });
  const course = assembleCourse({
    spec,
    outline: content.outline,
    lessons: content.lessons,
    repairs: content.repairs,
    usage: content.usage,
    provider: { name: options.provider.name, model: options.provider.model, demo: options.provider.demo },
    version: VERSION,
  });
  const outputPath = await writeCourse(course, options.settings.outDir);
  return { course, outputPath };
}
