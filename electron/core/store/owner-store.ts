import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { describeFate, processFate, processStartTime, type ProcessFate } from './process-liveness.js';

// The processes that run jobs (the app, a `fluentpro run`): each holds a lease it renews, so a
// process only recovers the jobs of an owner that is gone and two never take each other's jobs.

/** An owner that has not said it is alive for this long is gone, whatever its pid says. */
export const OWNER_LEASE_MS = 15_000;

export interface OwnerRow {
  id: string;
  pid: number;
  hostname: string;
  /** Null for owners registered before start times were recorded. */
  process_start: string | null;
  heartbeat_at: number;
}

/**
 * Records this process as owner `id`, with its start time, so another process can tell when it
 * is gone even if a new process later gets the same pid.
 */
export function registerOwner(db: Database.Database, id: string, now: number): void {
  db.prepare('INSERT OR REPLACE INTO owners (id, pid, hostname, process_start, heartbeat_at) VALUES (?, ?, ?, ?, ?)').run(id, process.pid, hostname(), processStartTime() ?? null, now);
}

export function heartbeatOwner(db: Database.Database, id: string, now: number): void {
  db.prepare('UPDATE owners SET heartbeat_at = ? WHERE id = ?').run(now, id);
}

export function removeOwner(db: Database.Database, id: string): void {
  db.prepare('DELETE FROM owners WHERE id = ?').run(id);
}

export function loadOwners(db: Database.Database): OwnerRow[] {
  return db.prepare('SELECT * FROM owners').all() as OwnerRow[];
}

/** What became of the process of each owner registered on this machine (asking ps can take a while). */
export function ownerFates(db: Database.Database): Map<string, ProcessFate> {
  const here = db.prepare('SELECT * FROM owners WHERE hostname = ?').all(hostname()) as OwnerRow[];
  return new Map(here.map((o) => [o.id, processFate(o.pid, o.process_start)]));
}

/**
 * Why an owner is gone, or undefined while it holds its jobs: its lease ran out, or its process
 * on this machine exited, is a zombie, or is another process that got its pid. An owner
 * registered after `fates` was taken counts as alive.
 */
export function whyOwnerGone(owner: OwnerRow, now: number, fates: ReadonlyMap<string, ProcessFate>): string | undefined {
  if (now - owner.heartbeat_at >= OWNER_LEASE_MS) return `the process running it (pid ${owner.pid} on ${owner.hostname}) has not renewed its lease for ${Math.round((now - owner.heartbeat_at) / 1000)} s`;
  const fate = fates.get(owner.id) ?? 'alive';
  return fate === 'alive' ? undefined : `the process running it (pid ${owner.pid}) ${describeFate(fate)}`;
}
