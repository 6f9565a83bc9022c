// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDetail, QualityView } from '../../electron/shared/api.js';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);

/** A bridge whose finished jobs carry a quality report, as getJob returns it for a written course. */
class BridgeWithQuality extends FakeBridge {
  constructor(
    jobs: ReturnType<typeof fakeJob>[],
    readonly quality: QualityView | undefined,
  ) {
    super(jobs);
  }
  override async getJob(id: string): Promise<JobDetail> {
    const detail = await super.getJob(id);
    return this.quality ? { ...detail, quality: this.quality } : detail;
  }
}

const metrics: QualityView['metrics'] = { coveragePct: 82.5, recyclingPct: 90, duplicateTerms: 1, invalidQuizAnswers: 0, emptySections: 0, estimatedMinutes: [14, 16] };

async function openDetails(quality: QualityView | undefined) {
  const job = fakeJob({ title: 'Checked', state: 'succeeded', lessonsDone: 2, lessonsTotal: 2, outputPath: '/out/checked', finishedAt: new Date().toISOString() });
  renderApp(new BridgeWithQuality([job], quality));
  fireEvent.click(await screen.findByRole('button', { name: 'Details of Checked' }));
  return screen.findByRole('dialog', { name: 'Job Checked' });
}

describe('the quality report in a job’s details', () => {
  it('shows the verdict, the vocabulary figures, each finding with its lesson, and the repairs', async () => {
    const dialog = await openDetails({
      holds: false,
      metrics,
      findings: [
        { rule: 'vocabulary-unique', severity: 'fail', lesson: 2, message: 'lesson 2 introduces "la mesa" again (first in lesson 1)' },
        { rule: 'lesson-length', severity: 'warn', lesson: 1, message: 'lesson 1 looks short for a 20-minute lesson: its content takes about 6 minutes; add practice or lower lessonMinutes' },
      ],
      repairs: [
        { kind: 'duplicate-term-dropped', lesson: 2, where: 'lesson 2 vocabulary', detail: 'dropped "hola", already introduced in lesson 1' },
        { kind: 'renumbered', where: 'outline', detail: 'lessons numbered 175, 182 were numbered 1, 2' },
      ],
    });
    const section = await within(dialog).findByRole('region', { name: 'Quality' });
    expect(within(section).getByText('1 problem needs attention, with 1 warning.')).toBeTruthy();
    const figures = within(section).getByLabelText('Quality figures');
    expect(figures.textContent).toContain('New terms used in their lesson82.5 %');
    expect(figures.textContent).toContain('Lessons reusing earlier terms90 %');
    const problems = within(within(section).getByRole('list', { name: 'Problems' })).getAllByRole('listitem');
    expect(problems.map((li) => li.textContent)).toEqual(['Lesson 2 introduces "la mesa" again (first in lesson 1)']);
    const warnings = within(within(section).getByRole('list', { name: 'Warnings' })).getAllByRole('listitem');
    expect(warnings.map((li) => li.textContent)).toEqual(['Lesson 1 looks short for a 20-minute lesson: its content takes about 6 minutes; add practice or lower lessonMinutes']);
    expect(within(section).getByRole('heading', { name: 'Repairs made (2)' })).toBeTruthy();
    const repairs = within(within(section).getByRole('list', { name: 'Repairs made' })).getAllByRole('listitem');
    expect(repairs.map((li) => li.textContent)).toEqual(['Lesson 2 vocabulary: dropped "hola", already introduced in lesson 1', 'Outline: lessons numbered 175, 182 were numbered 1, 2']);
  });

  it('says all checks hold and no repairs were needed for a clean course, with no empty lists', async () => {
    const dialog = await openDetails({ holds: true, metrics: { ...metrics, coveragePct: 100, recyclingPct: 100, duplicateTerms: 0 }, findings: [], repairs: [] });
    const section = await within(dialog).findByRole('region', { name: 'Quality' });
    expect(within(section).getByText('All checks hold.')).toBeTruthy();
    expect(within(section).getByText('No repairs were needed.')).toBeTruthy();
    expect(within(section).queryByRole('list')).toBeNull();
  });

  it('shows no quality section when the course has no report', async () => {
    const dialog = await openDetails(undefined);
    await within(dialog).findByRole('list', { name: 'Lessons' });
    expect(within(dialog).queryByRole('region', { name: 'Quality' })).toBeNull();
    expect(within(dialog).queryByRole('heading', { name: 'Quality' })).toBeNull();
  });
});
