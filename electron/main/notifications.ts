import { Notification } from 'electron';
import type { AppCore } from '../core/api/app-core.js';
import { NotificationFeed, type Notice } from '../core/api/notification-feed.js';

/** Kept referenced: a collected Notification loses its click handler. */
const shown = new Set<Notification>();

/**
 * Notices macOS did not show, for the menu bar to show instead. Electron ≥ 42 emits `failed` on a
 * Notification the system refuses (docs/api/notification.md), which is every one in an unsigned
 * build or when FluentPro's notifications are off in System Settings. The Dock badge is no way
 * round it: it needs the same permission (docs/api/dock.md, dock.setBadge); the menu bar title does not.
 */
export interface MissedNotices {
  /** How many were not shown since the window was last opened. */
  count: number;
  /** The latest one. */
  last?: Notice;
}

let missed: MissedNotices = { count: 0 };
/** What the Mac said when it last refused a notification; kept for Settings until one is shown. */
let refusal: string | undefined;
const missedListeners = new Set<(missed: MissedNotices) => void>();

/** Why notifications cannot be shown ("Notifications are not allowed for this application"), or undefined. */
export function notificationProblem(): string | undefined {
  return refusal;
}

export function missedNotices(): MissedNotices {
  return missed;
}

/** Calls `listener` whenever a notice is missed or the missed ones are cleared; returns what stops it. */
export function onDidChangeMissedNotices(listener: (missed: MissedNotices) => void): () => void {
  missedListeners.add(listener);
  return () => missedListeners.delete(listener);
}

/** The person opened the window, where the jobs say it all: the menu bar stops pointing at them. */
export function clearMissedNotices(): void {
  if (!missed.count) return;
  setMissed({ count: 0 });
}

function setMissed(next: MissedNotices): void {
  missed = next;
  for (const listener of missedListeners) listener(missed);
}

/**
 * Shows a native notification whose click runs `onClick`; when macOS refuses it (or cannot show
 * any), the notice goes to the menu bar instead and Settings learns why.
 */
export function showNotice(notice: Notice, onClick: () => void): void {
  if (!Notification.isSupported()) return setMissed({ count: missed.count + 1, last: notice });
  const notification = new Notification({ title: notice.title, body: notice.body });
  shown.add(notification);
  notification.on('click', () => {
    shown.delete(notification);
    onClick();
  });
  notification.on('close', () => shown.delete(notification));
  // Shown (docs/api/notification.md "Event: 'show'"): the person has allowed them since.
  notification.on('show', () => (refusal = undefined));
  notification.on('failed', (_event, error: string) => {
    shown.delete(notification);
    if (refusal !== error) console.warn(`FluentPro: macOS did not show a notification: ${error}`);
    refusal = error;
    setMissed({ count: missed.count + 1, last: notice });
  });
  notification.show();
  if (shown.size > 20) shown.delete(shown.values().next().value!);
}

/**
 * Native notifications when a course or a scheduled batch finishes or fails (NotificationFeed
 * decides what is news), unless Settings turned them off. A click opens the window.
 */
export function startNotifications(core: Pick<AppCore, 'service'>, onClick: () => void): () => void {
  const show = (notice: Notice) => {
    void core.service.getSettings().then(({ notifications }) => {
      if (notifications) showNotice(notice, onClick);
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
