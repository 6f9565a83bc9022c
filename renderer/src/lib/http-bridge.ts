import type { ApiError, ApiEvents, FluentProApi, FluentProBridge } from '../../../electron/shared/api.js';
import { API_EVENTS, API_METHODS } from '../../../electron/shared/api.js';

/** An error from the API, recognised by its code (never by instanceof across the boundary). */
export class FluentProError extends Error {
  readonly code: string;
  /** The field an INVALID_LESSON_EDIT refused. */
  readonly field?: string;
  constructor(error: ApiError) {
    super(error.message);
    this.name = error.name;
    this.code = error.code;
    if (error.field) this.field = error.field;
  }
}

/**
 * The same API as window.fluentpro, over `fluentpro serve`'s HTTP + SSE. The token comes from
 * the URL the command printed and is then kept for this tab only.
 */
export function createHttpBridge(base = '', token = readToken()): FluentProBridge {
  const call = async (method: string, args: unknown[]) => {
    const response = await fetch(`${base}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      // An optional argument left out arrives as undefined, which JSON would turn into null.
      body: JSON.stringify(args.length && args.at(-1) === undefined ? args.slice(0, args.findLastIndex((a) => a !== undefined) + 1) : args),
    });
    const body = (await response.json()) as { result?: unknown; error?: ApiError };
    if (!response.ok || body.error) throw new FluentProError(body.error ?? { name: 'Error', message: `HTTP ${response.status}`, code: 'HTTP' });
    return body.result;
  };
  const api = Object.fromEntries(API_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as FluentProApi;

  let source: EventSource | undefined;
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const dispatch = (event: keyof ApiEvents, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload as never);
  };
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    for (const event of API_EVENTS) {
      source.addEventListener(event, (e) => dispatch(event, JSON.parse((e as MessageEvent<string>).data)));
    }
    // EventSource reconnects by itself (sleep, a restarted server), but what happened meanwhile
    // is lost: after every reconnect, send the whole list again as one change.
    let opened = 0;
    // The schedules and the pause are small: read them again on the first open too, so a change
    // between the page's first read and the stream's start is not lost.
    source.addEventListener('open', () => {
      void call('listSchedules', []).then((schedules) => dispatch('schedulesChanged', schedules), () => {});
      void call('getQueuePause', []).then((pause) => dispatch('queuePauseChanged', pause), () => {});
      if (opened++ === 0) return;
      void call('listJobs', []).then((jobs) => dispatch('jobsChanged', jobs), () => {});
    });
  };

  return {
    ...api,
    on(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    pathForFile: () => '',
    // An <audio> cannot send the Authorization header: the token goes in the query, as for EventSource.
    clipUrl: (jobId, file) => `${base}/api/course-audio/${encodeURIComponent(jobId)}/${encodeURIComponent(file)}?token=${encodeURIComponent(token)}`,
  };
}

function readToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('fluentpro-token', fromUrl);
    // Keep the token out of the address bar, history and screenshots.
    params.delete('token');
    const query = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
    return fromUrl;
  }
  return sessionStorage.getItem('fluentpro-token') ?? '';
}
