import type Database from 'better-sqlite3';
import type { AnswerSizes, LearnedSizes } from '../pacing/answer-sizes.js';

/** What answers of each kind have needed, per model, in the queue database (migration 9). */
export class AnswerSizeStore {
  constructor(private readonly db: Database.Database) {}

  /** Everything learned so far; rows that cannot be read are left out rather than trusted. */
  load(): LearnedSizes[] {
    const rows = this.db.prepare('SELECT model, kind, samples_json FROM answer_sizes').all() as { model: string; kind: string; samples_json: string }[];
    const learned: LearnedSizes[] = [];
    for (const row of rows) {
      let samples: unknown;
      try {
        samples = JSON.parse(row.samples_json);
      } catch {
        continue;
      }
      if (Array.isArray(samples)) learned.push({ model: row.model, kind: row.kind, samples: samples.filter((n): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0) });
    }
    return learned;
  }

  save({ model, kind, samples }: LearnedSizes, now = Date.now()): void {
    this.db
      .prepare('INSERT INTO answer_sizes (model, kind, samples_json, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (model, kind) DO UPDATE SET samples_json = excluded.samples_json, updated_at = excluded.updated_at')
      .run(model, kind, JSON.stringify(samples), now);
  }
}

/**
 * Gives `sizes` what earlier runs learned, and keeps what it learns from now on (one row written
 * per answer, by the one writer that owns the admission). Returns a function that stops saving.
 */
export function rememberAnswerSizes(sizes: AnswerSizes, db: Database.Database): () => void {
  const store = new AnswerSizeStore(db);
  sizes.restore(store.load());
  return sizes.onDidLearn((learned) => {
    if (db.open) store.save(learned);
  });
}
