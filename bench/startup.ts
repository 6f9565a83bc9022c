import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WORKER_ENTRY } from '../electron/core/queue/node-worker-host.js';
import { FakeLlmServer } from '../test/support/fake-llm-server.js';
import { report, type Figure } from './report.js';

// How long a user waits before FluentPro does anything (issue 16, "Every command loads
// everything"; issue 17, "Start-up adds 3–4 s to every generate"). Every figure is wall time from
// spawning a fresh `node` process, as a shell or the app starts one, so module loading counts.

const RUNS = 7;
/** Issue 16's goals; the "ideal" of each figure below is its goal, so ×1 or more misses it. */
const GOALS_MS = { version: 150, validate: 300, firstRequest: 700, workerReady: 300 };
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
/** The built command, next to this benchmark in dist/. */
const CLI = join(import.meta.dirname, '..', 'electron', 'cli', 'fluentpro.js');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Spawn to exit of one `fluentpro` command; throws if it fails. */
function timeCommand(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH, HOME: cwd, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`fluentpro ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
}

/**
 * Spawn of `fluentpro generate` to the fake provider receiving its first request: the CLI loads,
 * opens the queue, starts a worker, and the worker loads the workflow and the OpenAI provider.
 * The run then finishes (a one-lesson course), so no worker is left behind.
 */
async function timeFirstRequest(cwd: string, server: FakeLlmServer, arrivals: number[]): Promise<number> {
  const before = arrivals.length;
  const started = Date.now();
  const dataDir = mkdtempSync(join(cwd, 'data-'));
  await timeCommand(['generate', 'one.course.yaml', '--provider', 'openai', '--base-url', server.baseURL, '--model', 'test-model', '--out', join(dataDir, 'out'), '--data-dir', dataDir], cwd, {
    OPENAI_API_KEY: 'sk-bench',
  });
  if (arrivals.length === before) throw new Error('generate finished without asking the provider anything');
  return arrivals[before]! - started;
}

/** Spawn of a worker to its 'ready' message, as the orchestrator starts one under the CLI. */
function timeWorkerReady(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [DEFAULT_WORKER_ENTRY], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json' });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the worker exited with ${code} before it was ready`)));
    child.on('message', (message: { type?: string }) => {
      if (message.type !== 'ready') return;
      const ms = performance.now() - started;
      child.removeAllListeners('exit');
      child.once('exit', () => resolve(ms));
      child.send({ type: 'shutdown' });
    });
  });
}

export async function startupBenchmark(): Promise<void> {
  const cwd = mkdtempSync(join(tmpdir(), 'fluentpro-bench-startup-'));
  const arrivals: number[] = [];
  // The fault hook runs as each request arrives, before any answer: it only notes the time.
  const server = await FakeLlmServer.start({ fault: () => void arrivals.push(Date.now()) });
  try {
    writeFileSync(join(cwd, 'one.course.yaml'), 'title: Bench Start\nlanguage: Spanish\nlevel: A1\nlessons: 1\n');
    const specs = ['spanish-travel.course.yaml', 'japanese-kana.course.yml', 'german-business.course.json'].map((f) => join(EXAMPLES, f));
    const runs = { version: [] as number[], validate: [] as number[], firstRequest: [] as number[], workerReady: [] as number[], floor: [] as number[] };
    // Interleaved, so a busy moment on the machine spreads over every figure instead of one.
    for (let run = 0; run < RUNS; run++) {
      runs.version.push(await timeCommand(['--version'], cwd));
      runs.validate.push(await timeCommand(['validate', ...specs], cwd));
      runs.workerReady.push(await timeWorkerReady());
      runs.firstRequest.push(await timeFirstRequest(cwd, server, arrivals));
      runs.floor.push(await timeBareNode());
    }
    const figures: Figure[] = [
      { name: 'fluentpro --version', value: Math.round(median(runs.version)), unit: 'ms', ideal: GOALS_MS.version, lowerIsBetter: true },
      { name: 'fluentpro validate (3 specs)', value: Math.round(median(runs.validate)), unit: 'ms', ideal: GOALS_MS.validate, lowerIsBetter: true },
      { name: 'generate: spawn to first request', value: Math.round(median(runs.firstRequest)), unit: 'ms', ideal: GOALS_MS.firstRequest, lowerIsBetter: true },
      { name: 'worker: spawn to ready', value: Math.round(median(runs.workerReady)), unit: 'ms', ideal: GOALS_MS.workerReady, lowerIsBetter: true },
    ];
    const over = figures.filter((f) => f.ideal !== undefined && f.value > f.ideal).map((f) => f.name);
    // The floor, measured in the same turns: when it moved against the previous run, so did the machine's load.
    figures.push({ name: 'node -e 0 (the floor)', value: Math.round(median(runs.floor)), unit: 'ms', lowerIsBetter: true });
    report('startup', figures, {
      runs: `median of ${RUNS}, each a fresh node process`,
      goal: 'issue 16: --version 150 ms, validate 300 ms, generate to first request 700 ms, worker ready 300 ms (the "ideal" below is the goal: over ×1 misses it)',
      verdict: over.length ? `over the goal: ${over.join(', ')}` : 'every figure within its goal',
    });
  } finally {
    await server.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** `node -e 0`: the floor under every figure, which no change to FluentPro can lower. */
function timeBareNode(): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - started));
  });
}
