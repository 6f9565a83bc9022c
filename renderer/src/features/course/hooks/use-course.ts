import { useCallback, useEffect, useState } from 'react';
import type { CourseDetail } from '../../../../../electron/shared/api.js';
import { useApi } from '../../../lib/api-context.js';

/**
 * A finished job's course: read when the viewer opens it, and again when a lesson of it changes
 * (courseChanged: an edit, an undo, a regeneration that finished, here or in another window).
 * `replace` shows a course the API already returned (an edit's answer) without reading it again.
 */
export function useCourse(jobId: string): { detail?: CourseDetail; error?: string; reload: () => void; replace: (detail: CourseDetail) => void } {
  const api = useApi();
  const [state, setState] = useState<{ detail?: CourseDetail; error?: string }>({});
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((detail: CourseDetail) => setState({ detail }), []);
  useEffect(() => setState({}), [jobId]);
  useEffect(() => {
    let live = true;
    api.getCourse(jobId).then(
      (detail) => live && setState({ detail }),
      (e: Error) => live && setState({ error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, jobId, generation]);
  useEffect(() => api.on('courseChanged', (change) => change.jobIds.includes(jobId) && reload()), [api, jobId, reload]);
  return { ...state, reload, replace };
}

/** Earlier versions of a lesson, newest first; read again when `version` changes (the course was read again). */
export function useLessonHistory(jobId: string, lessonNumber: number | undefined, version: unknown) {
  const api = useApi();
  const [versions, setVersions] = useState<Awaited<ReturnType<typeof api.getLessonHistory>>>([]);
  useEffect(() => {
    let live = true;
    setVersions([]);
    if (lessonNumber === undefined) return;
    api.getLessonHistory(jobId, lessonNumber).then(
      (v) => live && setVersions(v),
      () => live && setVersions([]),
    );
    return () => {
      live = false;
    };
  }, [api, jobId, lessonNumber, version]);
  return versions;
}
