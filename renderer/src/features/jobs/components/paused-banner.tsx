import { describePause, type QueuePauseView } from '../../../../../electron/shared/schedules.js';

/** Why queued jobs wait: "Paused until 22:00 — queued courses wait. [Resume]". */
export function PausedBanner({ pause, queued, onResume }: { pause: QueuePauseView; queued: number; onResume: () => void }) {
  const waiting = queued === 0 ? 'new courses wait' : `${queued} queued course${queued === 1 ? ' waits' : 's wait'}`;
  return (
    <section className="banner paused" role="region" aria-label="Queue paused">
      <span>
        <strong>{describePause(pause)}</strong> — {waiting}; running courses finish.
      </span>{' '}
      <button type="button" onClick={onResume}>
        Resume
      </button>
    </section>
  );
}
