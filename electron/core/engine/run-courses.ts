import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import type { EngineSettings } from '../config/settings.js';
import { Admission } from '../pacing/admission.js';
import { initialInFlightFor } from '../providers/local-servers.js';
import type { LlmProvider, ProviderError } from '../providers/provider.js';
import type { LoadedSpec } from '../spec/read-spec.js';
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
  /** The admission to the provider; default a new one from the settings (`maxInFlightRequests`, `rpm`, `tpm`). */
  admission?: Admission;
}

/**
 * Runs specs as jobs in this process: at most `concurrency` jobs at once, and one `Admission`
 * shared by all of them, so `maxInFlightRequests` and the provider's budgets hold across the run.
 * When the provider says the account has no credit left, every job stops at once with that reason.
 */
export async function runCourses(specs: LoadedSpec[], options: RunCoursesOptions): Promise<CourseRunResult[]> {
  const { settings } = options;
  const admission = options.admission ?? new Admission({ maxInFlight: settings.maxInFlightRequests, initialInFlight: initialInFlightFor(settings.baseURL), rpm: settings.rpm, tpm: settings.tpm });
  const limit = pLimit(settings.concurrency);
  const emit = (event: DistributiveOmit<JobEvent, 'at'>) => options.onEvent?.({ ...event, at: new Date().toISOString() } as JobEvent);
  // One stop for every job: no credit left at the provider (insufficient_quota).
  const stop = new AbortController();
  setMaxListeners(0, stop.signal);
  let stopReason: string | undefined;
  const onProviderStop = (error: ProviderError) => {
    stopReason ??= error.message;
    stop.abort(error);
  };
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  setMaxListeners(0, signal);

  const jobs = specs.map((loaded, index) => ({ loaded, index, jobId: String(index + 1) }));
  for (const { loaded, jobId } of jobs) emit({ type: 'job-queued', jobId, file: loaded.file, title: loaded.spec.title, lessonsTotal: loaded.spec.lessons });

  return Promise.all(
    jobs.map(({ loaded, index, jobId }) =>
      limit(async (): Promise<CourseRunResult> => {
        if (stopReason !== undefined) {
          emit({ type: 'job-failed', jobId, reason: stopReason });
          return { jobId, file: loaded.file, ok: false, error: stopReason };
        }
        if (options.signal?.aborted) {
          emit({ type: 'job-cancelled', jobId });
          return { jobId, file: loaded.file, ok: false, error: 'cancelled' };
        }
        emit({ type: 'job-started', jobId });
        let lessonsDone = 0;
        try {
          const { course, outputPath } = await produceCourse(loaded.spec, {
            provider: options.provider,
            permits: admission,
            settings,
            priority: index,
            signal,
            onProviderStop,
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
          const reason = stopReason ?? (error as Error).message;
          if (stopReason === undefined && options.signal?.aborted) emit({ type: 'job-cancelled', jobId });
          else emit({ type: 'job-failed', jobId, reason });
          return { jobId, file: loaded.file, ok: false, error: stopReason === undefined && options.signal?.aborted ? 'cancelled' : reason };
        }
      }),
    ),
  );
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
