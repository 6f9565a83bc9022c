import { appendFileSync } from 'node:fs';

// Loaded with `node --import` (through NODE_OPTIONS, so a command's workers load it too) by
// bench/startup.ts: at exit, appends the CPU time this process used (user + system, in ms) to
// $FLUENTPRO_BENCH_CPU_LOG. Unlike wall time, it hardly moves when other work shares the machine.
const log = process.env.FLUENTPRO_BENCH_CPU_LOG;
if (log) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(log, `${(user + system) / 1000}\n`);
  });
}
