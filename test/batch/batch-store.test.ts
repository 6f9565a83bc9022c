import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { BatchSnapshot } from '../../electron/core/batch/batch-client.js';
import { customIdOf, type BatchRequest } from '../../electron/core/batch/batch-line.js';
import { BatchStore } from '../../electron/core/batch/batch-store.js';
import type { BatchResults, LineOutcome } from '../../electron/core/batch/jsonl-reader.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { MIGRATIONS, migrate } from '../../electron/core/store/migrations.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();

function open(now = () => 1_000_000) {
  const jobs = new JobStore(join(tempDir(), 'queue.sqlite'));
  return { jobs, store: new BatchStore(jobs.db, { now }) };
}

function job(jobs: JobStore, title: string): string {
  return jobs.enqueue(enqueueInput(title, tempDir())).job.id;
}

function line(jobId: string, step: string, model = 'gpt-4o-mini'): BatchRequest {
  return { customId: customIdOf(jobId, step), body: { model, messages: [{ role: 'user', content: `${jobId} ${step}` }] } };
}

function snapshot(id: string, extra: Partial<BatchSnapshot> = {}): BatchSnapshot {
  return { id, inputFileId: 'file-1', state: 'validating', counts: { total: 0, completed: 0, failed: 0 }, createdAt: 1_000_000, errors: [], tokenLimited: false, metadata: {}, ...extra };
}

function results(outcomes: LineOutcome[], missing: string[] = []): BatchResults {
  return { outcomes: new Map(outcomes.map((o) => [o.customId, o])), missing, ignored: 0 };
}

const ANSWER = { text: '{"ok":true}', promptTokens: 10, completionTokens: 5, finishReason: 'stop' };

