import { Cron } from 'croner';
import { ScheduleError } from './schedule-error.js';

/** The machine's own IANA time zone (what a schedule uses when none is named). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Checks an IANA time zone name; throws ScheduleError naming it and the fix. */
export function checkTimeZone(timeZone: string): string {
  try {
    // Throws a RangeError for a name the ICU data does not know.
    return new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw new ScheduleError('INVALID_TIME_ZONE', 'timeZone', `"${timeZone}" is not a time zone`, 'use an IANA name such as Europe/Berlin or America/New_York');
  }
}

/** A cron expression in a time zone, checked: its run times, by croner. */
export class CronTime {
  readonly #cron: Cron;

  constructor(
    readonly expression: string,
    readonly timeZone: string,
  ) {
    checkTimeZone(timeZone);
    try {
      this.#cron = new Cron(expression.trim(), { timezone: timeZone, paused: true });
    } catch (error) {
      const why = (error as Error).message.replace(/^CronPattern: /, '').replace(/^invalid/, 'it has an invalid').replace(/^Invalid/, 'invalid').replace(/\.$/, '');
      throw new ScheduleError(
        'INVALID_CRON',
        'cron',
        `"${expression}" is not a cron expression: ${why}`,
        'write five fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *" for every day at 02:00 or "30 22 * * 1-5" for weekdays at 22:30',
      );
    }
    if (this.#cron.nextRun(new Date(0)) === null) {
      throw new ScheduleError('INVALID_CRON', 'cron', `"${expression}" never runs`, 'write a time that exists, e.g. "0 2 * * *" for every day at 02:00');
    }
  }

  /** The first run time strictly after `after` (ms), or undefined when there is none. */
  nextAfter(after: number): number | undefined {
    return this.#cron.nextRun(new Date(after))?.getTime();
  }

  /** The latest run time at or before `now` (ms), or undefined. */
  latestAtOrBefore(now: number): number | undefined {
    // croner looks back from a reference second, exclusively: start a second later and step back
    // once if that found a time after `now`.
    let latest = this.#cron.previousRuns(1, new Date(now + 1000))[0]?.getTime();
    if (latest !== undefined && latest > now) latest = this.#cron.previousRuns(1, new Date(latest))[0]?.getTime();
    return latest;
  }
}

/** "Tue 2 Dec 2025, 02:00" in a time zone: how run times are shown. */
export function formatRunTime(ms: number, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}
