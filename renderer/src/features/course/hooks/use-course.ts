import { useEffect, useState } from 'react';
import type { CourseDetail } from '../../../../../electron/shared/api.js';
import { useApi } from '../../../lib/api-context.js';

/** A finished job's course, read once when the viewer opens it. */
export function useCourse(jobId: string): { detail?: CourseDetail; error?: string } {
  const api = useApi();
  const [state, setState] = useState<{ detail?: CourseDetail; error?: string }>({});
  useEffect(() => {
    let live = true;
    setState({});
    api.getCourse(jobId).then(
      (detail) => live && setState({ detail }),
      (e: Error) => live && setState({ error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, jobId]);
  return state;
}
