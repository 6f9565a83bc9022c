import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressView } from '../../electron/cli/progress-view.js';
import type { JobEvent } from '../../electron/shared/job-events.js';

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

const at = '2026-01-01T00:00:00.000Z';
const events: JobEvent[] = [
  { jobId: 'a1', at, type: 'job-queued', file: 'x.course.yaml', title: 'Spanish', lessonsTotal: 4 },
  { jobId: 'a1', at, type: 'job-started' },
  { jobId: 'a1', at, type: 'outline-done' },
  { jobId: 'a1', at, type: 'lesson-done', lessonNumber: 1, lessonsDone: 1, lessonsTotal: 4 },
  { jobId: 'a1', at, type: 'lesson-done', lessonNumber: 2, lessonsDone: 2, lessonsTotal: 4 },
];

describe('progress view', () => {
  it('redraws one line per job in place on a terminal', () => {
    const out = capture(true);
    const clock = { t: 0 };
    const view = createProgressView(out.stream, 'auto', () => clock.t);
    for (const e of events) view.onEvent(e);
    clock.t = 12_000;
    view.close();
    view.onEvent({ jobId: 'a1', at, type: 'job-failed', reason: 'boom' });
    view.close();
    const frames = out.text().split('\x1b[2K').filter(Boolean);
    expect(frames[0]).toMatch(/▸ \[a1\] Spanish\s+████████░░░░░░░░  2\/4   12s running/);
    expect(out.text()).toContain('\x1b[1A'); // the second frame moved up over the first
    expect(frames.at(-1)).toMatch(/✘ \[a1\] Spanish .* failed boom/);
  });

  it('prints plain log lines in a pipe', () => {
    const out = capture(false);
    const view = createProgressView(out.stream, 'auto');
    for (const e of events) view.onEvent(e);
    expect(out.text().split('\n')).toContain('[a1] Spanish: lesson 2 done (2/4)');
    expect(out.text()).not.toContain('\x1b[');
  });
});
