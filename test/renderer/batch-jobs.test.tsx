// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

// Issue 19: a batch-mode job on the board. It stays Queued while the provider works its batch,
// says how far the batch is, lists its batches in the details, and costs the batch price.

afterEach(cleanup);

/** 02:00 today, local time: the board says the time as the author's clock shows it. */
const twoAm = new Date(new Date().setHours(2, 0, 0, 0));

describe('a batch-mode job on the board', () => {
  it('says it waits for the batch: how many answered, and when it was submitted', async () => {
    const job = fakeJob({ title: 'Overnight', mode: 'batch', batchWait: { lines: 420, answered: 340, firstSubmittedAt: twoAm.toISOString() } });
    renderApp(new FakeBridge([job]));
    const row = await screen.findByRole('article', { name: 'Overnight, Queued' });
    expect(within(row).getByRole('status').textContent).toBe('Waiting for the batch: 340 of 420 answered, submitted 02:00');
  });

  it('costs what the Batch API answered at half the live price', async () => {
    const usage = { requests: 40, promptTokens: 2_000_000, completionTokens: 2_000_000 };
    const bridge = new FakeBridge([
      fakeJob({ title: 'Live', state: 'succeeded', usage }),
      fakeJob({ title: 'Batched', state: 'succeeded', mode: 'batch', usage, batchUsage: usage }),
      fakeJob({ title: 'Half', state: 'succeeded', mode: 'batch', usage, batchUsage: { requests: 20, promptTokens: 1_000_000, completionTokens: 1_000_000 } }),
    ]);
    renderApp(bridge);
    // gpt-4o-mini: $0.15 and $0.60 per million tokens in and out.
    expect((await screen.findByRole('article', { name: 'Live, Finished' })).textContent).toContain('4000k tokens · $1.50');
    expect(screen.getByRole('article', { name: 'Batched, Finished' }).textContent).toContain('4000k tokens · $0.75');
    expect(screen.getByRole('article', { name: 'Half, Finished' }).textContent).toContain('4000k tokens · $1.13');
  });

  it('lists its batches in the details: id, state, counts, submitted and completed', async () => {
    const job = fakeJob({ title: 'Overnight', mode: 'batch', batchWait: { lines: 60, answered: 12, firstSubmittedAt: twoAm.toISOString() } });
    const bridge = new FakeBridge([job]);
    const completed = new Date(twoAm.getTime() + 25 * 60_000);
    bridge.batches.set(job.id, [
      { id: 'batch_lessons', round: 'lessons and repairs', state: 'in_progress', counts: { total: 48, completed: 0, failed: 0 }, createdAt: completed.toISOString() },
      { id: 'batch_plan', round: 'plan', state: 'completed', counts: { total: 12, completed: 12, failed: 0 }, createdAt: twoAm.toISOString(), completedAt: completed.toISOString() },
    ]);
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Details of Overnight' }));
    const dialog = await screen.findByRole('dialog', { name: 'Job Overnight' });
    expect(within(dialog).getByRole('status').textContent).toBe('Waiting for the batch: 12 of 60 answered, submitted 02:00');
    const table = await within(dialog).findByRole('table', { name: 'Batches' });
    const rows = within(table).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    const day = twoAm.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
    expect(rows).toEqual([
      ['batch_lessons (lessons and repairs)', 'in progress', '0 of 48', `${day}, 02:25`, '—'],
      ['batch_plan (plan)', 'completed', '12 of 12', `${day}, 02:00`, `${day}, 02:25`],
    ]);
  });

  it('Settings switch: scheduled runs use the Batch API', async () => {
    const bridge = new FakeBridge();
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settings' });
    const toggle = within(dialog).getByRole('checkbox', { name: 'Scheduled runs use the Batch API (half price, ready within 24 h)' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bridge.calls.find(([n]) => n === 'setSettings')?.[1]).toEqual([{ scheduledBatch: true }]));
  });

  it("a schedule's own switch: its courses through the Batch API, whatever Settings say", async () => {
    const bridge = new FakeBridge();
    renderApp(bridge);
    fireEvent.click(screen.getByRole('button', { name: 'Schedules' }));
    await screen.findByRole('region', { name: 'Schedules' });
    fireEvent.click(screen.getByRole('button', { name: 'New schedule' }));
    const form = screen.getByRole('form', { name: 'New schedule' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'nightly' } });
    fireEvent.change(within(form).getByLabelText('Folder'), { target: { value: '~/Courses/Inbox' } });
    const batch = within(form).getByLabelText('Batch API (half price, ready within 24 h)') as HTMLSelectElement;
    expect(batch.value).toBe('settings');
    fireEvent.change(batch, { target: { value: 'on' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add schedule' }));
    await waitFor(() => expect(bridge.calls.find(([m]) => m === 'addSchedule')?.[1]).toMatchObject([{ name: 'nightly', folder: '~/Courses/Inbox', batch: true }]));
  });
});
