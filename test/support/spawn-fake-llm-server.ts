import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RemoteFakeServer {
  baseURL: string;
  stats(): Promise<{ maxInFlight: number; requests: number; paid: Record<string, number> }>;
  close(): Promise<void>;
}

/** Starts the built fake server (dist/) in a child process. */
export async function spawnFakeLlmServer(latencyMs: number): Promise<RemoteFakeServer> {
  const entry = join(import.meta.dirname, 'fake-llm-server-process.js');
  const child: ChildProcess = spawn(process.execPath, [entry, String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const baseURL = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`fake server exited with ${code}`)));
  });
  return {
    baseURL,
    stats: async () => (await fetch(new URL('/__stats', baseURL))).json() as never,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
