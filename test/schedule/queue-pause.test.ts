import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Orchestrator } from '../../electron/core/queue/orchestrator.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { QueuePauseStore } from '../../electron/core/store/queue-pause.js';
import { waitUntil } from '../support/child-processes.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('pause until', () => {
  it('is kept in the database across restarts, and ends by itself at its time', () => {
    let now = Date.parse('2025-01-01T12:00:00Z');
    const file = join(tempDir(), 'queue.sqlite');
    const store = new JobStore(file);
    const pause = new QueuePauseStore(store.db, { now: () => now });
    expect(pause.get()).toBeUndefined();
    pause.pause(Date.parse('2025-01-01T22:00:00Z'));
    store.close();
    const reopened = new JobStore(file);
    const again = new QueuePauseStore(reopened.db, { now: () => now });
    expect(again.get()).toEqual({ pausedAt: '2025-01-01T12:00:00.000Z', pausedUntil: '2025-01-01T22:00:00.000Z' });
    now = Date.parse('2025-01-01T22:00:00Z');
    expect(again.isPaused).toBe(false);
    again.pause();
    expect(again.get()).toEqual({ pausedAt: '2025-01-01T22:00:00.000Z' });
    expect(again.resume()).toBe(true);
    expect(again.resume()).toBe(false);
    expect(() => again.pause(now - 1)).toThrow('Expected `until` to be a time in the future, got `1735768799999` (number)');
    reopened.close();
  });

  it('keeps jobs queued while paused and starts them when the pause ends', async () => {
    const store = new JobStore(join(tempDir(), 'queue.sqlite'));
    const orchestrator = new Orchestrator({ store, host: nodeHost(), pollMs: 100 });
    cleanups.push(() => store.close(), () => orchestrator.stop());
    const until = Date.now() + 1500;
    new QueuePauseStore(store.db).pause(until);
    const { job } = orchestrator.enqueue(enqueueInput('Night Course', join(tempDir(), 'out')));
    orchestrator.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(store.get(job.id)!.state).toBe('queued');
    await waitUntil(() => store.get(job.id)!.state === 'succeeded', 15_000);
    expect(Date.parse(store.get(job.id)!.startedAt!)).toBeGreaterThanOrEqual(until);
  });

  it('a resume from another process lets the queue run at once', async () => {
    const file = join(tempDir(), 'queue.sqlite');
    const store = new JobStore(file);
    const orchestrator = new Orchestrator({ store, host: nodeHost(), pollMs: 100 });
    cleanups.push(() => store.close(), () => orchestrator.stop());
    new QueuePauseStore(store.db).pause();
    const { job } = orchestrator.enqueue(enqueueInput('Waiting', join(tempDir(), 'out')));
    orchestrator.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(store.get(job.id)!.state).toBe('queued');
    const other = new JobStore(file);
    new QueuePauseStore(other.db).resume();
    other.close();
    await waitUntil(() => store.get(job.id)!.state === 'succeeded', 15_000);
  });
});
