import { engineThroughput } from './engine-throughput.js';
import { queueThroughput } from './queue-throughput.js';
import { boardRender } from './board-render.js';

// `npm run bench`: each benchmark prints its figures against the ideal and the previous run.
const benchmarks: Record<string, () => Promise<void>> = { 'engine-throughput': engineThroughput, 'queue-throughput': queueThroughput, 'board-render': boardRender };
const only = process.argv[2];
for (const [name, run] of Object.entries(benchmarks)) {
  if (!only || only === name) await run();
}
