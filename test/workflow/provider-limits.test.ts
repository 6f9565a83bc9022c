import { describe, expect, it } from 'vitest';
import { runAgainstLimits } from '../support/provider-limits-run.js';
import { mulberry32 } from '../support/real-model.js';
import { MAX_COMPLETION_TOKENS } from '../../electron/core/workflow/ask-structured.js';

// Issue 8: 8 courses × 3 lessons against a provider's limits. No course fails, and the budgets
// are met by pacing rather than discovered by 429s (refused ≤ 5%).

const COURSES = { jobs: 8, lessons: 3 };

describe('running at the provider’s limits', () => {
  it('(a) a tokens-per-minute budget, learned from the headers: every course, ≤ 5% refused, answers given the room they need', async () => {
    // ~32 requests; 1.5M a minute (25k a second). How near the ideal time it comes is measured by
    // `npm run bench provider-limits`, not asserted here: a timer fails on a loaded machine.
    const run = await runAgainstLimits({ ...COURSES, latencyMs: 100, limits: { tpm: 1_500_000 } }, 'Tokens');
    expect(run.results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    expect(run.refused / run.attempts).toBeLessThanOrEqual(0.05);
    // The provider charged each request its prompt and the room it was given: learned from the
    // answers, well under the 4,000 a lesson may get, so the budget lets more through.
    expect(run.chargedTokens / run.admitted).toBeLessThan(0.75 * MAX_COMPLETION_TOKENS.lesson);
  }, 30_000);

  it('(b) a requests-per-minute budget: every course, ≤ 5% refused', async () => {
    const run = await runAgainstLimits({ ...COURSES, latencyMs: 100, limits: { rpm: 480 } }, 'Requests');
    expect(run.results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    expect(run.refused / run.attempts).toBeLessThanOrEqual(0.05);
  }, 30_000);

  it('(c) a concurrency cap of 4 the client is not told: every course, ≤ 5% refused, the limit settles at the cap', async () => {
    // 8 × 8 (74 requests): finding the cap costs two or three refusals, which 32 requests could not absorb in 5%.
    const run = await runAgainstLimits({ jobs: 8, lessons: 8, latencyMs: 150, limits: { maxConcurrent: 4 }, settings: { maxInFlightRequests: 8 } }, 'Capped');
    expect(run.results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    expect(run.refused / run.attempts).toBeLessThanOrEqual(0.05);
    expect(run.finalLimit).toBeLessThanOrEqual(4);
  }, 30_000);

  it('(d) 10% random 429s with retry-after 1: every course, none failed', async () => {
    // Seeded: unseeded, none of ~32 requests drew a 429 in 0.9^32 ≈ 3% of runs and the test failed
    // on correct code. With this seed the server's 10th, 11th and 20th draws are 429s, so at least
    // three requests are refused whatever order the lessons arrive in (every request draws once).
    const SEED = 2026;
    const draws = mulberry32(SEED);
    const refusedAmongFirst32 = Array.from({ length: 32 }, draws).filter((x) => x < 0.1).length;
    expect(refusedAmongFirst32).toBe(3);
    const run = await runAgainstLimits({ ...COURSES, latencyMs: 100, limits: { randomRateLimit: { probability: 0.1, retryAfterSeconds: 1, random: mulberry32(SEED) } } }, 'Random');
    expect(run.results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    expect(run.refused).toBeGreaterThanOrEqual(refusedAmongFirst32);
  }, 30_000);

  it('a local server’s 503 "queue full" is back-pressure: waited out, no course fails', async () => {
    const run = await runAgainstLimits({ jobs: 4, lessons: 3, latencyMs: 100, limits: { maxConcurrent: 2, concurrencyStatus: 503 } }, 'Local');
    expect(run.results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
    expect(run.server.requests.some((r) => r.status === 503)).toBe(true);
  }, 30_000);

  it('insufficient_quota stops every course at once with the reason in plain words, and is never retried', async () => {
    const run = await runAgainstLimits({ jobs: 4, lessons: 3, latencyMs: 50, limits: { insufficientQuotaAfter: 5 } }, 'Broke');
    expect(run.failed).toBe(4);
    for (const result of run.results) {
      expect(result.error).toBe('the provider says your account has no credit left (insufficient_quota): add credit or change the API key; finished lessons are kept');
    }
    // Refused requests are not asked again: at most one per request open when credit ran out.
    expect(run.server.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(8);
  }, 30_000);
});
