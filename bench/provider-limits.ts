import { runAgainstLimits, type LimitsRun, type LimitsRunOptions } from '../test/support/provider-limits-run.js';
import { closeToTheLimit } from './close-to-the-limit.js';
import { idealMs } from './engine-throughput.js';
import { report, type Figure } from './report.js';

// Issue 8: 8 courses × 8 lessons against a provider's limits, each in this one process against the
// in-process fake server (its latency, not its CPU, is what the runs wait for). Goals: 0 failed
// courses; refused ≤ 5% in (a)–(c); wall ≤ 1.15 × the ideal the limit allows in (a)–(c);
// in (d) wall ≤ 1.5 × the same run without faults. Budgets are chosen so each run takes ~10–15 s.

const JOBS = 8;
const LESSONS = 8;
const TPM = 1_500_000; // ~72 requests of ~4,300 tokens: ≈ 12.5 s at 25,000 tokens a second
const RPM = 360; // ≈ 74 requests at 6 a second: ≈ 12 s
const CAP = 4;
const CAP_LATENCY_MS = 500;
const RANDOM_LATENCY_MS = 1000;

function figures(label: string, run: LimitsRun, idealWallMs: number, refusedGoal = true): Figure[] {
  return [
    { name: `${label} failed courses`, value: run.failed, unit: 'courses' },
    { name: `${label} refused`, value: Math.round((1000 * run.refused) / run.attempts) / 10, unit: '%', ...(refusedGoal ? { ideal: 5 } : {}) },
    { name: `${label} wall`, value: Math.round(run.wallMs), unit: 'ms', ideal: Math.round(idealWallMs) },
  ];
}

async function scenario(options: Omit<LimitsRunOptions, 'jobs' | 'lessons'>, title: string): Promise<LimitsRun> {
  const run = await runAgainstLimits({ jobs: JOBS, lessons: LESSONS, ...options }, title);
  console.log(`  ${title}: ${run.attempts} requests, ${run.refused} refused, ${run.failed} failed, ${Math.round(run.wallMs)} ms, peak ${run.peakConcurrent} open, limit ${run.finalLimit} at the end`);
  return run;
}

/**
 * Issue 17's scenarios against the Celery original (close-to-the-limit.ts), then issue 8's.
 * `PROVIDER_LIMITS=17` or `=8` runs one set.
 */
export async function providerLimits(): Promise<void> {
  const set = process.env.PROVIDER_LIMITS;
  if (set !== '8') await closeToTheLimit();
  if (set !== '17') await issue8Scenarios();
}

async function issue8Scenarios(): Promise<void> {
  console.log(`\nprovider-limits: ${JOBS} courses × ${LESSONS} lessons`);
  const a = await scenario({ latencyMs: 200, limits: { tpm: TPM } }, '(a) tpm');
  const b = await scenario({ latencyMs: 200, limits: { rpm: RPM } }, '(b) rpm');
  const c = await scenario({ latencyMs: CAP_LATENCY_MS, limits: { maxConcurrent: CAP }, settings: { maxInFlightRequests: 8 } }, '(c) cap 4');
  const clean = await scenario({ latencyMs: RANDOM_LATENCY_MS }, '(d) without faults');
  const d = await scenario({ latencyMs: RANDOM_LATENCY_MS, limits: { randomRateLimit: { probability: 0.1, retryAfterSeconds: 1 } } }, '(d) 10% random 429');
  const capIdeal = idealMs({ jobs: JOBS, lessons: LESSONS, concurrency: 4, lessonConcurrency: 4, maxInFlight: CAP, latencyMs: CAP_LATENCY_MS });
  report(
    'provider-limits',
    [
      ...figures('(a) tpm', a, a.chargedTokens / (TPM / 60_000)),
      ...figures('(b) rpm', b, b.attempts / (RPM / 60_000)),
      ...figures('(c) cap 4', c, capIdeal),
      ...figures('(d) random 429', d, clean.wallMs, false),
    ],
    {
      jobs: JOBS,
      lessons: LESSONS,
      tpm: TPM,
      rpm: RPM,
      cap: CAP,
      ideal: '(a) tokens charged ÷ tpm, (b) requests ÷ rpm, (c) makespan at 4 in flight, (d) the same run without faults',
      tokensCharged: a.chargedTokens,
      requests: { a: a.attempts, b: b.attempts, c: c.attempts, d: d.attempts },
    },
  );
}
