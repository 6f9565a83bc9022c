import { useEffect, useMemo, useState } from 'react';
import type { JobSummary } from '../../../../../electron/shared/jobs.js';
import { useApi } from '../../../lib/api-context.js';

export interface JobGroups {
  queued: JobSummary[];
  running: JobSummary[];
  finished: JobSummary[];
}

/** Every job, kept current by the jobsChanged / jobsRemoved events, grouped for the board. */
export function useJobs(): { groups: JobGroups; byId: Map<string, JobSummary>; loaded: boolean; upsert: (jobs: JobSummary[]) => void } {
  const api = useApi();
  const [byId, setById] = useState(() => new Map<string, JobSummary>());
  const [loaded, setLoaded] = useState(false);

  const upsert = (jobs: JobSummary[]) =>
    setById((previous) => {
      const next = new Map(previous);
      for (const job of jobs) next.set(job.id, job);
      return next;
    });

  useEffect(() => {
    let live = true;
    // Subscribe first, then load: a change between the two is not lost.
    const offChanged = api.on('jobsChanged', (jobs) => live && upsert(jobs));
    const offRemoved = api.on('jobsRemoved', (ids) =>
      setById((previous) => {
        const next = new Map(previous);
        for (const id of ids) next.delete(id);
        return next;
      }),
    );
    api.listJobs().then((jobs) => {
      if (!live) return;
      setById((previous) => {
        const next = new Map(jobs.map((j) => [j.id, j]));
        for (const [id, job] of previous) if (!next.has(id) || next.get(id)!.lessonsDone < job.lessonsDone) next.set(id, job);
        return next;
      });
      setLoaded(true);
    });
    return () => {
      live = false;
      offChanged();
      offRemoved();
    };
  }, [api]);

  const groups = useMemo(() => groupJobs(byId), [byId]);
  return { groups, byId, loaded, upsert };
}

export function groupJobs(byId: Map<string, JobSummary>): JobGroups {
  const groups: JobGroups = { queued: [], running: [], finished: [] };
  for (const job of byId.values()) {
    if (job.state === 'queued') groups.queued.push(job);
    else if (job.state === 'running') groups.running.push(job);
    else groups.finished.push(job);
  }
  groups.queued.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  groups.running.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  // Newest first: the course that just finished is the one the author wants to open.
  groups.finished.sort((a, b) => (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''));
  return groups;
}
