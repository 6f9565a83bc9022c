// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCourse, fakeCourseDetail } from './course-fixture.js';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
configure({ asyncUtilTimeout: 5000 });

/** The app with one finished course, opened with Read. */
async function openCourse() {
  const course = fakeCourse();
  const job = fakeJob({ title: 'Market', state: 'succeeded', lessonsDone: 3, lessonsTotal: 3, outputPath: '/out/market', finishedAt: new Date().toISOString() });
  const bridge = new FakeBridge([job]);
  bridge.courses.set(job.id, fakeCourseDetail(job.id, course));
  renderApp(bridge);
  fireEvent.click(await screen.findByRole('button', { name: 'Read Market' }));
  const viewer = await screen.findByRole('region', { name: `Course ${course.title}` });
  const toolbar = within(viewer).getByRole('toolbar', { name: 'Lesson' });
  return { bridge, job, viewer, toolbar };
}

const shownLesson = (viewer: HTMLElement) => viewer.querySelector<HTMLElement>('.course-lesson section.fp-lesson')!;
const problemOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? '';

describe('regenerating a lesson from the viewer', () => {
  it('sends the note with the lesson shown, follows the job, and reads the course again when it finished', async () => {
    const { bridge, job, viewer, toolbar } = await openCourse();
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Next ›' }));
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Regenerate…' }));
    const dialog = await within(viewer).findByRole('dialog', { name: 'Regenerate lesson 2' });
    const note = within(dialog).getByLabelText('What should change? (optional)');
    expect(note.getAttribute('placeholder')).toBe('e.g. simpler dialogue, more food vocabulary');
    fireEvent.change(note, { target: { value: '  simpler dialogue  ' } });
    await waitFor(() => expect((note as HTMLTextAreaElement).value).toBe('  simpler dialogue  '));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Regenerate' }));

    await waitFor(() => expect(bridge.calls).toContainEqual(['regenerateLesson', [job.id, 2, 'simpler dialogue']]));
    const progress = await within(dialog).findByRole('status', { name: 'Regeneration' });
    expect(progress.textContent).toMatch(/^Waiting in the queue/);
    const lessonJob = [...bridge.jobs.values()].find((j) => j.kind === 'lesson')!;
    bridge.emit('jobsChanged', [{ ...lessonJob, state: 'running' }]);
    await waitFor(() => expect(progress.textContent).toBe('Writing lesson 2 again…'));

    const detail = bridge.courses.get(job.id)!;
    bridge.courses.set(job.id, { ...detail, course: { ...detail.course, lessons: detail.course.lessons.map((l) => (l.number === 2 ? { ...l, title: 'At the market, simpler' } : l)) } });
    const reads = bridge.calls.filter(([m]) => m === 'getCourse').length;
    bridge.emit('jobsChanged', [{ ...lessonJob, state: 'succeeded', lessonsDone: 1 }]);
    await waitFor(() => expect(progress.textContent).toMatch(/^Lesson 2 was written again/));
    await waitFor(() => expect(shownLesson(viewer).textContent).toContain('At the market, simpler'));
    expect(bridge.calls.filter(([m]) => m === 'getCourse').length).toBeGreaterThan(reads);
  });

  it('sends no note when none is given, and reads the course again on courseChanged', async () => {
    const { bridge, job, viewer, toolbar } = await openCourse();
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Regenerate…' }));
    const dialog = await within(viewer).findByRole('dialog', { name: 'Regenerate lesson 1' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(bridge.calls).toContainEqual(['regenerateLesson', [job.id, 1]]));
    expect((await within(viewer).findByRole('status', { name: 'Regeneration' })).textContent).toMatch(/^Waiting in the queue/);
    const reads = bridge.calls.filter(([m]) => m === 'getCourse').length;
    bridge.emit('courseChanged', { jobIds: ['someother'], lessonNumber: 1, reason: 'edit' });
    bridge.emit('courseChanged', { jobIds: [job.id], lessonNumber: 1, reason: 'regenerate' });
    await waitFor(() => expect(bridge.calls.filter(([m]) => m === 'getCourse').length).toBe(reads + 1));
  });
});

describe('editing a lesson', () => {
  it('edits a translation and saves it: the lesson shows it, and Undo names the version it goes back to', async () => {
    const { bridge, job, viewer, toolbar } = await openCourse();
    expect((within(toolbar).getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Edit' }));
    const form = await within(viewer).findByRole('form', { name: 'Edit lesson 1' });
    const term = within(form).getByRole('group', { name: 'Term 2: pan' });
    fireEvent.change(within(term).getByLabelText('Translation'), { target: { value: 'a loaf of bread' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(bridge.calls.some(([m]) => m === 'editLesson')).toBe(true));
    const [, [id, number, patch]] = bridge.calls.find(([m]) => m === 'editLesson') as [string, [string, number, { vocabulary: { translation: string }[]; title: string }]];
    expect([id, number]).toEqual([job.id, 1]);
    expect(patch.vocabulary.map((v) => v.translation)).toEqual(['apple', 'a loaf of bread']);
    expect(patch.title).toBe('At the market 1');
    await waitFor(() => expect(within(viewer).queryByRole('form', { name: 'Edit lesson 1' })).toBeNull());
    expect(within(shownLesson(viewer)).getByRole('table').textContent).toContain('a loaf of bread');
    expect(viewer.textContent).toContain('Lesson 1 saved.');
    const undo = await within(toolbar).findByRole('button', { name: /^Undo: back to the version of .+ \(edit\)$/ });
    expect((undo as HTMLButtonElement).disabled).toBe(false);
    expect(within(viewer).getByRole('region', { name: 'History of lesson 1' }).textContent).toContain('“At the market 1”, replaced by an edit');
  });

  it('shows the server’s refusal beside the field it names, and saves nothing', async () => {
    const { bridge, viewer, toolbar } = await openCourse();
    bridge.editRefusal = { field: 'quiz[1].explanation', message: 'quiz[1].explanation: must be at most 2000' };
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Edit' }));
    const form = await within(viewer).findByRole('form', { name: 'Edit lesson 1' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const question = within(form).getByRole('group', { name: 'Question 2' });
    const explanation = within(question).getByLabelText('Explanation');
    await waitFor(() => expect(explanation.getAttribute('aria-invalid')).toBe('true'));
    expect(problemOf(explanation)).toBe('Explanation: must be at most 2000');
    expect(within(form).getByRole('alert').textContent).toContain('Not saved');
    expect(within(viewer).getByRole('form', { name: 'Edit lesson 1' })).toBe(form);
  });

  it('catches an empty field before saving, beside the field', async () => {
    const { bridge, viewer, toolbar } = await openCourse();
    fireEvent.click(within(toolbar).getByRole('button', { name: 'Edit' }));
    const form = await within(viewer).findByRole('form', { name: 'Edit lesson 1' });
    const line = within(within(form).getByRole('group', { name: 'Line 2 (Luis)' })).getByLabelText('Translation');
    fireEvent.change(line, { target: { value: '   ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(problemOf(line)).toBe('Translation: must not be empty'));
    expect(bridge.calls.some(([m]) => m === 'editLesson')).toBe(false);
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    expect(within(viewer).queryByRole('form')).toBeNull();
  });
});

describe('undoing a change', () => {
  it('calls undoLesson for the lesson shown and shows the lesson as it was', async () => {
    const { bridge, job, viewer, toolbar } = await openCourse();
    await bridge.editLesson(job.id, 1, { summary: 'A changed summary.' });
    bridge.emit('courseChanged', { jobIds: [job.id], lessonNumber: 1, reason: 'edit' });
    await waitFor(() => expect(shownLesson(viewer).textContent).toContain('A changed summary.'));
    const undo = await within(toolbar).findByRole('button', { name: /^Undo: back to the version of .+ \(edit\)$/ });
    fireEvent.click(undo);
    await waitFor(() => expect(bridge.calls).toContainEqual(['undoLesson', [job.id, 1]]));
    await waitFor(() => expect(shownLesson(viewer).textContent).toContain('Buying food, part 1.'));
    expect(shownLesson(viewer).textContent).not.toContain('A changed summary.');
    expect(viewer.textContent).toContain('Lesson 1 is back to its previous version.');
    await waitFor(() => expect((within(toolbar).getByRole('button', { name: 'Undo' }) as HTMLButtonElement).disabled).toBe(true));
  });
});
