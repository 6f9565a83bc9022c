import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { QUEUE_FILE } from '../../core/config/data-dir.js';
import { queueFileIsSound, setQueueAside } from '../../core/store/queue-file.js';
import { EXIT, UsageError, type CliIo } from '../cli-io.js';
import { DATA_DIR_OPTION, dataDirFrom } from '../open-queue.js';
import { parseCommandArgs } from '../parse-flags.js';

export const SET_ASIDE_QUEUE_HELP = `Usage: fluentpro set-aside-queue [--data-dir DIR]

For a damaged queue database: keeps it beside the new one as queue-damaged-<time>.sqlite (with
its -wal and -shm files) so the next command starts with a new, empty queue. Finished courses in
your output folders are not touched. The app offers the same as "Start with a New Queue".
A queue that is not damaged is left as it is.

Options
  --data-dir DIR           Folder of the queue database (as for every command)
  -h, --help               Show this help
`;

/** fluentpro set-aside-queue: the way out that a damaged queue's message names. */
export async function setAsideQueueCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('set-aside-queue', args, DATA_DIR_OPTION);
  if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}`, 'set-aside-queue');
  const dataDir = dataDirFrom(values, io);
  const file = join(dataDir, QUEUE_FILE);
  if (!existsSync(file)) {
    io.stderr.write(`fluentpro set-aside-queue: there is no queue database at ${file}; nothing to set aside\n`);
    return EXIT.failed;
  }
  // Only a damaged queue: a sound one holds the history of every job.
  if (queueFileIsSound(dataDir)) {
    io.stderr.write(`fluentpro set-aside-queue: the queue database ${file} is not damaged; it was left as it is\n`);
    return EXIT.failed;
  }
  const aside = setQueueAside(dataDir);
  io.stdout.write(`the damaged queue is kept as ${aside}; the next command starts with a new, empty queue\n`);
  return EXIT.ok;
}
