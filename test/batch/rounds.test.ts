import { describe, expect, it } from 'vitest';
import { nextRound, progressOf, type JobProgress, type Round } from '../../electron/core/batch/rounds.js';
import type { Checkpoints } from '../../electron/core/workflow/generate-course.js';

function fresh(jobId: string, lessons: number): JobProgress {
  return { jobId, lessons, planParts: new Map(), lessonsDone: new Set() };
}

function keys(round: Round | undefined): string[] {
  return round?.steps.map((s) => `${s.jobId} ${s.key}`) ?? [];
}

/** Marks every step of the round finished, as checkpoints would. */
function finish(jobs: JobProgress[], round: Round): JobProgress[] {
  return jobs.map((job) => {
    const planParts = new Map(job.planParts);
    const lessonsDone = new Set(job.lessonsDone);
    for (const step of round.steps.filter((s) => s.jobId === job.jobId)) {
      if (step.kind === 'outline-part') planParts.set(step.range.from, step.range.count);
      if (step.kind === 'lesson') lessonsDone.add(step.lessonNumber);
    }
    return { ...job, planParts, lessonsDone };
  });
}

describe('nextRound', () => {
  it('takes every job\'s next plan part, round after round, then every lesson of every job in one round', () => {
    let jobs = [fresh('a', 30), fresh('b', 12), fresh('c', 5)];
    const rounds: string[][] = [];
    for (let round = nextRound(jobs); round; round = nextRound(jobs)) {
      rounds.push(keys(round));
      jobs = finish(jobs, round);
    }
    // 30 lessons are planned in three parts of 10; 12 and 5 in one part each.
    expect(rounds.slice(0, 3)).toEqual([
      ['a outline-part:1', 'b outline-part:1', 'c outline-part:1'],
      ['a outline-part:11'],
      ['a outline-part:21'],
    ]);
    expect(rounds).toHaveLength(4);
    expect(rounds[3]).toHaveLength(47);
    expect(rounds[3]!.slice(0, 2)).toEqual(['a lesson:1', 'a lesson:2']);
  });

  it('asks a part\'s missing terms one lesson at a time before the next part', () => {
    const job: JobProgress = { ...fresh('a', 24), planDrafts: new Map([[1, [4, 9]]]) };
    const round = nextRound([job, fresh('b', 3)]);
    expect(round?.phase).toBe('plan');
    expect(round?.steps).toEqual([
      { jobId: 'a', key: 'terms:4', kind: 'new-terms', from: 1, lessonNumber: 4 },
      { jobId: 'b', key: 'outline-part:1', kind: 'outline-part', range: { from: 1, count: 3 } },
    ]);
  });

  it('holds the lessons while any job still plans, and plans nothing already in flight', () => {
    const planned = { ...fresh('a', 2), planParts: new Map([[1, 2]]) };
    const busy = { ...fresh('b', 20), inFlight: new Set(['outline-part:1']) };
    expect(nextRound([planned, busy])).toEqual({ phase: 'plan', steps: [] });
  });

  it('sends the repairs of every lesson with any lesson asked again, and ends when all is done', () => {
    const a: JobProgress = { ...fresh('a', 3), planParts: new Map([[1, 3]]), lessonsDone: new Set([1]), lessonDrafts: new Map([[2, ['dialogue', 'quiz-questions']]]) };
    const b: JobProgress = { ...fresh('b', 2), planParts: new Map([[1, 2]]), lessonsDone: new Set([1]), lessonDrafts: new Map([[2, ['vocabulary']]]) };
    expect(keys(nextRound([a, b]))).toEqual(['a lesson:3', 'a lesson:2/part:dialogue', 'a lesson:2/part:quiz-questions', 'b lesson:2/part:vocabulary']);
    expect(nextRound([{ ...a, lessonsDone: new Set([1, 3]) }, b])?.phase).toBe('repairs');
    const inFlight = { ...b, inFlight: new Set(['lesson:2/part:vocabulary']) };
    expect(nextRound([inFlight])).toEqual({ phase: 'repairs', steps: [] });
    expect(nextRound([{ ...b, lessonsDone: new Set([1, 2]), lessonDrafts: new Map() }])).toBeUndefined();
  });

  it('reads a job\'s progress from its checkpoints and drafts', () => {
    const checkpoints = {
      outlineParts: new Map([[1, { value: { lessons: [{}, {}, {}] }, usage: {}, repairs: [] }]]),
      lessons: new Map([[1, { value: {}, usage: {}, repairs: [] }]]),
      drafts: new Map<string, unknown>([
        ['lesson:2', { version: 1, content: {}, pending: [{ first: { kind: 'section', section: 'dialogue', problem: 'x' }, current: { kind: 'section', section: 'dialogue', problem: 'y' }, tries: 1 }], repairs: [], usage: {} }],
      ]),
    } as unknown as Checkpoints;
    const progress = progressOf('a', 3, checkpoints, new Set(['lesson:3']));
    expect(progress).toMatchObject({ planParts: new Map([[1, 3]]), lessonsDone: new Set([1]), lessonDrafts: new Map([[2, ['dialogue']]]) });
    expect(keys(nextRound([progress]))).toEqual(['a lesson:2/part:dialogue']);
  });
});
