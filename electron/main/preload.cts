// The bridge between the sandboxed page and the main process. A sandboxed preload can require
// only 'electron', so it carries its own list of methods; a test keeps it equal to API_METHODS.
// Nothing but window.fluentpro crosses: no ipcRenderer, no Node.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { FluentProBridge } from '../shared/api.js' with { 'resolution-mode': 'import' };

const METHODS = [
  'listJobs',
  'getJob',
  'addSpecPaths',
  'addSpecContents',
  'addExample',
  'validateSpec',
  'cancelJob',
  'retryJob',
  'removeJob',
  'revealOutput',
  'openOutput',
  'getSettings',
  'setSettings',
  'listModels',
  'listSchedules',
  'addSchedule',
  'updateSchedule',
  'setScheduleEnabled',
  'removeSchedule',
  'runScheduleNow',
  'getScheduleHistory',
  'previewSchedule',
  'getQueuePause',
  'pauseQueue',
  'resumeQueue',
  'getCourse',
  'exportCourse',
  'regenerateLesson',
  'editLesson',
  'undoLesson',
  'getLessonHistory',
] as const;

type Reply = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string; code: string; field?: string } };

function call(method: string) {
  return async (...args: unknown[]) => {
    const reply = (await ipcRenderer.invoke(`fluentpro:${method}`, ...args)) as Reply;
    if (reply.ok) return reply.result;
    // A plain object, not an Error: contextBridge copies an Error's message only, and the code
    // is how the page recognises a failure. `message` and `name` read as on an Error.
    throw { name: reply.error.name, message: reply.error.message, code: reply.error.code, ...(reply.error.field ? { field: reply.error.field } : {}) };
  };
}

type EventMessage = { event: string; payload: unknown };
const listeners = new Map<string, Set<(payload: unknown) => void>>();
// Results of specs opened from Finder, and the page the menu bar asks for, can arrive before the
// page listens: kept until it does.
const KEPT_UNTIL_HEARD = new Set(['specsAdded', 'showPage']);
const unheard: EventMessage[] = [];

ipcRenderer.on('fluentpro:event', (_e: unknown, message: EventMessage) => {
  const set = listeners.get(message.event);
  if (set?.size) for (const listener of set) listener(message.payload);
  else if (KEPT_UNTIL_HEARD.has(message.event) && unheard.length < 50) unheard.push(message);
});

const bridge = {
  ...Object.fromEntries(METHODS.map((m) => [m, call(m)])),
  on(event: string, listener: (payload: unknown) => void) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    for (let i = 0; i < unheard.length; ) {
      if (unheard[i]!.event === event) listener(unheard.splice(i, 1)[0]!.payload);
      else i++;
    }
    return () => {
      set.delete(listener);
    };
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  // Served by main's app:// handler (app-protocol.ts), from the course's audio/ folder alone.
  clipUrl: (jobId: string, file: string) => `app://fluentpro/course-audio/${encodeURIComponent(jobId)}/${encodeURIComponent(file)}`,
} as unknown as FluentProBridge;

contextBridge.exposeInMainWorld('fluentpro', bridge);
