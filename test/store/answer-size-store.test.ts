import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AnswerSizes } from '../../electron/core/pacing/answer-sizes.js';
import { Orchestrator } from '../../electron/core/queue/orchestrator.js';
import { AnswerSizeStore, rememberAnswerSizes } from '../../electron/core/store/answer-size-store.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { migrate, MIGRATIONS } from '../../electron/core/store/migrations.js';
import { enqueueInput } from '../support/job-fixtures.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const LESSON = { kind: 'lesson', model: 'gpt-4o-mini', cap: 4000 };

describe('what answers have needed, kept in the queue database (migration 9)', () => {
  it('migrates a database of the last release (schema 7) to 9, keeping its jobs, with an empty answer_sizes table', () => {
    const file = join(tempDir(), 'queue.sqlite');
    const db = new Database(file);
    db.exec('PRAGMA foreign_keys = ON');
    // Build schema 7 the way an installed FluentPro left it, with a job in it.
    const upTo7 = MIGRATIONS.filter((m) => m.version <= 7);
    for (const migration of upTo7) db.exec(migration.sql);
    db.pragma('user_version = 7');
    db.close();
    const store = new JobStore(file);
    const { job } = store.enqueue(enqueueInput('Before 9', tempDir()));
    expect(store.get(job.id)!.title).toBe('Before 9');
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(MIGRATIONS.map((m) => m.version)).toContain(9);
    expect(new AnswerSizeStore(store.db).load()).toEqual([]);
    store.close();
  });

  it('saves each answer learned and gives it back to the next run, which starts with the learned room', () => {
    const file = join(tempDir(), 'queue.sqlite');
    const db = new Database(file);
    migrate(db);
    const first = new AnswerSizes();
    rememberAnswerSizes(first, db);
    for (let i = 0; i < 5; i++) first.record('gpt-4o-mini', 'lesson', 2000);
    expect(first.room(LESSON)).toBe(2600);
    db.close();

    const again = new Database(file);
    const next = new AnswerSizes();
    rememberAnswerSizes(next, again);
    expect(next.room(LESSON)).toBe(2600); // not the cap: the last run's answers count
    expect(new AnswerSizeStore(again).load()).toEqual([{ model: 'gpt-4o-mini', kind: 'lesson', samples: [2000, 2000, 2000, 2000, 2000] }]);
    again.close();
  });

  it('leaves out a row it cannot read instead of trusting it', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO answer_sizes (model, kind, samples_json, updated_at) VALUES (?, ?, ?, ?)').run('m', 'lesson', 'not json', 0);
    db.prepare('INSERT INTO answer_sizes (model, kind, samples_json, updated_at) VALUES (?, ?, ?, ?)').run('m', 'outline-part', '[100, -5, "x", 200]', 0);
    expect(new AnswerSizeStore(db).load()).toEqual([{ model: 'm', kind: 'outline-part', samples: [100, 200] }]);
  });

  it('the orchestrator’s admission starts with what the queue database remembers', () => {
    const file = join(tempDir(), 'queue.sqlite');
    const store = new JobStore(file);
    const saved = new AnswerSizeStore(store.db);
    saved.save({ model: 'gpt-4o-mini', kind: 'lesson', samples: [2000, 2000, 2000, 2000, 2000] });
    const orchestrator = new Orchestrator({ store, host: nodeHost() });
    expect(orchestrator.gate.answerSizes.room(LESSON)).toBe(2600);
    orchestrator.gate.answerSizes.record('gpt-4o-mini', 'lesson', 2100);
    expect(saved.load()[0]!.samples).toEqual([2000, 2000, 2000, 2000, 2000, 2100]);
    store.close();
  });
});
