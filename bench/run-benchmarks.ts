import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { batchVsLive } from './batch-vs-live.js';
import { boardRender } from './board-render.js';
import { crashSoak } from './crash-soak.js';
import { engineThroughput } from './engine-throughput.js';
import { exportsBenchmark } from './exports.js';
import { providerLimits } from './provider-limits.js';
import { queueThroughput } from './queue-throughput.js';
import { robustGeneration } from './robust-generation.js';
import { startupBenchmark } from './startup.js';
import { speechBenchmark } from './speech.js';
import { courseAudioBenchmark } from './course-audio.js';

// `npm run bench`: each benchmark prints its figures against the ideal and the previous run.
// Each runs in a fresh process, so one's memory and JIT state do not colour another's figures.
const benchmarks: Record<string, () => Promise<void>> = { 'engine-throughput': engineThroughput, 'queue-throughput': queueThroughput, 'board-render': boardRender, 'robust-generation': robustGeneration, 'provider-limits': providerLimits, exports: exportsBenchmark, 'crash-soak': crashSoak, startup: startupBenchmark, speech: speechBenchmark, 'course-audio': courseAudioBenchmark, 'batch-vs-live': batchVsLive };
const only = process.argv[2];
if (only) {
  const run = benchmarks[only];
  if (!run) throw new Error(`no benchmark "${only}"; there are: ${Object.keys(benchmarks).join(', ')}`);
  await run();
} else {
  for (const name of Object.keys(benchmarks)) {
    const result = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
