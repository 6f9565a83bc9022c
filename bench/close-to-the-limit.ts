import { mulberry32 } from '../test/support/real-model.js';
import { Admission } from '../electron/core/pacing/admission.js';
import { AnswerSizes, type LearnedSizes } from '../electron/core/pacing/answer-sizes.js';
import type { Fault, RequestInfo, ServedRequest } from '../test/support/fake-llm-server.js';
import { FakeLlmServer } from '../test/support/fake-llm-server.js';
import { ProviderLimits, type ProviderLimitsOptions } from '../test/support/provider-limits.js';
import { runAgainstLimits } from '../test/support/provider-limits-run.js';
import { runCeleryOriginal } from './celery-original.js';
import { idealMs } from './engine-throughput.js';
import { faultIdealMs } from './fault-ideal.js';
import { report, type Figure } from './report.js';

// Issue 17, "Close to the limit": 8 courses × 8 lessons against an OpenAI-compatible fake server
// with 200 ms answers and a provider's limits, FluentPro (the in-process engine) against a model
// of the Celery original (celery-original.ts) on the same workload and the same server. Answers
// are a real lesson's size (~2,000 tokens, ±15%, the same per lesson in every run) and an outline
// ~1,500. The span is the server's first request to its last answer.
//
// Goals: 0 failed courses, ≤ 5% refused, span ≤ 1.3 × the ideal the limit allows, and FluentPro's
// ratio at or below Celery's; random 429s ≤ 1.5 × the fault-free span; tokens reserved ÷ used
// ≤ 1.3 for lessons after the first few answers; answers cut off for lack of room ≤ 1%.
// Then a 60-lesson course and a batch of 20 courses, to see that the ratios hold as the work grows.
//
// The ideal is the larger of: the limit's (the work's tokens, each lesson charged its prompt and
// its real answer, ÷ the tokens a minute allows; or its requests ÷ the requests a minute allows)
// plus one answer's latency; and the makespan of the requests at 8 in flight (4 under a cap of 4),
// 4 courses and 4 lessons a course at once.

const LATENCY_MS = 200;
const TPM = 300_000;
const RPM = 1_200;
/** Lesson answers before "after the first few answers" (reserved ÷ used). */
const FIRST_FEW = 8;
const SEED = 17;
/** The engine's default ceiling of requests in flight (settings.ts `maxInFlightRequests`). */
const MAX_IN_FLIGHT = Number(process.env.BENCH_MAX_IN_FLIGHT ?? 8);

interface Scenario {
  name: string;
  jobs: number;
  lessons: number;
  limits?: (random: () => number) => ProviderLimitsOptions;
  fault?: (random: () => number) => (request: RequestInfo) => Fault | undefined;
  /** What bounds the ideal besides the makespan: the token or the request budget. */
  rate?: 'tpm' | 'rpm';
  /** Most requests the server lets be open: the ideal's in-flight count. Default 8, the engine's. */
  cap?: number;
  /** Compared with the fault-free run (≤ 1.5×) rather than with the ideal. */
  againstClean?: boolean;
  /**
   * The faults' rates, for the ideal that meets them (fault-ideal.ts): what a scheduler with no
   * overhead reaches when it waits each 429's retry-after and asks anything else again at once.
   */
  faults?: { refused: number; retryAfterMs: number; failedAfterLatency?: number };
  /** Start with nothing learned, as the very first run on a machine does (the others start with what earlier runs learned, as the queue database keeps it). */
  firstRunEver?: boolean;
}

/** The provider charges a request without `max_completion_tokens` a lesson's size (the fake's stand-in for counting what it then writes). */
const CHARGE_UNSET = 2000;

