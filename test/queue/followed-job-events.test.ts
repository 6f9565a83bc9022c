import { describe, expect, it } from 'vitest';
import { followedJobEvents } from '../../electron/core/queue/followed-job-events.js';
import { fakeJob } from '../renderer/fake-bridge.js';

// A job another process runs is reported as if its worker ran here: the events between what was
// seen last and what is seen now.

describe('following a job another process runs', () => {
  it('reports the plan, each lesson finished since, and the end, in order', () => {
    const before = fakeJob({ state: 'running', outlineDone: false, lessonsDone: 0, lessonsTotal: 3 });
    const after = fakeJob({ state: 'succeeded', outlineDone: true, lessonsDone: 3, lessonsTotal: 3, outputPath: '/c/x' });
    expect(followedJobEvents(before, after).map((e) => e.type)).toEqual(['outline-done', 'lesson-done', 'lesson-done', 'lesson-done', 'job-succeeded']);
    expect(followedJobEvents(before, after)[3]).toEqual({ type: 'lesson-done', lessonNumber: 3, lessonsDone: 3, lessonsTotal: 3 });
  });

  it('reports nothing when nothing changed, and a failure with its reason', () => {
    const running = fakeJob({ state: 'running', lessonsDone: 1 });
    expect(followedJobEvents(running, running)).toEqual([]);
    expect(followedJobEvents(running, { ...running, state: 'failed', error: 'boom' })).toEqual([{ type: 'job-failed', reason: 'boom' }]);
  });
});
