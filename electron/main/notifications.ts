import { Notification } from 'electron';
import type { AppCore } from '../core/api/app-core.js';
import { NotificationFeed, type Notice } from '../core/api/notification-feed.js';

/** Kept referenced: a collected Notification loses its click handler. */
const shown = new Set<Notification>();

/**
 * Native notifications when a course or a scheduled batch finishes or fails (NotificationFeed
 * decides what is news), unless Settings turned them off. A click opens the window.
 */
export function startNotifications(core: Pick<AppCore, 'service'>, onClick: () => void): () => void {
  const show = (notice: Notice) => {
    void core.service.getSettings().then(({ notifications }) => {
      if (!notifications || !Notification.isSupported()) return;
      const notification = new Notification({ title: notice.title, body: notice.body });
      shown.add(notification);
      notification.on('click', () => {
        shown.delete(notification);
        onClick();
      });
      notification.on('close', () => shown.delete(notification));
      notification.show();
      if (shown.size > 20) shown.delete(shown.values().next().value!);
    }, () => {});
  };
  const feed = new NotificationFeed(show);
  const offRun = core.service.schedules.onDidRun((run) => feed.scheduleRan(run));
  const offJobs = core.service.onDidChangeJobs((jobs) => feed.jobsChanged(jobs));
  return () => {
    offRun();
    offJobs();
  };
}