describe('migration 10', () => {
  it('applies after 8 with 9 missing: the numbers are applied in order and a gap is harmless', () => {
    const db = new Database(join(tempDir(), 'old.sqlite'));
    for (const m of MIGRATIONS.filter((m) => m.version <= 8)) db.exec(m.sql);
    db.pragma('user_version = 8');
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'batch%' ORDER BY name`).pluck().all();
    expect(tables).toEqual(['batch_lines', 'batches']);
    db.close();
  });
});

describe('BatchStore', () => {
  it('walks a line from pending to submitted, answered and done, and keeps it across a reopen', () => {
    let now = 1_000_000;
    const { jobs, store } = open(() => now);
    const a = job(jobs, 'Alpha');
    expect(store.addLines([line(a, 'lesson:1'), line(a, 'lesson:2')])).toBe(2);
    expect(store.addLines([line(a, 'lesson:1')])).toBe(0);
    expect(store.pending().map((l) => [l.step, l.state])).toEqual([['lesson:1', 'pending'], ['lesson:2', 'pending']]);

    const id = store.beginSubmission('gpt-4o-mini', 'lessons', [customIdOf(a, 'lesson:1'), customIdOf(a, 'lesson:2')]);
    store.recordSubmitted(id, snapshot('batch_abc'));
    expect(store.batch(id)).toMatchObject({ providerBatchId: 'batch_abc', state: 'validating', round: 'lessons', counts: { total: 2 }, submittedAt: 1_000_000, nextPollAt: 1_060_000 });
    expect(store.dueForPoll(1_059_999)).toEqual([]);
    expect(store.dueForPoll(1_060_000).map((b) => b.id)).toEqual([id]);

    now = 1_060_000;
    store.recordPoll(id, snapshot('batch_abc', { state: 'in_progress', counts: { total: 2, completed: 1, failed: 0 } }));
    expect(store.batch(id)).toMatchObject({ state: 'in_progress', counts: { completed: 1 }, polls: 1, nextPollAt: 1_060_000 + 120_000 });
    now = 1_200_000;
    store.recordPoll(id, snapshot('batch_abc', { state: 'completed', counts: { total: 2, completed: 2, failed: 0 }, outputFileId: 'file-out', finishedAt: 1_190_000 }));
    expect(store.batch(id)).toMatchObject({ state: 'completed', outputFileId: 'file-out', completedAt: 1_190_000 });
    expect(store.batch(id)?.nextPollAt).toBeUndefined();
    store.applyResults(id, results([{ customId: customIdOf(a, 'lesson:1'), kind: 'answer', answer: ANSWER }, { customId: customIdOf(a, 'lesson:2'), kind: 'answer', answer: ANSWER }]));
    expect(store.dueForPoll(Infinity)).toEqual([]);
    expect(store.progress(a)).toEqual({ lines: 2, answered: 2, waiting: 0, failed: 0, firstSubmittedAt: 1_000_000 });
    jobs.close();

    const reopened = open(() => now);
    expect(reopened.store.answered(a).map((l) => [l.step, l.answer])).toEqual([['lesson:1', ANSWER], ['lesson:2', ANSWER]]);
    reopened.store.markDone(customIdOf(a, 'lesson:1'));
    expect(reopened.store.line(customIdOf(a, 'lesson:1'))).toMatchObject({ state: 'done', submissions: 1 });
    expect(reopened.store.line(customIdOf(a, 'lesson:1'))?.answer).toBeUndefined();
    expect(reopened.store.progress(a).answered).toBe(2);
    reopened.jobs.close();
  });

  it('never puts a line in two batches', () => {
    const { jobs, store } = open();
    const a = job(jobs, 'Alpha');
    store.addLines([line(a, 'lesson:1'), line(a, 'lesson:2')]);
    const first = store.beginSubmission('gpt-4o-mini', 'lessons', [customIdOf(a, 'lesson:1')]);
    expect(() => store.beginSubmission('gpt-4o-mini', 'lessons', [customIdOf(a, 'lesson:2'), customIdOf(a, 'lesson:1')])).toThrow(`the line ${customIdOf(a, 'lesson:1')} is not waiting for a batch of gpt-4o-mini`);
    // The refused submission left nothing behind: lesson 2 still waits, only the first batch exists.
    expect(store.pending().map((l) => l.step)).toEqual(['lesson:2']);
    expect(store.interruptedSubmissions().map((b) => b.id)).toEqual([first]);
    jobs.close();
  });

  it('sends lines that never ran, failed for a passing reason or went missing to the next round; a refused request fails', () => {
    const { jobs, store } = open();
    const a = job(jobs, 'Alpha');
    const steps = ['lesson:1', 'lesson:2', 'lesson:3', 'lesson:4', 'lesson:5'];
    store.addLines(steps.map((s) => line(a, s)));
    const id = store.beginSubmission('gpt-4o-mini', 'lessons', steps.map((s) => customIdOf(a, s)));
    store.recordSubmitted(id, snapshot('batch_x'));
    store.recordPoll(id, snapshot('batch_x', { state: 'expired', counts: { total: 5, completed: 1, failed: 3 } }));
    store.applyResults(id, results([
      { customId: customIdOf(a, 'lesson:1'), kind: 'answer', answer: ANSWER },
      { customId: customIdOf(a, 'lesson:2'), kind: 'failed', message: 'batch_expired', code: 'batch_expired', retryable: true },
      { customId: customIdOf(a, 'lesson:3'), kind: 'failed', message: '500 server error', status: 500, retryable: true },
      { customId: customIdOf(a, 'lesson:4'), kind: 'failed', message: '400 Invalid schema', status: 400, retryable: false },
    ], [customIdOf(a, 'lesson:5')]));
    expect(steps.map((s) => store.line(customIdOf(a, s))?.state)).toEqual(['answered', 'pending', 'pending', 'failed', 'pending']);
    expect(store.line(customIdOf(a, 'lesson:4'))?.error).toBe('400 Invalid schema');
    expect(store.pending().map((l) => [l.step, l.submissions])).toEqual([['lesson:2', 1], ['lesson:3', 1], ['lesson:5', 1]]);
    expect(store.progress(a)).toMatchObject({ lines: 5, answered: 1, waiting: 3, failed: 1 });
    jobs.close();
  });

  it('ignores a late read of an old batch once its lines went into a new one', () => {
    const { jobs, store } = open();
    const a = job(jobs, 'Alpha');
    const cid = customIdOf(a, 'lesson:1');
    store.addLines([line(a, 'lesson:1')]);
    const old = store.beginSubmission('gpt-4o-mini', 'lessons', [cid]);
    store.recordSubmitted(old, snapshot('batch_old'));
    store.applyResults(old, undefined); // token-limited: nothing ran, the line waits again
    expect(store.line(cid)?.state).toBe('pending');
    const next = store.beginSubmission('gpt-4o-mini', 'lessons', [cid]);
    store.applyResults(old, results([{ customId: cid, kind: 'answer', answer: ANSWER }]));
    expect(store.line(cid)).toMatchObject({ state: 'submitted', batchId: next, submissions: 2 });
    jobs.close();
  });

  it('gives the lines of a submission a crash interrupted back, or keeps them when the provider has the batch', () => {
    const { jobs, store } = open();
    const a = job(jobs, 'Alpha');
    store.addLines([line(a, 'lesson:1'), line(a, 'lesson:2')]);
    const lost = store.beginSubmission('gpt-4o-mini', 'lessons', [customIdOf(a, 'lesson:1')]);
    const found = store.beginSubmission('gpt-4o-mini', 'lessons', [customIdOf(a, 'lesson:2')]);
    jobs.close();

    const after = open();
    expect(after.store.interruptedSubmissions().map((b) => b.id)).toEqual([lost, found]);
    after.store.abandonSubmission(lost); // the provider has no batch with this metadata
    after.store.recordSubmitted(found, snapshot('batch_found')); // it does
    expect(after.store.line(customIdOf(a, 'lesson:1'))).toMatchObject({ state: 'pending', submissions: 0 });
    expect(after.store.line(customIdOf(a, 'lesson:2'))).toMatchObject({ state: 'submitted', batchId: found });
    expect(after.store.batch(lost)).toBeUndefined();
    expect(after.store.interruptedSubmissions()).toEqual([]);
    after.jobs.close();
  });

  it('drops a cancelled job\'s lines and names the batches that now hold nothing else', () => {
    const { jobs, store } = open();
    const a = job(jobs, 'Alpha');
    const b = job(jobs, 'Beta');
    store.addLines([line(a, 'lesson:1'), line(a, 'lesson:2'), line(b, 'lesson:1')]);
    const onlyA = store.beginSubmission('gpt-4o-mini', 'plan 1', [customIdOf(a, 'lesson:1')]);
    const shared = store.beginSubmission('gpt-4o-mini', 'lessons', [customIdOf(a, 'lesson:2'), customIdOf(b, 'lesson:1')]);
    store.recordSubmitted(onlyA, snapshot('batch_a'));
    store.recordSubmitted(shared, snapshot('batch_shared'));
    expect(store.batchesOfJob(a).map((x) => x.id).sort()).toEqual([onlyA, shared].sort());
    expect(store.dropJob(a)).toEqual(['batch_a']);
    expect(store.progress(a).lines).toBe(0);
    expect(store.line(customIdOf(b, 'lesson:1'))?.state).toBe('submitted');
    jobs.close();
  });

  it('refuses a custom_id that does not name a job and a step', () => {
    const { jobs, store } = open();
    expect(() => store.addLines([{ customId: 'nojob', body: { model: 'm', messages: [] } }])).toThrow('Expected a custom_id "<job id>/<step>", got `nojob`');
    jobs.close();
  });
});
