import { QueuePauseStore, type QueuePause } from '../../core/store/queue-pause.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { DATA_DIR_OPTION, openQueue } from '../open-queue.js';
import { parseCommandArgs } from '../parse-flags.js';

export const PAUSE_HELP = `Usage: fluentpro pause [--until HH:MM] [--data-dir DIR]

Pauses the queue: running jobs finish, queued jobs (and those schedules add) wait. Kept across
restarts, for the app and every "fluentpro run". Without --until it lasts until "fluentpro resume".

Options
  --until HH:MM            Resume by itself at this time of day (24-hour, this machine's time
                           zone): today, or tomorrow if it has passed
  --data-dir DIR           Folder of the queue database (as for every command)
  -h, --help               Show this help
`;

export const RESUME_HELP = `Usage: fluentpro resume [--data-dir DIR]

Ends a pause: queued jobs start as soon as the app or "fluentpro run" works the queue.
`;

/** fluentpro pause [--until HH:MM] */
export async function pauseCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('pause', args, { ...DATA_DIR_OPTION, until: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}; to pause until a time, write --until 22:00`, 'pause');
  const until = values.until === undefined ? undefined : nextTimeOfDay(values.until, Date.now());
  const { store } = openQueue(values, io);
  try {
    const pause = new QueuePauseStore(store.db).pause(until);
    io.stdout.write(
      pause.pausedUntil
        ? `queue paused until ${describeUntil(pause)}: running jobs finish, queued jobs wait; "fluentpro resume" ends the pause sooner\n`
        : 'queue paused: running jobs finish, queued jobs wait until "fluentpro resume"\n',
    );
    return EXIT.ok;
  } finally {
    store.close();
  }
}

/** fluentpro resume */
export async function resumeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('resume', args, DATA_DIR_OPTION);
  if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}`, 'resume');
  const { store } = openQueue(values, io);
  try {
    const wasPaused = new QueuePauseStore(store.db).resume();
    io.stdout.write(wasPaused ? 'queue resumed: queued jobs start as soon as the app or "fluentpro run" works the queue\n' : 'the queue was not paused\n');
    return EXIT.ok;
  } finally {
    store.close();
  }
}

/** "22:00 (Tue 2 Dec)" in this machine's time zone, or "until resumed". */
export function describeUntil(pause: QueuePause): string {
  if (!pause.pausedUntil) return 'resumed ("fluentpro resume")';
  const at = new Date(pause.pausedUntil);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' }).format(at).replace(',', '');
  return `${time} (${day})`;
}

/** The next time the clock shows HH:MM here: today if it is still ahead, else tomorrow. */
export function nextTimeOfDay(text: string, now: number): number {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!match) throw new UsageError(`--until must be a time of day as HH:MM (24-hour), e.g. --until 22:00 or --until 06:30, got "${text}"`, 'pause');
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  const at = new Date(now);
  at.setHours(hours, minutes, 0, 0);
  if (at.getTime() <= now) {
    at.setDate(at.getDate() + 1);
    at.setHours(hours, minutes, 0, 0); // again: a DST change in between moves the hour
  }
  return at.getTime();
}
