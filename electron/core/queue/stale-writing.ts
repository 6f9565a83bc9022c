import { sweepStaleWritingFolders } from '../output/write-course.js';
import type { JobStore } from '../store/job-store.js';

/** A temporary course folder of a job this queue does not know is removed only after this long. */
const STALE_UNKNOWN_WRITING_MS = 24 * 60 * 60 * 1000;

/**
 * Removes the temporary course folders (`.fluentpro-writing-<job>`) that runs killed while
 * writing left in the queue's output folders. Only a finished job's is surely stale: a queued job
 * may be writing its course from another process (a batch run), and a folder of a job this queue
 * does not know (another data folder) is left for a day.
 */
export function sweepWritingFoldersOfQueue(store: JobStore): Promise<string[]> {
  return sweepStaleWritingFolders(outputFolders(store), (id, ageMs) => {
    const job = store.get(id);
    return job ? job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled' : ageMs > STALE_UNKNOWN_WRITING_MS;
  });
}

/** Every output folder the queue's course jobs write to. */
function outputFolders(store: JobStore): string[] {
  const rows = store.db.prepare(`SELECT DISTINCT json_extract(settings_json, '$.outDir') AS dir FROM jobs WHERE kind = 'course'`).all() as { dir: unknown }[];
  return rows.flatMap((r) => (typeof r.dir === 'string' && r.dir ? [r.dir] : []));
}
