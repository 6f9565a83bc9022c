import pLimit from 'p-limit';
import type { EngineSettings } from '../config/settings.js';
import type { LlmProvider } from '../providers/provider.js';
import type { LoadedSpec } from '../spec/read-spec.js';
import { RequestGate } from '../workflow/request-gate.js';
import type { JobEvent } from '../../shared/job-events.js';
import { produceCourse } from './produce-course.js';

export interface CourseRunResult {
  jobId: string;
  file: string;
  ok: boolean;
  outputPath?: string;
  error?: string;
}

export interface RunCoursesOptions {
  settings: EngineSettings;
  provider: LlmProvider;
  onEvent?: (event: JobEvent) => void;
  signal?: AbortSignal;
}

/**
 * Runs specs as jobs in this process: at most `concurrency` jobs at once, and one request gate
 * shared by all of them, so `maxInFlightRequests` holds across the whole run.
 */
export async function runCourses(specs: LoadedSpec[], options: RunCoursesOptions): Promise<CourseRunResult[]> {
  const { settings } = options;
  const gate = new RequestGate({ maxInFlight: settings.maxInFlightRequests });
  const limit = pLimit(settings.concurrency);
  const emit = (event: DistributiveOmit<JobEvent, 'at'>) => options.onEvent?.({ ...event, at: new Date().toISOString() } as JobEvent);

  const jobs = specs.map((loaded, index) => ({ loaded, index, jobId: String(index + 1) }));
  for (const { loaded, jobId } of jobs) emit({ type: 'job-queued', jobId, file: loaded.file, title: loaded.spec.title, lessonsTotal: loaded.spec.lessons });

  return Promise.all(
    jobs.map(({ loaded, index, jobId }) =>
      limit(async (): Promise<CourseRunResult> => {
        if (options.signal?.aborted) {
          emit({ type: 'job-cancelled', jobId });
          return { jobId, file: loaded.file, ok: false, error: 'cancelled' };
        }
        emit({ type: 'job-started', jobId });
        let lessonsDone = 0;
        try {
          const { course, outputPath } = await produceCourse(loaded.spec, {
            provider: options.provider,
            permits: gate,
            settings,
            priority: index,
            signal: options.signal,
            onEvent: (event) => {
              if (event.type === 'step-done' && event.step === 'outline-part' && event.from === 1) emit({ type: 'outline-done', jobId });
              if (event.type === 'step-done' && event.step === 'lesson') {
                emit({ type: 'lesson-done', jobId, lessonNumber: event.lessonNumber, lessonsDone: ++lessonsDone, lessonsTotal: loaded.spec.lessons });
              }
              if (event.type === 'lesson-failed') emit({ type: 'lesson-failed', jobId, lessonNumber: event.lessonNumber, reason: event.reason });
            },
          });
          emit({ type: 'job-succeeded', jobId, outputPath, usage: course.usage });
          return { jobId, file: loaded.file, ok: true, outputPath };
        } catch (error) {
          const reason = (error as Error).message;
          if (options.signal?.aborted) emit({ type: 'job-cancelled', jobId });
          else emit({ type: 'job-failed', jobId, reason });
          return { jobId, file: loaded.file, ok: false, error: reason };
        }
      }),
    ),
  );
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
