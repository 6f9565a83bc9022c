import { checkSpecFile, type LoadedSpec } from '../spec/read-spec.js';
import type { SpecError } from '../spec/spec-error.js';
import type { JobSummary } from '../../shared/jobs.js';

/** What became of one spec file: queued (or skipped, when `enqueue` returned nothing), or invalid. */
export type SpecFileResult =
  | { file: string; ok: true; loaded: LoadedSpec; queued?: { job: JobSummary; reused: boolean } }
  | { file: string; ok: false; error: SpecError };

/**
 * Reads and checks each spec file and hands each valid one to `enqueue` (which adds the job with
 * its settings, or returns undefined to skip it). An invalid file is reported and never stops
 * the others. Shared by the app's "add files" and the schedules.
 */
export async function enqueueSpecFiles(files: readonly string[], enqueue: (loaded: LoadedSpec) => { job: JobSummary; reused: boolean } | undefined): Promise<SpecFileResult[]> {
  const results: SpecFileResult[] = [];
  for (const file of files) {
    const check = await checkSpecFile(file);
    if (!check.ok) results.push({ file, ok: false, error: check.error });
    else results.push({ file, ok: true, loaded: check.loaded, queued: enqueue(check.loaded) });
  }
  return results;
}
