import type { EngineSettings } from '../config/settings.js';
import type { Course, Usage } from '../course/course-schema.js';
import { assembleCourse } from '../output/assemble-course.js';
import { writeCourse } from '../output/write-course.js';
import type { LlmProvider } from '../providers/provider.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import type { RequestPermits } from '../workflow/request-gate.js';
import { generateCourse, type GenerateOptions } from '../workflow/generate-course.js';
import { DEFAULT_RETRY_POLICY } from '../workflow/retry-policy.js';
import { VERSION } from '../../shared/version.js';
import { addUsage, noUsage } from '../workflow/step-answer.js';

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
  /** Saves what has arrived of an unfinished step (see GenerateOptions). */
  onDraft?: GenerateOptions['onDraft'];
  /** Told of every answer the provider sent, the moment it arrives (what it was paid). */
  onAnswered?: GenerateOptions['onAnswered'];
  /**
   * What earlier runs of this job paid, every answer counted (the job's usage when it was
   * claimed). With it, the course's usage is that plus every answer of this run, requests whose
   * step was never finished included; without it, the sum of the steps' usage.
   */
  usageBefore?: Usage;
  /** The job writing the course: names its temporary folder and marks the course folder as its own. */
  jobId?: string;
}

/** One job from spec to folder on disk: generate, assemble and check, write atomically. */
export async function produceCourse(spec: CourseSpec, options: ProduceOptions): Promise<{ course: Course; outputPath: string }> {
  const paid = noUsage();
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
    onDraft: options.onDraft,
    onAnswered: (usage) => {
      addUsage(paid, usage);
      options.onAnswered?.(usage);
    },
  });
  let usage = content.usage;
  if (options.usageBefore) {
    usage = { ...options.usageBefore };
    addUsage(usage, paid);
  }
  const course = assembleCourse({
    spec,
    outline: content.outline,
    lessons: content.lessons,
    repairs: content.repairs,
    usage,
    provider: { name: options.provider.name, model: options.provider.model, demo: options.provider.demo },
    version: VERSION,
  });
  const outputPath = await writeCourse(course, options.settings.outDir, { jobId: options.jobId });
  return { course, outputPath };
}
