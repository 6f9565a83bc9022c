import type Database from 'better-sqlite3';

/** The queue is paused: nothing new starts; running jobs finish, queued ones wait. */
export interface QueuePause {
  /** When it was paused (ISO). */
  pausedAt: string;
  /** When it resumes by itself (ISO); absent: when someone resumes it. */
  pausedUntil?: string;
}

/**
 * "Pause until", kept in the queue database so that it holds across restarts and for every
 * process working the queue (the app, `fluentpro run`). A pause whose time has come is over:
 * it is read as not paused (and cleared on the next write).
 */
export class QueuePauseStore {
  readonly #db: Database.Database;
  readonly #now: () => number;

  constructor(db: Database.Database, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  /** The pause in force now, or undefined when the queue runs. */
  get(): QueuePause | undefined {
    return readQueuePause(this.#db, this.#now());
  }

  get isPaused(): boolean {
    return this.get() !== undefined;
  }

  /** Pauses the queue until `until` (ms since the epoch), or until `resume()` when absent. */
  pause(until?: number): QueuePause {
    if (until !== undefined && (!Number.isFinite(until) || until <= this.#now())) {
      throw new TypeError(`Expected \`until\` to be a time in the future, got \`${until}\` (${typeof until})`);
    }
    this.#db
      .prepare('INSERT INTO queue_pause (id, paused_at, until_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET paused_at = excluded.paused_at, until_at = excluded.until_at')
      .run(this.#now(), until ?? null);
    return this.get()!;
  }

  /** Ends the pause; returns whether the queue was paused. */
  resume(): boolean {
    const wasPaused = this.isPaused;
    this.#db.prepare('DELETE FROM queue_pause').run();
    return wasPaused;
  }
}

/** The pause in force at `now` (a plain read, cheap enough for every claim). */
export function readQueuePause(db: Database.Database, now: number): QueuePause | undefined {
  const row = db.prepare('SELECT paused_at, until_at FROM queue_pause WHERE id = 1').get() as { paused_at: number; until_at: number | null } | undefined;
  if (!row || (row.until_at !== null && row.until_at <= now)) return undefined;
  return row.until_at === null ? { pausedAt: new Date(row.paused_at).toISOString() } : { pausedAt: new Date(row.paused_at).toISOString(), pausedUntil: new Date(row.until_at).toISOString() };
}
