import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_WORKER_ENTRY } from '../electron/core/queue/node-worker-host.js';
import { FakeLlmServer } from '../test/support/fake-llm-server.js';
import { report, type Figure } from './report.js';

// How long a user waits before FluentPro does anything (issue 16, "Every command loads
// everything"; issue 17, "Start-up adds 3–4 s to every generate"). Every figure is wall time from
// spawning a fresh `node` process, as a shell or the app starts one, so module loading counts.
// Beside each wall time, the CPU time the processes used (the command and the workers it
// started), which the load of a shared machine hardly moves.

const RUNS = 7;
/** Issue 16's goals; the "ideal" of each figure below is its goal, so ×1 or more misses it. */
const GOALS_MS = { version: 150, validate: 300, firstRequest: 700, workerReady: 300 };
const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');
/** The built command, next to this benchmark in dist/. */
const CLI = join(import.meta.dirname, '..', 'electron', 'cli', 'fluentpro.js');

const CPU_AT_EXIT = pathToFileURL(join(import.meta.dirname, 'cpu-at-exit.js')).href;

/**
 * Every process gets the same small environment, as the CLI tests give theirs: what the
 * developer's shell sets (NODE_EXTRA_CA_CERTS alone costs each process about 45 ms of CPU to
 * read its certificates) would otherwise weigh on some figures and not others.
 */
const cleanEnv = (cwd: string): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: cwd });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Timing {
  /** Wall time, ms. */
  wall: number;
  /** CPU time of every process that ran, ms. */
  cpu: number;
}

/** A fresh log for cpu-at-exit.js, and the sum of what the processes wrote to it. */
function cpuLog(cwd: string): { env: NodeJS.ProcessEnv; total(): number } {
  const file = join(mkdtempSync(join(cwd, 'cpu-')), 'cpu.log');
  return {
    env: { NODE_OPTIONS: `--import ${CPU_AT_EXIT}`, FLUENTPRO_BENCH_CPU_LOG: file },
    total: () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').reduce((sum, line) => sum + Number(line), 0) : NaN),
  };
}

/** Spawn to exit of one `fluentpro` command; throws if it fails. */
function timeCommand(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Timing> {
  const cpu = cpuLog(cwd);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...cleanEnv(cwd), ...env, ...cpu.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ wall: performance.now() - started, cpu: cpu.total() }) : reject(new Error(`fluentpro ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
}

/**
 * Spawn of `fluentpro generate` to the fake provider receiving its first request: the CLI loads,
 * opens the queue, starts a worker, and the worker loads the workflow and the OpenAI provider.
 * The run then finishes (a one-lesson course), so no worker is left behind; its CPU time is the
 * whole run's.
 */
async function timeFirstRequest(cwd: string, server: FakeLlmServer, arrivals: number[]): Promise<Timing> {
  const before = arrivals.length;
  const started = Date.now();
  const dataDir = mkdtempSync(join(cwd, 'data-'));
  const { cpu } = await timeCommand(['generate', 'one.course.yaml', '--provider', 'openai', '--base-url', server.baseURL, '--model', 'test-model', '--out', join(dataDir, 'out'), '--data-dir', dataDir], cwd, {
    OPENAI_API_KEY: 'sk-bench',
  });
  if (arrivals.length === before) throw new Error('generate finished without asking the provider anything');
  return { wall: arrivals[before]! - started, cpu };
}

/** Spawn of a worker to its 'ready' message, as the orchestrator starts one under the CLI; its CPU time to its exit, right after. */
function timeWorkerReady(cwd: string): Promise<Timing> {
  const cpu = cpuLog(cwd);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', CPU_AT_EXIT, DEFAULT_WORKER_ENTRY], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'json', env: { ...cleanEnv(cwd), ...cpu.env } });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the worker exited with ${code} before it was ready`)));
    child.on('message', (message: { type?: string }) => {
      if (message.type !== 'ready') return;
      const ms = performance.now() - started;
      child.removeAllListeners('exit');
      child.once('exit', () => resolve({ wall: ms, cpu: cpu.total() }));
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
    const runs = { version: [] as Timing[], validate: [] as Timing[], firstRequest: [] as Timing[], workerReady: [] as Timing[], floor: [] as Timing[] };
    // Interleaved, so a busy moment on the machine spreads over every figure instead of one.
    for (let run = 0; run < RUNS; run++) {
      runs.version.push(await timeCommand(['--version'], cwd));
      runs.validate.push(await timeCommand(['validate', ...specs], cwd));
      runs.workerReady.push(await timeWorkerReady(cwd));
      runs.firstRequest.push(await timeFirstRequest(cwd, server, arrivals));
      runs.floor.push(await timeBareNode(cwd));
    }
    const measured: [name: string, cpuName: string, timings: Timing[], goal?: number][] = [
      ['fluentpro --version', '--version CPU', runs.version, GOALS_MS.version],
      ['fluentpro validate (3 specs)', 'validate CPU', runs.validate, GOALS_MS.validate],
      ['generate: spawn to first request', 'generate CPU (the whole run)', runs.firstRequest, GOALS_MS.firstRequest],
      ['worker: spawn to ready', 'worker CPU (ready, then exit)', runs.workerReady, GOALS_MS.workerReady],
      // The floor, measured in the same turns: when it moved against the previous run, so did the machine's load.
      ['node -e 0 (the floor)', 'node -e 0 CPU', runs.floor],
    ];
    const figures: Figure[] = measured.flatMap(([name, cpuName, timings, goal]) => [
      { name, value: Math.round(median(timings.map((t) => t.wall))), unit: 'ms', ...(goal ? { ideal: goal } : {}), lowerIsBetter: true },
      { name: cpuName, value: Math.round(median(timings.map((t) => t.cpu))), unit: 'ms', lowerIsBetter: true },
    ]);
    const over = figures.filter((f) => f.ideal !== undefined && f.value > f.ideal).map((f) => f.name);
    report('startup', figures, {
      runs: `median of ${RUNS}, each a fresh node process; CPU is user + system time of every process of the run`,
      goal: 'issue 16: --version 150 ms, validate 300 ms, generate to first request 700 ms, worker ready 300 ms (the "ideal" below is the goal: over ×1 misses it)',
      verdict: over.length ? `over the goal: ${over.join(', ')}` : 'every figure within its goal',
    });
  } finally {
    await server.close();
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** `node -e 0`: the floor under every figure, which no change to FluentPro can lower. */
function timeBareNode(cwd: string): Promise<Timing> {
  const cpu = cpuLog(cwd);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', CPU_AT_EXIT, '-e', '0'], { stdio: 'ignore', env: { ...cleanEnv(cwd), ...cpu.env } });
    child.on('error', reject);
    child.on('exit', () => resolve({ wall: performance.now() - started, cpu: cpu.total() }));
  });
}