const SCENARIOS: Scenario[] = [
  { name: 'no limits', jobs: 8, lessons: 8 },
  { name: '300k tokens/min, first run', jobs: 8, lessons: 8, rate: 'tpm', firstRunEver: true, limits: () => ({ tpm: TPM, defaultCompletionTokens: CHARGE_UNSET }) },
  { name: '300k tokens/min', jobs: 8, lessons: 8, rate: 'tpm', limits: () => ({ tpm: TPM, defaultCompletionTokens: CHARGE_UNSET }) },
  { name: '1,200 requests/min', jobs: 8, lessons: 8, rate: 'rpm', limits: () => ({ rpm: RPM }) },
  { name: '10% random 429', jobs: 8, lessons: 8, againstClean: true, faults: { refused: 0.1, retryAfterMs: 1000 }, limits: (random) => ({ randomRateLimit: { probability: 0.1, retryAfterSeconds: 1, random } }) },
  {
    name: '10% 429, 5% 500, 5% cut off',
    jobs: 8,
    lessons: 8,
    faults: { refused: 0.1, retryAfterMs: 1000, failedAfterLatency: 0.1 },
    limits: (random) => ({ randomRateLimit: { probability: 0.1, retryAfterSeconds: 1, random } }),
    fault: (random) => () => {
      const u = random();
      if (u < 0.05) return { kind: 'server-error' };
      if (u < 0.1) return { kind: 'cut-off-content' };
      return undefined;
    },
  },
  { name: '4 at most, unannounced', jobs: 8, lessons: 8, cap: 4, limits: () => ({ maxConcurrent: 4 }) },
  { name: '8 at most', jobs: 8, lessons: 8, cap: 8, limits: () => ({ maxConcurrent: 8 }) },
  { name: '60-lesson course, 1,200 rpm', jobs: 1, lessons: 60, rate: 'rpm', limits: () => ({ rpm: RPM }) },
  { name: '20 courses, 1,200 rpm', jobs: 20, lessons: 8, rate: 'rpm', limits: () => ({ rpm: RPM }) },
];

interface Measured {
  failed: number;
  attempts: number;
  refusedShare: number;
  spanMs: number;
  /** Lessons after the first few: tokens charged ÷ tokens used; undefined without max_completion_tokens. */
  reservedOverUsed?: number;
  /** Complete answers cut off at their max_completion_tokens, of all complete answers. */
  cutOffShare: number;
}

