import type Database from 'better-sqlite3';

/** The app's saved settings, one JSON value per key, in the queue database. */
export class SettingsStore<T extends object> {
  constructor(private readonly db: Database.Database) {}

  load(): Partial<T> {
    const rows = this.db.prepare('SELECT key, value_json FROM settings').all() as { key: string; value_json: string }[];
    return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json)])) as Partial<T>;
  }

  save(patch: Partial<T>): void {
    const upsert = this.db.prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    })();
  }
}
