// Loaded with `node --import` before the worker's entry: gives the process what Electron's
// utilityProcess gives it — `process.parentPort` (MessagePortMain's shape: postMessage, and
// 'message' events whose payload is in `data`) and no Node IPC channel — carried over fd 3 as
// JSON lines, so a test can play the app's side.
import { Socket } from 'node:net';
import { createInterface } from 'node:readline';

const channel = new Socket({ fd: 3, readable: true, writable: true });
const listeners = [];
createInterface({ input: channel }).on('line', (line) => {
  for (const listener of listeners) listener({ data: JSON.parse(line), ports: [] });
});
process.parentPort = {
  postMessage: (message) => channel.write(`${JSON.stringify(message)}\n`),
  on: (event, listener) => {
    if (event === 'message') listeners.push(listener);
  },
};
