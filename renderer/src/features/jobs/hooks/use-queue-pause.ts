import { useEffect, useState } from 'react';
import type { QueuePauseView } from '../../../../../electron/shared/schedules.js';
import { useApi } from '../../../lib/api-context.js';

/** The queue's pause (null when it runs), kept current by queuePauseChanged. */
export function useQueuePause(): { pause: QueuePauseView | null; resume: () => Promise<void> } {
  const api = useApi();
  const [pause, setPause] = useState<QueuePauseView | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.on('queuePauseChanged', (p) => live && setPause(p));
    api.getQueuePause().then((p) => live && setPause(p), () => {});
    return () => {
      live = false;
      off();
    };
  }, [api]);
  const resume = async () => {
    await api.resumeQueue();
    setPause(null);
  };
  return { pause, resume };
}
