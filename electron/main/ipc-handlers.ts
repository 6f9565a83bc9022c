import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { toApiError } from '../core/api/app-core.js';
import type { FluentProService } from '../core/api/fluentpro-service.js';
import { parseApiArgs } from '../shared/api-schemas.js';
import { API_METHODS, IPC_EVENT_CHANNEL, IPC_PREFIX, type ApiEvents, type AppSettings } from '../shared/api.js';

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string; code: string; field?: string } };

/**
 * One handler per API method. Each checks that the call comes from our own page (not an
 * iframe or a page navigated elsewhere) and validates its arguments before the core sees them.
 * Errors are returned as data, so their code survives the trip (a thrown error would reach the
 * renderer as a bare string).
 *
 * Register once per app: Electron throws on a second handler for a channel (lib/browser/ipc-main-impl.ts).
 * `service` is asked at each call, so the handlers outlive a start that failed and the core that
 * replaced it; before a core is open a call is answered NOT_READY.
 */
/** What only the app's main process knows, added to the core's answers. */
export interface HostAdditions {
  /** Applied to every AppSettings returned (getSettings, setSettings). */
  settings?(settings: AppSettings): AppSettings;
}

export function registerApiHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  service: FluentProService | (() => FluentProService | undefined),
  isTrustedUrl: (url: string) => boolean,
  host: HostAdditions = {},
): void {
  const current = typeof service === 'function' ? service : () => service;
  for (const method of API_METHODS) {
    ipcMain.handle(`${IPC_PREFIX}${method}`, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcReply> => {
      const url = event.senderFrame?.url ?? '';
      if (!event.senderFrame || event.senderFrame.parent !== null || !isTrustedUrl(url)) {
        return { ok: false, error: { name: 'ForbiddenError', message: `${method}: refused a call from ${url || 'an unknown frame'}`, code: 'FORBIDDEN' } };
      }
      const open = current();
      if (!open) return { ok: false, error: { name: 'NotReadyError', message: `${method}: FluentPro is still starting`, code: 'NOT_READY' } };
      try {
        const checked = parseApiArgs(method, args);
        let result = await (open[method] as (...a: unknown[]) => Promise<unknown>)(...checked);
        if ((method === 'getSettings' || method === 'setSettings') && host.settings) result = host.settings(result as AppSettings);
        return { ok: true, result: result ?? null };
      } catch (error) {
        return { ok: false, error: toApiError(error) };
      }
    });
  }
}

/** Sends one API event to a window's page (what the preload's `on` listens to). */
export function sendEvent<E extends keyof ApiEvents>(contents: Pick<WebContents, 'send' | 'isDestroyed'>, event: E, payload: ApiEvents[E]): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { event, payload });
}

/** Sends the service's (already coalesced) events to every window. */
export function forwardEvents(service: FluentProService, windows: () => WebContents[]): () => void {
  const send = <E extends keyof ApiEvents>(event: E, payload: ApiEvents[E]) => {
    for (const contents of windows()) sendEvent(contents, event, payload);
  };
  const offChanged = service.onDidChangeJobs((jobs) => send('jobsChanged', jobs));
  const offRemoved = service.onDidRemoveJobs((ids) => send('jobsRemoved', ids));
  const offSchedules = service.schedules.onDidChangeSchedules((schedules) => send('schedulesChanged', schedules));
  const offPause = service.schedules.onDidChangeQueuePause((pause) => send('queuePauseChanged', pause));
  const offCourse = service.lessons.onDidChangeCourse((change) => send('courseChanged', change));
  return () => {
    offCourse();
    offChanged();
    offRemoved();
    offSchedules();
    offPause();
  };
}