export async function closeToTheLimit(): Promise<void> {
  console.log(`\nprovider-limits, issue 17: FluentPro against the Celery original, ${LATENCY_MS} ms answers`);
  const figures: Figure[] = [];
  const rows: string[] = [];
  let cleanSpan: { fluent: number; celery: number } | undefined;
  // What the answers taught, carried from run to run as the orchestrator's store carries it.
  let learned: LearnedSizes[] = [];
  // `LIMIT_SCENARIOS=429,cut` runs only the scenarios whose names contain one of those words (and
  // "no limits", the fault-free span the random-429 figures are measured against).
  const only = process.env.LIMIT_SCENARIOS?.split(',').map((word) => word.trim()).filter(Boolean);
  const scenarios = only ? SCENARIOS.filter((s) => s.name === 'no limits' || only.some((word) => s.name.includes(word))) : SCENARIOS;
  for (const scenario of scenarios) {
    const answerSizes = new AnswerSizes();
    if (!scenario.firstRunEver) answerSizes.restore(learned);
    const admission = new Admission({ maxInFlight: MAX_IN_FLIGHT, answerSizes });
    const title = `Limit ${scenario.name}`;
    const fluentRandom = mulberry32(SEED);
    const fluentLimits = scenario.limits?.(fluentRandom);
    const run = await runAgainstLimits(
      {
        jobs: scenario.jobs,
        lessons: scenario.lessons,
        latencyMs: LATENCY_MS,
        ...(fluentLimits ? { limits: fluentLimits } : {}),
        settings: { maxInFlightRequests: MAX_IN_FLIGHT },
        server: { answerTokens, ...(scenario.fault ? { fault: scenario.fault(mulberry32(SEED + 1)) } : {}) },
        admission,
      },
      title,
    );
    if (!scenario.firstRunEver) learned = answerSizes.snapshot();
    const fluent = measure(run.server.requests, run.failed);
    const titles = Array.from({ length: scenario.jobs }, (_, i) => `${title} ${i + 1}`);
    const celery = await runCelery(scenario, titles, promptSizes(run.server.requests));
    const ideal = idealFor(scenario, run.server.requests);
    const base = scenario.againstClean && cleanSpan ? cleanSpan : undefined;
    const fluentRatio = fluent.spanMs / (base?.fluent ?? ideal);
    const celeryRatio = celery.spanMs / (base?.celery ?? ideal);
    if (scenario.name === 'no limits') cleanSpan = { fluent: fluent.spanMs, celery: celery.spanMs };
    const against = base ? 'of its fault-free span' : `of ideal ${Math.round(ideal)} ms`;
    rows.push(
      `  ${scenario.name.padEnd(30)} FluentPro: ${fluent.failed} failed, ${pct(fluent.refusedShare)} refused, ×${fluentRatio.toFixed(2)} ${against}, ` +
        `reserved ÷ used ${fluent.reservedOverUsed?.toFixed(2) ?? '—'}, cut off ${pct(fluent.cutOffShare)} | ` +
        `Celery: ${celery.failed} failed, ${pct(celery.refusedShare)} refused, ×${celeryRatio.toFixed(2)} | FluentPro ÷ Celery ×${(fluentRatio / celeryRatio).toFixed(2)}` +
        (celery.failed > 0 ? ` (Celery's span ends early: ${celery.failed} of ${scenario.jobs} courses failed)` : ''),
    );
    console.log(rows.at(-1));
    const label = scenario.name;
    figures.push(
      { name: `${label}: failed`, value: fluent.failed, unit: 'courses' },
      { name: `${label}: refused`, value: round(fluent.refusedShare * 100, 1), unit: '%', ideal: 5 },
      { name: `${label}: span ÷ ${base ? 'fault-free' : 'ideal'}`, value: round(fluentRatio, 3), unit: '×', ideal: base ? 1.5 : 1.3 },
      { name: `${label}: Celery span ÷ ${base ? 'fault-free' : 'ideal'}`, value: round(celeryRatio, 3), unit: '×' },
      { name: `${label}: Celery failed`, value: celery.failed, unit: 'courses' },
      { name: `${label}: FluentPro ÷ Celery`, value: round(fluentRatio / celeryRatio, 3), unit: '×', ideal: 1 },
      { name: `${label}: cut off`, value: round(fluent.cutOffShare * 100, 2), unit: '%', ideal: 1 },
    );
    if (scenario.faults) {
      // The faults' own cost: a course waits a second for a refused lesson whoever schedules it.
      const shape = { jobs: scenario.jobs, lessons: scenario.lessons, concurrency: 4, lessonConcurrency: 4, maxInFlight: Math.min(MAX_IN_FLIGHT, scenario.cap ?? MAX_IN_FLIGHT), latencyMs: LATENCY_MS };
      const withFaults = faultIdealMs({ ...shape, ...scenario.faults });
      const withoutFaults = faultIdealMs(shape, 1);
      const ratio = fluent.spanMs / withFaults;
      console.log(
        `  ${''.padEnd(30)} the ideal that meets these faults: ${Math.round(withFaults)} ms (×${(withFaults / withoutFaults).toFixed(2)} of the fault-free ideal); ` +
          `FluentPro ×${ratio.toFixed(2)} of it, Celery ×${(celery.spanMs / withFaults).toFixed(2)}`,
      );
      figures.push(
        { name: `${label}: ideal with faults ÷ without`, value: round(withFaults / withoutFaults, 3), unit: '×' },
        { name: `${label}: span ÷ ideal with faults`, value: round(ratio, 3), unit: '×', ideal: 1.3 },
      );
    }
    if (fluent.reservedOverUsed !== undefined) figures.push({ name: `${label}: reserved ÷ used`, value: round(fluent.reservedOverUsed, 3), unit: '×', ideal: 1.3 });
  }
  report(only ? 'provider-limits-17-partial' : 'provider-limits-17', figures, {
    workload: '8 courses × 8 lessons (and 1 × 60, 20 × 8), 200 ms answers, lessons ~2,000 tokens ±15%, outlines ~1,500',
    ideal: `max(work tokens ÷ tpm or requests ÷ rpm, + one latency; makespan at ${MAX_IN_FLIGHT} in flight, 4 under a cap of 4); random 429s against the same system without faults; with faults, also the simulated span of a scheduler with no overhead that waits each retry-after (fault-ideal.ts)`,
    celery: 'threads pool 4, prefetch 1, ThreadPoolExecutor(4) per course, OpenAI Python SDK max_retries 2, autoretry retry_backoff=True (Celery defaults: max_retries 3, jitter), no max_completion_tokens',
    seed: SEED,
  });
}

