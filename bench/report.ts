import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Benchmarks print figures as ratios: against the ideal (how far from the best possible) and
// against the previous run saved in bench/results/ (did this change make it better or worse).

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The best possible value, when one can be computed. */
  ideal?: number;
  /** Lower is better (time, memory); false for throughput. */
  lowerIsBetter?: boolean;
}

const resultsDir = join(import.meta.dirname, '..', '..', 'bench', 'results');

export function report(benchmark: string, figures: Figure[], context: Record<string, unknown>): void {
  const file = join(resultsDir, `${benchmark}.json`);
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { figures: Figure[] }) : undefined;
  console.log(`\n${benchmark}`);
  for (const [k, v] of Object.entries(context)) console.log(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  for (const f of figures) {
    const before = previous?.figures.find((p) => p.name === f.name);
    const vsIdeal = f.ideal ? `  ×${(f.value / f.ideal).toFixed(3)} of ideal ${format(f.ideal, f.unit)}` : '';
    // A figure whose previous value was 0 (failed courses) has no ratio: say whether it changed.
    const vsPrevious = !before
      ? '  (no previous run)'
      : before.value === 0
        ? `  ${f.value === 0 ? 'same as' : 'up from'} previous ${format(before.value, f.unit)}`
        : `  ×${(f.value / before.value).toFixed(3)} of previous ${format(before.value, f.unit)}`;
    console.log(`  ${f.name.padEnd(34)} ${format(f.value, f.unit).padStart(12)}${vsIdeal}${vsPrevious}`);
  }
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ benchmark, at: new Date().toISOString(), node: process.version, context, figures }, null, 2) + '\n');
}

function format(value: number, unit: string): string {
  return `${Number.isInteger(value) ? value : value.toFixed(unit === 'ms' ? 0 : 2)} ${unit}`;
}
