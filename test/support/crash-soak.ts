import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { courseSchema } from '../../electron/core/course/course-schema.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { isAlive } from './child-processes.js';
import { FakeLlmServer } from './fake-llm-server.js';
import { mulberry32 } from './real-model.js';
import { CLI } from './run-cli.js';

// The crash soak of issue 15: the `fluentpro` command, as a user runs it, killed with kill -9 at
// seeded random moments — the runner, a single worker, or both (the whole process group), some
// right at start-up — against the OpenAI-compatible test server in real-model mode (its answers
// slip now and then, so lessons have parts repaired). Then one last `fluentpro run`, unaided.
// What a crash may cost is measured from the server's own log, not from FluentPro's counters.

export interface CrashSoakOptions {
  seed: number;
  courses: number;
  lessons: number;
  kills: number;
  /** The test server's answer time. Default 120 ms. */
  latencyMs?: number;
  folder: string;
  /** Told of each kill, for a benchmark's log. */
  onKill?: (kill: KillRecord) => void;
}

export interface KillRecord {
  at: number;
  victim: 'runner' | 'worker' | 'group';
  /** Killed this soon after its runner started (a start-up kill). */
  afterStartMs: number;
  /** Requests the server had open at that moment: what the kill may cost at most. */
  openRequests: number;
}

export interface CrashSoakResult {
  kills: KillRecord[];
  /** The final run's exit status (0: every job ended). */
  finalExit: number | null;
  finalStderr: string;
  jobs: { id: string; state: string; lessonsDone: number; outputPath?: string; requests: number }[];
  /** Folders in the output folder (one per job when all is well). */
  outputFolders: string[];
  /** Temporary folders left in the output folder. */
  writingLeft: string[];
  /** Worker or runner processes still alive at the end. */
  processesLeft: string[];
  /** Courses whose course.json is not whole (fails the schema, or lacks lessons). */
  brokenCourses: string[];
  /** Answers the server sent whose identical request had already been answered before a kill. */
  paidAgain: number;
  /** Requests open at the kills, added up. */
  openAtKills: number;
  /** Answers (200, complete) the server sent in all, and the requests the jobs were charged. */
  answered: number;
  charged: number;
  spanMs: number;
}

const SPEC = (title: string, lessons: number) => `title: ${title}\nlanguage: Spanish\nlevel: A2\nlessons: ${lessons}\n`;