async function runCelery(scenario: Scenario, titles: string[], promptTokens: { outline: number; lesson: number }): Promise<Measured> {
  const limitsOptions = scenario.limits?.(mulberry32(SEED));
  const server = await FakeLlmServer.start({
    latencyMs: LATENCY_MS,
    ...(limitsOptions ? { limits: new ProviderLimits(limitsOptions) } : {}),
    answerTokens,
    ...(scenario.fault ? { fault: scenario.fault(mulberry32(SEED + 1)) } : {}),
  });
  try {
    const run = await runCeleryOriginal({ baseURL: server.baseURL, jobs: scenario.jobs, lessons: scenario.lessons, titles, promptTokens, random: mulberry32(SEED + 2) });
    return measure(server.requests, run.failed);
  } finally {
    await server.close();
  }
}

/** Answer sizes like a real model's, the same for a request's key in every run and attempt. */
function answerTokens(request: RequestInfo): number | undefined {
  const u = (hash(request.key) % 10_000) / 10_000;
  if (/^lesson \d+\|/.test(request.key)) return Math.round(2000 * (0.85 + 0.3 * u));
  if (/^outline/.test(request.key)) return Math.round(1500 * (0.85 + 0.3 * u));
  return undefined;
}

function measure(requests: readonly ServedRequest[], failed: number): Measured {
  const spanMs = Math.max(...requests.map((r) => r.endedAt)) - Math.min(...requests.map((r) => r.startedAt));
  const refused = requests.filter((r) => r.status === 429 || r.status === 503).length;
  const complete = requests.filter((r) => r.status === 200 && r.finishReason !== undefined && !r.fault);
  const cutOff = complete.filter((r) => r.finishReason === 'length').length;
  const lessons = complete
    .filter((r) => /^lesson \d+\|/.test(r.key) && r.maxCompletionTokens !== undefined)
    .sort((a, b) => a.endedAt - b.endedAt)
    .slice(FIRST_FEW);
  const reserved = lessons.reduce((sum, r) => sum + r.promptTokens + r.maxCompletionTokens!, 0);
  const used = lessons.reduce((sum, r) => sum + r.promptTokens + r.completionTokens, 0);
  return {
    failed,
    attempts: requests.length,
    refusedShare: refused / requests.length,
    spanMs,
    ...(lessons.length > 0 ? { reservedOverUsed: reserved / used } : {}),
    cutOffShare: complete.length ? cutOff / complete.length : 0,
  };
}

/** FluentPro's prompts, averaged by kind, for the Celery model's requests. */
function promptSizes(requests: readonly ServedRequest[]): { outline: number; lesson: number } {
  const average = (pattern: RegExp) => {
    const sizes = requests.filter((r) => pattern.test(r.key)).map((r) => r.promptTokens);
    return sizes.length ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : 300;
  };
  return { outline: average(/^outline/), lesson: average(/^lesson \d+\|/) };
}

function idealFor(scenario: Scenario, requests: readonly ServedRequest[]): number {
  const makespan = idealMs({ jobs: scenario.jobs, lessons: scenario.lessons, concurrency: 4, lessonConcurrency: 4, maxInFlight: Math.min(MAX_IN_FLIGHT, scenario.cap ?? MAX_IN_FLIGHT), latencyMs: LATENCY_MS });
  if (!scenario.rate) return makespan;
  // The work: one complete answer per outline part and lesson, each charged its prompt and its real size.
  const work = new Map<string, number>();
  for (const r of requests) if (r.status === 200 && r.finishReason === 'stop' && /^(outline|lesson \d+\|)/.test(r.key)) work.set(r.key, r.promptTokens + r.completionTokens);
  const byRate = scenario.rate === 'tpm' ? [...work.values()].reduce((a, b) => a + b, 0) / (TPM / 60_000) : work.size / (RPM / 60_000);
  return Math.max(makespan, byRate + LATENCY_MS);
}


function hash(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619) >>> 0;
  return h;
}

const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
