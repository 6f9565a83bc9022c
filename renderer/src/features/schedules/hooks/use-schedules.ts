import { useEffect, useState } from 'react';
import type { ScheduleView } from '../../../../../electron/shared/schedules.js';
import { useApi } from '../../../lib/api-context.js';

/** Every schedule, kept current by schedulesChanged (this window, the menu bar, the command, a run). */
export function useSchedules(): { schedules: ScheduleView[]; loaded: boolean; replace: (schedule: ScheduleView, oldName?: string) => void; drop: (name: string) => void } {
  const api = useApi();
  const [schedules, setSchedules] = useState<ScheduleView[]>([]);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let live = true;
    const off = api.on('schedulesChanged', (list) => live && setSchedules(list));
    api.listSchedules().then(
      (list) => {
        if (!live) return;
        setSchedules(list);
        setLoaded(true);
      },
      () => live && setLoaded(true),
    );
    return () => {
      live = false;
      off();
    };
  }, [api]);

  const replace = (schedule: ScheduleView, oldName = schedule.name) =>
    setSchedules((list) => [...list.filter((s) => s.name !== oldName && s.name !== schedule.name), schedule].sort((a, b) => a.name.localeCompare(b.name)));
  const drop = (name: string) => setSchedules((list) => list.filter((s) => s.name !== name));
  return { schedules, loaded, replace, drop };
}
