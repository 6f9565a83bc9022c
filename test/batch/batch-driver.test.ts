import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchClient } from '../../electron/core/batch/batch-client.js';
import { BatchDriver, type DriverEvent } from '../../electron/core/batch/batch-driver.js';
import { batchRequest } from '../../electron/core/batch/batch-line.js';
import { BatchStore, type StoredLine } from '../../electron/core/batch/batch-store.js';
import { jsonSchemaFormat } from '../../electron/core/course/structured-output.js';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import type { LlmTask } from '../../electron/core/providers/provider.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';
import { z } from 'zod';

// The durable loop against the batch test server: ticks on a clock the test moves (ten minutes
// a tick: every batch is due for its poll), with real time only for the server to work.

const tempDir = useTempDir();
let server: FakeLlmServer | undefined;
const opened: JobStore[] = [];
afterEach(async () => {
  for (const jobs of opened.splice(0)) jobs.close();
  await server?.close();
  server = undefined;
});

const format = jsonSchemaFormat('lesson', z.object({ title: z.string(), words: z.array(z.string()).min(2) }));

function setUp() {
  const jobs = new JobStore(join(tempDir(), 'queue.sqlite'));
  opened.push(jobs);
  return jobs;
}

function reopen() {
  return setUp();
}

/** `count` lessons of each of `titles`: one job each, every lesson a pending line. */
function addCourses(jobs: JobStore, store: BatchStore, titles: string[], count: number): string[] {
  const ids = titles.map((title) => jobs.enqueue(enqueueInput(title, tempDir())).job.id);
  store.addLines(ids.flatMap((id, j) => Array.from({ length: count }, (_, i) => batchRequest(id, `lesson:${i + 1}`, 'test-model', { task: { kind: 'lesson' } as LlmTask, messages: [{ role: 'user', content: `Write lesson ${i + 1} of "${titles[j]}".` }], format }))));
  return ids;
}

function driverFor(jobs: JobStore, clock: { now: number }, extra: Partial<ConstructorParameters<typeof BatchDriver>[0]> = {}) {
  const store = new BatchStore(jobs.db, { now: () => clock.now });
  const client = new BatchClient({ apiKey: 'k', baseURL: server!.baseURL });
  const events: DriverEvent[] = [];
  const answered = new Set<string>();
  const driver = new BatchDriver({ store, client, now: () => clock.now, onEvent: (e) => events.push(e), onAnswered: (ids) => ids.forEach((id) => answered.add(id)), ...extra });
  return { store, client, driver, events, answered };
}

async function runUntil(driver: BatchDriver, clock: { now: number }, done: () => boolean, ticks = 200): Promise<void> {
  for (let i = 0; i < ticks && !done(); i++) {
    await driver.tick();
    clock.now += 600_000;
    await new Promise((r) => setTimeout(r, 15));
  }
  expect(done()).toBe(true);
}

function allSubmittedOnce(): void {
  const flat = server!.batch.submittedIds().flat();
  expect(new Set(flat).size).toBe(flat.length);
}

async function start(options: FakeLlmServerOptions) {
  server = await FakeLlmServer.start(options);
}

