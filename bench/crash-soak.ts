import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrashSoak } from '../test/support/crash-soak.js';
import { report } from './report.js';

// The long crash soak of issue 15: 6 courses × 10 lessons, 20 seeded kill -9s (runner, single
// workers, both; some at start-up) against the test server with a model that slips; then one
// unaided `fluentpro run`. Figures from the server's log: answers paid again against the requests
// open at the kills (the most a crash may cost), and what the jobs were charged against what the
// server answered.
export async function crashSoak(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'fluentpro-bench-soak-'));
  try {
    const r = await runCrashSoak({ seed: 20_261_205, courses: 6, lessons: 10, kills: 20, folder });
    const failed = r.jobs.filter((j) => j.state !== 'succeeded').length + r.brokenCourses.length;
    report(
      'crash-soak',
      [
        { name: 'kills', value: r.kills.length, unit: '' },
        { name: 'start-up kills (< 200 ms)', value: r.kills.filter((k) => k.afterStartMs < 200).length, unit: '' },
        { name: 'failed or broken courses', value: failed, unit: 'courses', ideal: 0 },
        { name: 'folders beyond one per job', value: r.outputFolders.length - r.jobs.length, unit: '' },
        { name: 'temporary folders left', value: r.writingLeft.length, unit: '' },
        { name: 'processes left', value: r.processesLeft.length, unit: '' },
        { name: 'requests open at the kills', value: r.openAtKills, unit: 'requests' },
        { name: 'answers paid again', value: r.paidAgain, unit: 'answers' },
        { name: 'answers not charged to a job', value: r.answered - r.charged, unit: 'answers' },
        { name: 'answers in all', value: r.answered, unit: 'answers' },
        { name: 'span', value: r.spanMs, unit: 'ms' },
      ],
      {
        workload: '6 courses × 10 lessons, 20 kill -9s (seeded), real-model slips, 120 ms answers',
        victims: Object.fromEntries(['runner', 'worker', 'group'].map((v) => [v, r.kills.filter((k) => k.victim === v).length])),
        promise: 'answers paid again ≤ requests open at the kills',
        held: r.paidAgain <= r.openAtKills && r.finalExit === 0,
      },
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
