import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * What became of a process known by its pid and the start time recorded when it was seen:
 * - `alive`: it runs (or may run: a process this one cannot inspect counts as alive);
 * - `exited`: no process has that pid;
 * - `zombie`: it died and its parent has not reaped it yet, so its pid still answers signals;
 * - `pid-reused`: the pid belongs to a process started at another time, not the one recorded.
 */
export type ProcessFate = 'alive' | 'exited' | 'zombie' | 'pid-reused';

/** A process as one look at it shows it. */
export interface ProcessSighting {
  zombie: boolean;
  /** When it started, as an opaque string that only equals itself; undefined when unreadable. */
  startedAt: string | undefined;
}

/** Looks at a process: undefined when no process has this pid. */
export type ProcessProbe = (pid: number) => ProcessSighting | undefined;

/**
 * Linux: `/proc/<pid>/stat`. Its state (field 3) is `Z` for a zombie (`X` for one being
 * removed) and its field 22 is the start time in clock ticks since boot, which no later
 * process with the same pid can share.
 */
export const probeProcStat: ProcessProbe = (pid) => {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    // Missing, or hidden from this user (mount option hidepid): let the kernel say which.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EACCES') return probeSignal(pid);
    throw error;
  }
  // Field 2, the command name, is in parentheses and may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).trim().split(' ');
  const state = fields[0] ?? '';
  return { zombie: state === 'Z' || state === 'X', startedAt: fields[19] };
};

/**
 * macOS and other Unixes: `ps -o stat=,lstart= -p <pid>`. A stat starting with `Z` is a
 * zombie; lstart is the start time to the second, read in a fixed locale and time zone so that
 * every process reads the same string.
 */
export const probePs: ProcessProbe = (pid) => {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'stat=,lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
      timeout: 5000,
    });
  } catch (error) {
    const failed = error as NodeJS.ErrnoException & { status?: number | null; stdout?: string };
    // ps exits 1 with no output when no process has the pid.
    if (failed.status === 1 && !failed.stdout?.trim()) return undefined;
    // No ps to ask (or it hung): the kernel can still say whether the pid exists.
    return probeSignal(pid);
  }
  const [stat = '', ...lstart] = out.trim().split(/\s+/);
  if (!stat) return undefined;
  return { zombie: stat.startsWith('Z'), startedAt: lstart.length ? lstart.join(' ') : undefined };
};

/** Anywhere (Windows too): signal 0 says only whether the pid exists, zombie or not. */
export const probeSignal: ProcessProbe = (pid) => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { zombie: false, startedAt: undefined };
};

/** The probe that sees most on this platform. */
export function platformProbe(platform: NodeJS.Platform = process.platform): ProcessProbe {
  if (platform === 'linux' || platform === 'android') return probeProcStat;
  if (platform === 'win32') return probeSignal;
  return probePs;
}

/** When the process `pid` (this one by default) started, to record now and compare later; undefined when it cannot be read. */
export function processStartTime(pid: number = process.pid, probe: ProcessProbe = platformProbe()): string | undefined {
  return probe(pid)?.startedAt;
}

/**
 * What became of the process `pid` of this machine, recorded as started at `recordedStart`
 * (compared only when both it and the current start time are known).
 */
export function processFate(pid: number, recordedStart?: string | null, probe: ProcessProbe = platformProbe()): ProcessFate {
  if (!Number.isInteger(pid) || pid <= 0) throw new TypeError(`Expected \`pid\` to be a whole number from 1 and up, got \`${pid}\` (${typeof pid})`);
  const seen = probe(pid);
  if (!seen) return 'exited';
  if (seen.zombie) return 'zombie';
  if (recordedStart && seen.startedAt !== undefined && seen.startedAt !== recordedStart) return 'pid-reused';
  return 'alive';
}

/** Whether the process `pid`, recorded as started at `recordedStart`, still runs: a zombie or a stranger with its pid does not. */
export function isProcessAlive(pid: number, recordedStart?: string | null, probe?: ProcessProbe): boolean {
  return processFate(pid, recordedStart, probe) === 'alive';
}

/** A fate in words, for the job log. */
export function describeFate(fate: ProcessFate): string {
  switch (fate) {
    case 'alive':
      return 'is running';
    case 'exited':
      return 'has exited';
    case 'zombie':
      return 'has died (a zombie its parent has not reaped)';
    case 'pid-reused':
      return 'has exited (its pid now belongs to another process)';
  }
}