describe('BatchDriver', () => {
  it('submits the pending lines, polls, and stores every answer: the answer a live request gets', async () => {
    await start({ batch: { lineMs: 1 } });
    const jobs = setUp();
    const clock = { now: 1_000_000 };
    const { store, driver, events, answered } = driverFor(jobs, clock);
    const ids = addCourses(jobs, store, ['Alpha', 'Beta', 'Gamma'], 12);
    await runUntil(driver, clock, () => store.answered().length === 36);
    expect(events.filter((e) => e.type === 'submitted')).toEqual([expect.objectContaining({ lines: 36 })]);
    expect([...answered].sort()).toEqual([...ids].sort());
    allSubmittedOnce();
    const live = await new OpenAiProvider({ apiKey: 'k', baseURL: server!.baseURL, model: 'test-model' }).complete({ task: { kind: 'lesson' } as LlmTask, messages: [{ role: 'user', content: 'Write lesson 5 of "Beta".' }], format, maxCompletionTokens: 4000 });
    expect(store.line(`${ids[1]}/lesson:5`)?.answer?.text).toBe(live.text);
    expect(store.progress(ids[0]!)).toMatchObject({ lines: 12, answered: 12, waiting: 0 });
  });

  it('submits the lines an expired batch did not answer again, and pays for none twice', async () => {
    await start({ batch: { lineMs: 15, lineConcurrency: 1, completionWindowMs: 150 } });
    const jobs = setUp();
    const clock = { now: 1_000_000 };
    const { store, driver, events } = driverFor(jobs, clock);
    addCourses(jobs, store, ['Slow'], 24);
    await runUntil(driver, clock, () => store.answered().length === 24);
    const batches = server!.batch.batches;
    expect(batches[0]!.status).toBe('expired');
    expect(batches.length).toBeGreaterThan(1);
    expect(events.filter((e) => e.type === 'submitted').length).toBe(batches.length);
    // Resubmitted lines are only those that never ran: every lesson was answered exactly once.
    expect([...server!.paidCounts().values()].every((n) => n === 1)).toBe(true);
    expect(server!.paidCounts().size).toBe(24);
  });

  it('after a crash between create and saving the batch id, finds the batch by its metadata instead of submitting it again', async () => {
    await start({ batch: { lineMs: 1 } });
    const clock = { now: 1_000_000 };
    const jobs = setUp();
    const first = driverFor(jobs, clock);
    addCourses(jobs, first.store, ['Crash'], 5);
    // The process dies right after the provider created the batch: the id never reached SQLite.
    const dying = new BatchDriver({
      store: first.store,
      client: { ...pick(first.client), submit: async (file, metadata) => (await first.client.submit(file, metadata), Promise.reject(new Error('killed'))) },
      now: () => clock.now,
    });
    await expect(dying.tick()).rejects.toThrow('killed');
    expect(first.store.interruptedSubmissions()).toHaveLength(1);

    const after = driverFor(reopen(), clock);
    await runUntil(after.driver, clock, () => after.store.answered().length === 5);
    expect(after.events[0]).toMatchObject({ type: 'recovered', found: true });
    expect(server!.batch.batches).toHaveLength(1);
    allSubmittedOnce();
  });

  it('splits a round over the provider\'s queue limit and waits for room: no line fails', async () => {
    await start({ batch: { lineMs: 5, enqueuedTokenLimit: 200 } });
    const jobs = setUp();
    const clock = { now: 1_000_000 };
    const { store, driver, events } = driverFor(jobs, clock);
    addCourses(jobs, store, ['Queue'], 16); // ~19 tokens a line: 16 lines are over 200, 8 are not
    await runUntil(driver, clock, () => store.answered().length === 16);
    expect(events.filter((e) => e.type === 'token-limited').map((e) => (e as { decision: string }).decision)[0]).toBe('split');
    expect(server!.batch.batches.some((b) => b.status === 'completed')).toBe(true);
    expect(store.progress(store.answered()[0]!.jobId)).toMatchObject({ failed: 0, answered: 16 });
    expect([...server!.paidCounts().values()].every((n) => n === 1)).toBe(true);
  });

  it('cancels a job mid-batch: its lines are dropped and its batch cancelled; the other job\'s batch runs on', async () => {
    await start({ batch: { lineMs: 20, lineConcurrency: 1 } });
    const jobs = setUp();
    const clock = { now: 1_000_000 };
    const { store, driver } = driverFor(jobs, clock, { limits: { maxLines: 6 } });
    const [keep, drop] = addCourses(jobs, store, ['Keep', 'Drop'], 6);
    await driver.tick();
    expect(server!.batch.batches).toHaveLength(2);
    expect(await driver.cancelJob(drop!)).toEqual([server!.batch.batches[1]!.id]);
    await runUntil(driver, clock, () => store.progress(keep!).answered === 6);
    expect(server!.batch.batches.map((b) => b.status)).toEqual(['completed', 'cancelled']);
    expect(store.progress(drop!).lines).toBe(0);
    expect(store.openBatches()).toEqual([]);
  });

  it('hands every line to the live path when the provider has no Batch API', async () => {
    await start({ batch: { mode: 'absent' } });
    const jobs = setUp();
    const clock = { now: 1_000_000 };
    let live: StoredLine[] = [];
    let reason = '';
    const { store, driver, events } = driverFor(jobs, clock, { onLive: (lines, why) => ((live = lines), (reason = why)) });
    addCourses(jobs, store, ['Local'], 3);
    await driver.tick();
    expect(events).toEqual([{ type: 'unsupported', message: expect.stringContaining('the live path is used') }]);
    expect(live.map((l) => l.step)).toEqual(['lesson:1', 'lesson:2', 'lesson:3']);
    expect(reason).toMatch(/^this provider has no Batch API/);
    expect(store.interruptedSubmissions()).toEqual([]);
    expect(live.map((l) => store.line(l.customId)?.state)).toEqual(['live', 'live', 'live']);
    // Nothing is submitted again on the next tick: the lines wait for the live path.
    await driver.tick();
    expect(store.pending()).toEqual([]);
  });
});

function pick(client: BatchClient) {
  return { submit: client.submit.bind(client), retrieve: client.retrieve.bind(client), results: client.results.bind(client), findByMetadata: client.findByMetadata.bind(client), cancel: client.cancel.bind(client) };
}
