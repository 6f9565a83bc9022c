// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);

describe('the jobs board', () => {
  it('groups jobs as Queued, Running and Finished, with counts', async () => {
    const bridge = new FakeBridge([
      fakeJob({ title: 'Waiting Course' }),
      fakeJob({ title: 'Busy Course', state: 'running', startedAt: new Date().toISOString(), lessonsDone: 3 }),
      fakeJob({ title: 'Done Course', state: 'succeeded', lessonsDone: 8, finishedAt: new Date().toISOString(), startedAt: new Date().toISOString() }),
      fakeJob({ title: 'Broken Course', state: 'failed', error: 'the API key was refused (401)', finishedAt: new Date().toISOString() }),
    ]);
    renderApp(bridge);
    expect(await screen.findByRole('article', { name: 'Waiting Course, Queued' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Queued 1' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Running 1' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Finished 2' })).toBeTruthy();
    expect(screen.getByRole('article', { name: 'Broken Course, Failed' }).textContent).toContain('the API key was refused (401)');
    expect(screen.getByText('1 running · 1 queued · 2 finished')).toBeTruthy();
  });

  it('shows a job’s progress, time left, tokens and cost', async () => {
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    const bridge = new FakeBridge([fakeJob({ title: 'Busy', state: 'running', startedAt, lessonsDone: 2, lessonsTotal: 8, usage: { requests: 3, promptTokens: 1_000_000, completionTokens: 1_000_000 } })]);
    renderApp(bridge);
    const row = await screen.findByRole('article', { name: 'Busy, Running' });
    const bar = within(row).getByRole('progressbar', { name: 'Lessons of Busy' });
    expect(bar.getAttribute('aria-valuenow')).toBe('2');
    expect(bar.getAttribute('aria-valuetext')).toBe('2 of 8 lessons');
    expect(row.textContent).toMatch(/2\/8 lessons · 1m 0\ds · about 3m 0\ds left · 2000k tokens · \$0\.75/);
    expect(row.textContent).toContain('Spanish · A1 · openai · gpt-4o-mini');
  });

  it('moves a job between groups as events arrive', async () => {
    const job = fakeJob({ title: 'Moving' });
    const bridge = new FakeBridge([job]);
    renderApp(bridge);
    await screen.findByRole('article', { name: 'Moving, Queued' });
    act(() => bridge.emit('jobsChanged', [{ ...job, state: 'running', startedAt: new Date().toISOString() }]));
    expect(await screen.findByRole('article', { name: 'Moving, Running' })).toBeTruthy();
    act(() => bridge.emit('jobsChanged', [{ ...job, state: 'succeeded', lessonsDone: 8, finishedAt: new Date().toISOString() }]));
    expect(await screen.findByRole('article', { name: 'Moving, Finished' })).toBeTruthy();
    act(() => bridge.emit('jobsRemoved', [job.id]));
    await waitFor(() => expect(screen.queryByRole('article', { name: /^Moving/ })).toBeNull());
  });

  it('offers the actions each state allows, and calls the API for them', async () => {
    const queued = fakeJob({ title: 'Q' });
    const failed = fakeJob({ title: 'F', state: 'failed', error: 'boom' });
    const done = fakeJob({ title: 'D', state: 'succeeded', outputPath: '/out/d' });
    const bridge = new FakeBridge([queued, failed, done]);
    renderApp(bridge);
    await screen.findByRole('article', { name: 'Q, Queued' });
    expect(screen.queryByRole('button', { name: 'Retry Q' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel D' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel Q' }));
    fireEvent.click(screen.getByRole('button', { name: 'Retry F' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show D in Finder' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open D' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove D' }));
    await waitFor(() =>
      expect(bridge.calls.filter(([name]) => name !== 'listJobs').map(([name, args]) => `${name} ${args[0]}`)).toEqual([
        `cancelJob ${queued.id}`,
        `retryJob ${failed.id}`,
        `revealOutput ${done.id}`,
        `openOutput ${done.id}`,
        `removeJob ${done.id}`,
      ]),
    );
    expect(await screen.findByRole('article', { name: 'Q, Cancelled' })).toBeTruthy();
  });

  it('hides Finder actions where files cannot be shown (a remote browser)', async () => {
    const bridge = new FakeBridge([fakeJob({ title: 'D', state: 'succeeded' })]);
    bridge.settings = { ...bridge.settings, canRevealFiles: false };
    renderApp(bridge);
    await screen.findByRole('article', { name: 'D, Finished' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Show D in Finder' })).toBeNull());
  });

  it('opens a job’s details: every lesson’s state and the log; Escape closes them', async () => {
    const bridge = new FakeBridge([fakeJob({ title: 'Detailed', state: 'running', lessonsDone: 2, lessonsTotal: 3, startedAt: new Date().toISOString() })]);
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Details of Detailed' }));
    const dialog = await screen.findByRole('dialog', { name: 'Job Detailed' });
    const lessons = await within(dialog).findAllByRole('listitem');
    expect(lessons.map((l) => l.textContent)).toEqual(['Lesson title 1 Done', 'Lesson title 2 Done', 'Lesson title 3 Waiting']);
    expect(within(dialog).getByLabelText('Log').textContent).toContain('queued from test');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Job Detailed' })).toBeNull());
  });

  it('teaches when the queue is empty, and queues an example on request', async () => {
    const bridge = new FakeBridge();
    renderApp(bridge);
    expect(await screen.findByRole('heading', { name: 'Drop a course spec here' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try an example' }));
    await waitFor(() => expect(bridge.calls.map(([n]) => n)).toContain('addExample'));
  });

  it('renders only the rows in view with 5,000 jobs', async () => {
    const jobs = Array.from({ length: 5000 }, (_, i) => fakeJob({ title: `Bulk ${i}` }));
    renderApp(new FakeBridge(jobs));
    expect(await screen.findByRole('heading', { name: 'Queued 5000' })).toBeTruthy();
    const rendered = screen.getAllByRole('article').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
  });
});
