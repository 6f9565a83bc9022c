import { BatchClient } from '../../electron/core/batch/batch-client.js';
import { BatchDriver } from '../../electron/core/batch/batch-driver.js';
import { BatchStore } from '../../electron/core/batch/batch-store.js';
import { JobStore } from '../../electron/core/store/job-store.js';

// A process that drives batch mode until every line of the queue database is answered, for
// kill -9 tests: `node batch-driver-process.js <queue.sqlite> <base URL> <epoch ms> [lines per file]`. Its clock
// runs 10,000 times faster than real time from the epoch, the same for every process, so a
// minute's poll comes every 6 ms and a restarted process sees the polls it owes as due.

const [file, baseURL, epoch, maxLines] = process.argv.slice(2);
const jobs = new JobStore(file!);
const start = Number(epoch);
const now = () => start + (Date.now() - start) * 10_000;
const store = new BatchStore(jobs.db, { now });
const driver = new BatchDriver({ store, client: new BatchClient({ apiKey: 'k', baseURL }), now, ...(maxLines ? { limits: { maxLines: Number(maxLines) } } : {}) });
const unfinished = () => jobs.db.prepare(`SELECT COUNT(*) FROM batch_lines WHERE state NOT IN ('answered','done','failed')`).pluck().get() as number;
while (unfinished() > 0) {
  await driver.tick();
  await new Promise((r) => setTimeout(r, 5));
}
jobs.close();
