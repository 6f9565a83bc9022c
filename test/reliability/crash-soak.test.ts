import { describe, expect, it } from 'vitest';
import { paidAgainAcrossKills, runCrashSoak } from '../support/crash-soak.js';
import { useTempDir } from '../support/temp-dir.js';

// README: "a crash, a kill -9, Ctrl-C or a power cut costs at most the requests that were open".
// A short crash soak (the long one is bench/crash-soak.ts): seeded kill -9s of the runner, of
// single workers and of both, some at start-up, against the test server with a model that slips.

const tempDir = useTempDir('fluentpro-soak-');

describe('crash soak', () => {
  it('every course finishes unaided and whole, one folder per job, nothing left behind, nothing answered paid again beyond the requests open at the kills', async () => {
    const result = await runCrashSoak({ seed: 1515, courses: 3, lessons: 6, kills: 6, folder: tempDir() });
    const summary = JSON.stringify({ kills: result.kills, paidAgain: result.paidAgain, openAtKills: result.openAtKills, stderr: result.finalStderr.slice(-2000) }, null, 1);
    expect(result.kills.length, summary).toBeGreaterThanOrEqual(3);
    expect(result.finalExit, summary).toBe(0);
    expect(result.jobs.map((j) => j.state), summary).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(result.brokenCourses).toEqual([]);
    expect(result.outputFolders.sort()).toEqual(['soak-1515-course-1', 'soak-1515-course-2', 'soak-1515-course-3']);
    expect(result.writingLeft).toEqual([]);
    expect(result.processesLeft).toEqual([]);
    expect(result.paidAgain, summary).toBeLessThanOrEqual(result.openAtKills);
    // Every answer the server sent is charged to a job, give or take the answers of requests a
    // kill cut off after the server sent them (never more than were open).
    expect(result.charged, summary).toBeLessThanOrEqual(result.answered);
    expect(result.answered - result.charged, summary).toBeLessThanOrEqual(result.openAtKills);
  }, 120_000);
});

describe('what counts as paid again', () => {
  const answer = (bodyHash: string, startedAt: number, endedAt = startedAt + 1) => ({ bodyHash, startedAt, endedAt });
  it('an identical request answered again after a kill is paid again; one asked again within a process is the program\'s choice', () => {
    expect(paidAgainAcrossKills([answer('a', 0), answer('a', 10), answer('b', 20)], [5])).toBe(1);
    expect(paidAgainAcrossKills([answer('a', 0), answer('a', 10)], [])).toBe(0);
    expect(paidAgainAcrossKills([answer('a', 0), answer('a', 10)], [20])).toBe(0);
    expect(paidAgainAcrossKills([answer('a', 0), answer('b', 10), answer('a', 30), answer('a', 40)], [20])).toBe(2);
  });
});
