import { describe, expect, it } from 'vitest';
import { ScheduleError } from '../../electron/core/schedule/schedule-error.js';
import { checkTimeZone, CronTime, formatRunTime } from '../../electron/core/schedule/schedule-time.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('next run times', () => {
  it('reads the expression in its time zone', () => {
    const newYork = new CronTime('0 2 * * *', 'America/New_York');
    expect(iso(newYork.nextAfter(at('2025-01-01T00:00:00Z')))).toBe('2025-01-01T07:00:00.000Z');
    const tokyo = new CronTime('0 2 * * *', 'Asia/Tokyo');
    expect(iso(tokyo.nextAfter(at('2025-01-01T00:00:00Z')))).toBe('2025-01-01T17:00:00.000Z');
    expect(iso(new CronTime('0 2 * * *', 'UTC').nextAfter(at('2025-01-03T02:00:00Z')))).toBe('2025-01-04T02:00:00.000Z');
  });

  it('runs once on the spring-forward day, when 02:30 does not exist in Europe/Berlin', () => {
    const berlin = new CronTime('30 2 * * *', 'Europe/Berlin');
    const first = berlin.nextAfter(at('2025-03-29T12:00:00Z'))!;
    // 02:00 CET jumps to 03:00 CEST on 30 March 2025: the run moves to 03:30 CEST, once.
    expect(iso(first)).toBe('2025-03-30T01:30:00.000Z');
    expect(formatRunTime(first, 'Europe/Berlin')).toBe('Sun 30 Mar 2025, 03:30');
    const second = berlin.nextAfter(first)!;
    expect(iso(second)).toBe('2025-03-31T00:30:00.000Z');
    expect(formatRunTime(second, 'Europe/Berlin')).toBe('Mon 31 Mar 2025, 02:30');
  });

  it('runs once on the fall-back day, when 02:30 happens twice', () => {
    const berlin = new CronTime('30 2 * * *', 'Europe/Berlin');
    const first = berlin.nextAfter(at('2025-10-25T12:00:00Z'))!;
    expect(iso(first)).toBe('2025-10-26T00:30:00.000Z'); // 02:30 CEST, the first of the two
    expect(iso(berlin.nextAfter(first))).toBe('2025-10-27T01:30:00.000Z'); // not 02:30 CET the same day
  });

  it('finds the latest run time at or before a moment', () => {
    const daily = new CronTime('0 2 * * *', 'UTC');
    expect(iso(daily.latestAtOrBefore(at('2025-01-03T02:00:00Z')))).toBe('2025-01-03T02:00:00.000Z');
    expect(iso(daily.latestAtOrBefore(at('2025-01-03T01:59:59.999Z')))).toBe('2025-01-02T02:00:00.000Z');
    expect(iso(daily.latestAtOrBefore(at('2025-01-03T09:00:00Z')))).toBe('2025-01-03T02:00:00.000Z');
  });
});

describe('checking expressions and zones', () => {
  it('says what is wrong with a bad cron expression and gives an example', () => {
    expect(() => new CronTime('61 2 * * *', 'UTC')).toThrow(
      '"61 2 * * *" is not a cron expression: invalid value for minute: 61: write five fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *" for every day at 02:00 or "30 22 * * 1-5" for weekdays at 22:30',
    );
    try {
      new CronTime('every night', 'UTC');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScheduleError);
      expect((error as ScheduleError).code).toBe('INVALID_CRON');
      expect((error as ScheduleError).problem).toBe(
        `"every night" is not a cron expression: it has an invalid configuration format ('every night'), exactly five, six, or seven space separated parts are required`,
      );
    }
    expect(() => new CronTime('0 0 30 2 *', 'UTC')).toThrow('"0 0 30 2 *" never runs');
  });

  it('refuses a time zone that does not exist', () => {
    expect(() => checkTimeZone('Mars/Olympus')).toThrow('"Mars/Olympus" is not a time zone: use an IANA name such as Europe/Berlin or America/New_York');
    expect(checkTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });
});
