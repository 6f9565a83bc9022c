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
] as const;

type Reply = { ok: true; result: unknown } | { ok: false; error: { name: string; message: string; code: string } };

function call(method: string) {
  return async (...args: unknown[]) => {
    const reply = (await ipcRenderer.invoke(`fluentpro:${method}`, ...args)) as Reply;
    if (reply.ok) return reply.result;
    throw Object.assign(new Error(reply.error.message), { name: reply.error.name, code: reply.error.code });
  };
}

const bridge = {
  ...Object.fromEntries(METHODS.map((m) => [m, call(m)])),
  on(event: string, listener: (payload: unknown) => void) {
    const handler = (_e: unknown, message: { event: string; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on('fluentpro:event', handler);
    return () => {
      ipcRenderer.removeListener('fluentpro:event', handler);
    };
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
} as unknown as FluentProBridge;

contextBridge.exposeInMainWorld('fluentpro', bridge);