export async function runCrashSoak(options: CrashSoakOptions): Promise<CrashSoakResult> {
  const random = mulberry32(options.seed);
  const server = await FakeLlmServer.start({ latencyMs: options.latencyMs ?? 120, realModel: { seed: options.seed } });
  const { folder } = options;
  const titles = Array.from({ length: options.courses }, (_, i) => `Soak ${options.seed} Course ${i + 1}`);
  const files = titles.map((title, i) => {
    const file = `soak-${i + 1}.course.yaml`;
    writeFileSync(join(folder, file), SPEC(title, options.lessons));
    return file;
  });
  const env = { PATH: process.env.PATH ?? '', HOME: folder, OPENAI_API_KEY: 'sk-soak', OPENAI_BASE_URL: server.baseURL, OPENAI_MODEL: 'test-model' };
  const common = ['--out', 'out', '--data-dir', 'data'];
  const seen = new Set<number>();
  const kills: KillRecord[] = [];
  const started = Date.now();
  let sampler: NodeJS.Timeout | undefined;

  const spawnRunner = (args: string[]) => {
    // Its own process group, as a shell job or a service is: "group" kills take the workers too.
    const child = spawn(process.execPath, [CLI, ...args], { cwd: folder, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
    return { child, exited, startedAt: Date.now() };
  };
  const workersOf = (child: ChildProcess): number[] => {
    try {
      const pids = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).split('\n').map(Number).filter((n) => n > 0);
      for (const pid of pids) seen.add(pid);
      return pids;
    } catch {
      return []; // pgrep exits 1 when there are none
    }
  };
  const queued = () => {
    if (!existsSync(join(folder, 'data', 'queue.sqlite'))) return 0;
    try {
      const store = new JobStore(join(folder, 'data', 'queue.sqlite'));
      try {
        return store.list().length;
      } finally {
        store.close();
      }
    } catch {
      return 0;
    }
  };

  try {
    // The specs are queued by the first command, which is left alone until they are.
    let runner = spawnRunner(['generate', ...files, ...common]);
    // Every worker ever started is looked for at the end.
    sampler = setInterval(() => workersOf(runner.child), 100);
    while (queued() < files.length) await sleep(20);
    let respawned = false;
    for (let k = 0; k < options.kills; k++) {
      // Start-up kills: a runner just started (its workers loading, its first requests going out).
      const startUp = respawned && random() < 0.5;
      await sleep(startUp ? 20 + random() * 150 : 300 + random() * 1700);
      const ended = await Promise.race([runner.exited.then(() => true), sleep(0).then(() => false)]);
      if (ended) {
        // Everything was done before this kill: nothing left to kill.
        if ((await finishedJobs(folder)) === files.length) break;
        runner = spawnRunner(['run', ...common]);
        respawned = true;
        continue;
      }
      seen.add(runner.child.pid!);
      const workers = workersOf(runner.child);
      const roll = random();
      const victim: KillRecord['victim'] = workers.length && roll < 0.4 ? 'worker' : roll < 0.7 ? 'group' : 'runner';
      const kill: KillRecord = { at: Date.now() - started, victim, afterStartMs: Date.now() - runner.startedAt, openRequests: server.inFlight };
      try {
        if (victim === 'worker') process.kill(workers[Math.floor(random() * workers.length)]!, 'SIGKILL');
        else process.kill(victim === 'group' ? -runner.child.pid! : runner.child.pid!, 'SIGKILL');
      } catch {
        // It ended on its own at that instant.
      }
      kills.push(kill);
      options.onKill?.(kill);
      respawned = victim !== 'worker';
      if (respawned) {
        await runner.exited;
        runner = spawnRunner(['run', ...common]);
      }
    }
    // Unaided: the last run works the queue to its end.
    seen.add(runner.child.pid!);
    const final = await runner.exited;
    let last = final;
    if ((await finishedJobs(folder)) < files.length || final.code !== 0) last = await spawnRunner(['run', ...common]).exited;
    // Orphaned workers exit when their channel closes: give them a moment.
    await sleep(1500);

    const store = new JobStore(join(folder, 'data', 'queue.sqlite'));
    const jobs = store.list().map((j) => ({ id: j.id, state: j.state, lessonsDone: j.lessonsDone, outputPath: j.outputPath, requests: j.usage.requests }));
    store.close();
    const out = join(folder, 'out');
    const names = existsSync(out) ? readdirSync(out) : [];
    const brokenCourses = jobs.flatMap((job) => {
      try {
        const course = courseSchema.parse(JSON.parse(readFileSync(join(job.outputPath ?? '', 'course.json'), 'utf8')));
        return course.lessons.length === options.lessons ? [] : [job.outputPath ?? job.id];
      } catch {
        return [job.outputPath ?? job.id];
      }
    });
    const answered = server.requests.filter((r) => r.status === 200 && r.completionTokens > 0);
    return {
      kills,
      finalExit: last.code,
      finalStderr: last.stderr,
      jobs,
      outputFolders: names.filter((n) => !n.startsWith('.')),
      writingLeft: names.filter((n) => n.startsWith('.fluentpro-writing-')),
      processesLeft: [...seen].filter((pid) => isAlive(pid)).map((pid) => `${pid} ${describeProcess(pid)}`),
      brokenCourses,
      paidAgain: paidAgainAcrossKills(answered, kills.map((k) => started + k.at)),
      openAtKills: kills.reduce((n, k) => n + k.openRequests, 0),
      answered: answered.length,
      charged: jobs.reduce((n, j) => n + j.requests, 0),
      spanMs: Date.now() - started,
    };
  } finally {
    clearInterval(sampler);
    for (const pid of seen) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
    await server.close();
  }
}

/**
 * Answers paid again because of a kill: an answer whose identical request (same messages, same
 * schema) had been answered before, with a kill in between. Identical requests within one
 * process's life are the program's own choice (a part asked again), not a crash's cost.
 */
export function paidAgainAcrossKills(answered: { bodyHash: string; startedAt: number; endedAt: number }[], killTimes: number[]): number {
  const firstAnswer = new Map<string, number>();
  let again = 0;
  for (const r of [...answered].sort((a, b) => a.endedAt - b.endedAt)) {
    const earlier = firstAnswer.get(r.bodyHash);
    if (earlier === undefined) firstAnswer.set(r.bodyHash, r.endedAt);
    else if (killTimes.some((t) => earlier < t && t < r.startedAt)) again++;
  }
  return again;
}

async function finishedJobs(folder: string): Promise<number> {
  const file = join(folder, 'data', 'queue.sqlite');
  if (!existsSync(file)) return 0;
  const store = new JobStore(file);
  try {
    return store.list().filter((j) => j.state === 'succeeded').length;
  } finally {
    store.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A process's command line and parent, for a failure message. */
function describeProcess(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'ppid=,stat=,etime=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '(gone)';
  }
}
