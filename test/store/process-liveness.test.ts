import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  isProcessAlive,
  platformProbe,
  probeProcStat,
  probePs,
  probeSignal,
  processFate,
  processStartTime,
  type ProcessProbe,
} from '../../electron/core/store/process-liveness.js';
import { spawnNonReapingParent, spawnSleeper, waitUntil } from '../support/child-processes.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

// Linux reads /proc; ps is how macOS is read, and Linux has a ps that answers the same way.
const probes: [string, ProcessProbe][] = process.platform === 'linux' ? [['/proc/<pid>/stat', probeProcStat], ['ps', probePs]] : [['ps', probePs]];

describe.skipIf(process.platform === 'win32').each(probes)('process liveness read from %s', (_name, probe) => {
  it('sees this process alive, started when it started', () => {
    const started = processStartTime(process.pid, probe);
    expect(started).toEqual(expect.any(String));
    expect(processStartTime(process.pid, probe)).toBe(started);
    expect(processFate(process.pid, started, probe)).toBe('alive');
  });

  it('sees a child alive, and exited once it is killed and reaped', async () => {
    const child = await spawnSleeper();
    cleanups.push(() => child.kill('SIGKILL'));
    const started = processStartTime(child.pid, probe);
    expect(started).toEqual(expect.any(String));
    expect(processFate(child.pid, started, probe)).toBe('alive');
    expect(isProcessAlive(child.pid, started, probe)).toBe(true);

    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
    expect(processFate(child.pid, started, probe)).toBe('exited');
    expect(isProcessAlive(child.pid, started, probe)).toBe(false);
  });

  it('sees a killed process that its parent has not reaped as a zombie, not alive', async () => {
    const family = await spawnNonReapingParent();
    cleanups.push(family.stop);
    const pid = family.grandchildPid;
    const started = processStartTime(pid, probe);
    expect(processFate(pid, started, probe)).toBe('alive');

    process.kill(pid, 'SIGKILL');
    await waitUntil(() => processFate(pid, started, probe) !== 'alive', 3000, `pid ${pid} to die`);
    expect(processFate(pid, started, probe)).toBe('zombie');
    expect(isProcessAlive(pid, started, probe)).toBe(false);
    // Why signal 0 is not enough: the zombie's pid still exists.
    expect(probeSignal(pid)).toEqual({ zombie: false, startedAt: undefined });
  });

  it('sees a pid that belongs to a process started at another time as reused', async () => {
    const child = await spawnSleeper();
    cleanups.push(() => child.kill('SIGKILL'));
    const started = processStartTime(child.pid, probe)!;
    // What an owner that had this pid before would have recorded.
    const earlier = probe === probeProcStat ? String(Number(started) - 1) : 'Thu Jan  1 00:00:00 1970';
    expect(processFate(child.pid, earlier, probe)).toBe('pid-reused');
    expect(isProcessAlive(child.pid, earlier, probe)).toBe(false);
    // With no start time recorded (an owner registered before they were), the pid alone counts.
    expect(processFate(child.pid, null, probe)).toBe('alive');
  });
});

describe('process liveness', () => {
  it.skipIf(process.platform !== 'linux')('reads /proc/<pid>/stat whose command name holds spaces and parentheses', async () => {
    const odd = join(tempDir(), 'a) b (c');
    copyFileSync('/bin/sleep', odd);
    const child = spawn(odd, ['300'], { stdio: 'ignore' });
    cleanups.push(() => child.kill('SIGKILL'));
    await once(child, 'spawn');
    const seen = probeProcStat(child.pid!);
    expect(seen).toEqual({ zombie: false, startedAt: expect.stringMatching(/^\d+$/) });
  });

  it('asks the platform that sees most: /proc on Linux, ps on macOS, signal 0 on Windows', () => {
    expect(platformProbe('linux')).toBe(probeProcStat);
    expect(platformProbe('darwin')).toBe(probePs);
    expect(platformProbe('win32')).toBe(probeSignal);
  });

  it('takes a fake probe: no sighting is exited, a zombie sighting is a zombie', () => {
    expect(processFate(4242, 'x', () => undefined)).toBe('exited');
    expect(processFate(4242, 'x', () => ({ zombie: true, startedAt: 'x' }))).toBe('zombie');
    expect(processFate(4242, 'x', () => ({ zombie: false, startedAt: 'y' }))).toBe('pid-reused');
    expect(processFate(4242, 'x', () => ({ zombie: false, startedAt: undefined }))).toBe('alive'); // cannot tell: not taken for dead
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses pid %s with a TypeError that names it', (pid) => {
    expect(() => processFate(pid)).toThrow(new TypeError(`Expected \`pid\` to be a whole number from 1 and up, got \`${pid}\` (number)`));
  });
});
