import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScheduleStore } from '../../electron/core/schedule/schedule-store.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import { useTempDir } from '../support/temp-dir.js';

// README: "a run time never fires twice, even with the app and the command both running". The app
// and `fluentpro run --watch` are two processes, so two connections to one SQLite file; each reads
// the schedule's last handled time, then claims the next time from it. Here both have read the
// same starting point before either claims (the race the compare-and-set exists for): exactly one
// may win. A claim that always succeeded would let both fire the same night.

const tempDir = useTempDir();
const stores: JobStore[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

function twoProcessesOnOneQueue(now: number) {
  const dir = tempDir();
  const file = join(dir, 'queue.sqlite');
  const connect = () => {
    const jobs = new JobStore(file, { now: () => now });
    stores.push(jobs);
    return new ScheduleStore(jobs.db, { now: () => now });
  };
  const spec = join(dir, 'a.course.yaml');
  writeFileSync(spec, 'title: Alpha\nlanguage: Italian\nlevel: A1\nlessons: 2\n');
  return { app: connect(), command: connect(), spec };
}

describe('claiming a scheduled time', () => {
  it('from the same starting point, two connections to one queue: exactly one wins, and one run is recorded', async () => {
    const nightAt = Date.parse('2025-01-02T02:00:00Z');
    const { app, command, spec } = twoProcessesOnOneQueue(nightAt + 1000);
    const { id } = await app.add({ name: 'nightly', cron: '0 2 * * *', timeZone: 'UTC', specFiles: [spec] });

    // Both read the last handled time before either claims.
    const seenByApp = app.lastScheduledTime(id);
    const seenByCommand = command.lastScheduledTime(id);
    expect(seenByCommand).toBe(seenByApp);

    const claims = [app.claimScheduledTime(id, seenByApp, nightAt, 'scheduled'), command.claimScheduledTime(id, seenByCommand, nightAt, 'scheduled')];
    expect(claims.filter((runId) => runId !== undefined)).toHaveLength(1);
    expect(command.runs('nightly').map((r) => `${r.reason} ${r.scheduledAt}`)).toEqual(['scheduled 2025-01-02T02:00:00.000Z']);
    expect(app.lastScheduledTime(id)).toBe(nightAt);
  });

  it('the loser of one night still wins the next, from the time the winner recorded', async () => {
    const nightAt = Date.parse('2025-01-02T02:00:00Z');
    const nextAt = nightAt + 24 * 3600_000;
    const { app, command, spec } = twoProcessesOnOneQueue(nextAt + 1000);
    const { id } = await app.add({ name: 'nightly', cron: '0 2 * * *', timeZone: 'UTC', specFiles: [spec] });
    const start = app.lastScheduledTime(id);
    expect(app.claimScheduledTime(id, start, nightAt, 'scheduled')).toBeGreaterThan(0);
    expect(command.claimScheduledTime(id, start, nightAt, 'scheduled')).toBeUndefined(); // stale starting point
    expect(command.claimScheduledTime(id, command.lastScheduledTime(id), nextAt, 'scheduled')).toBeGreaterThan(0);
    expect(app.runs('nightly')).toHaveLength(2);
  });
});
