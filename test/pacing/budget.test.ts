import { describe, expect, it } from 'vitest';
import { ProviderBudget } from '../../electron/core/pacing/budget.js';

/** Admits requests of the given sizes as fast as the budget allows, from `start`; returns when each went. */
function greedy(budget: ProviderBudget, sizes: number[], start = 0): { at: number; tokens: number }[] {
  let now = start;
  return sizes.map((tokens) => {
    now += budget.waitTimeMs(tokens, now);
    budget.take(tokens, now);
    return { at: now, tokens };
  });
}

/** The most tokens admitted within any `windowMs` (sliding), and within any fixed slice starting at `offset`. */
function busiest(sent: { at: number; tokens: number }[], windowMs: number, offset = 0) {
  let sliding = 0;
  for (const first of sent) sliding = Math.max(sliding, sent.filter((s) => s.at >= first.at && s.at < first.at + windowMs).reduce((sum, s) => sum + s.tokens, 0));
  const slices = new Map<number, number>();
  for (const s of sent) {
    const slice = Math.floor((s.at - offset) / windowMs);
    slices.set(slice, (slices.get(slice) ?? 0) + s.tokens);
  }
  return { sliding, fixed: Math.max(...slices.values()) };
}

function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('ProviderBudget', () => {
  it('holds nothing back while no limit is known', () => {
    const budget = new ProviderBudget({ now: () => 0 });
    for (let i = 0; i < 100; i++) budget.take(50_000, 0);
    expect(budget.waitTimeMs(50_000, 0)).toBe(0);
    expect(budget.isKnown).toBe(false);
  });

  it('spaces requests evenly at the limit: the next goes when the refill has paid for the last', () => {
    const budget = new ProviderBudget({ tpm: 60_000, headroom: 1 }); // 1 token a ms
    expect(budget.waitTimeMs(1000, 0)).toBe(0);
    budget.take(1000, 0);
    expect(budget.waitTimeMs(1000, 0)).toBe(1000);
    expect(budget.waitTimeMs(1000, 400)).toBe(600);
    expect(budget.waitTimeMs(1000, 1000)).toBe(0);
  });

  it('paces requests per minute the same way', () => {
    const budget = new ProviderBudget({ rpm: 120, headroom: 1 }); // one each 500 ms
    expect(greedy(budget, [0, 0, 0, 0]).map((s) => s.at)).toEqual([0, 500, 1000, 1500]);
  });

  it('aims at 95% of the limit by default', () => {
    const budget = new ProviderBudget({ tpm: 60_000 });
    const sent = greedy(budget, Array.from({ length: 58 }, () => 1000));
    expect(sent.at(-1)!.at).toBeGreaterThanOrEqual(60_000); // 57 slices' worth in the first minute
    expect(sent.filter((s) => s.at < 60_000).length).toBe(57);
  });

  it('never puts more than one second’s share into any second, sliding or in fixed slices wherever they start', () => {
    const budget = new ProviderBudget({ tpm: 60_000 }); // 1,000 tokens a second
    const sent = greedy(budget, Array.from({ length: 240 }, () => 250));
    for (const offset of [0, 137, 500, 999]) expect(busiest(sent, 1000, offset).fixed).toBeLessThanOrEqual(1000);
    expect(busiest(sent, 1000).sliding).toBeLessThanOrEqual(1000);
  });

  it('keeps mixed sizes within 95% of a second’s share plus one request, in any second', () => {
    const next = random(7);
    const sizes = Array.from({ length: 300 }, () => 50 + Math.floor(next() * 900));
    const sent = greedy(new ProviderBudget({ tpm: 60_000 }), sizes);
    expect(busiest(sent, 1000).sliding).toBeLessThanOrEqual(950 + Math.max(...sizes));
    const firstMinute = sent.filter((s) => s.at < 60_000).reduce((sum, s) => sum + s.tokens, 0);
    expect(firstMinute).toBeLessThanOrEqual(57_000 + Math.max(...sizes));
  });

  it('with a one-second burst allowed, the first second after an idle spell takes more than a slice (why the default is none)', () => {
    const sizes = Array.from({ length: 20 }, () => 250);
    const bursty = busiest(greedy(new ProviderBudget({ tpm: 60_000, burstMs: 1000 }), sizes, 10_000), 1000, 10_000);
    const even = busiest(greedy(new ProviderBudget({ tpm: 60_000 }), sizes, 10_000), 1000, 10_000);
    expect(bursty.fixed).toBeGreaterThan(1000);
    expect(even.fixed).toBeLessThanOrEqual(1000);
  });

  it('admits a request larger than a full bucket when the bucket is full, and the debt holds back the next', () => {
    const budget = new ProviderBudget({ tpm: 6000, headroom: 1, burstMs: 1000 }); // holds 100, refills 0.1 a ms
    budget.take(100, 0);
    expect(budget.waitTimeMs(5000, 0)).toBe(1000); // waits for a full bucket, not for 5,000 tokens it can never hold
    expect(budget.waitTimeMs(5000, 1000)).toBe(0);
    budget.take(5000, 1000);
    expect(budget.waitTimeMs(1, 1000)).toBe(49_010);
  });

  it('admits a large request at once when nothing is owed, with no burst at all', () => {
    const budget = new ProviderBudget({ tpm: 600, headroom: 1 });
    expect(budget.waitTimeMs(50_000, 0)).toBe(0);
    budget.take(50_000, 0);
    expect(budget.waitTimeMs(0, 0)).toBe(5_000_000); // then it is paid off at 600 a minute
  });

  it('learns limits from headers, and a hand-set limit can lower the reported one but not raise it', () => {
    const budget = new ProviderBudget({ rpm: 100 });
    budget.updateFromHeaders({ limitRequests: 500, limitTokens: 30_000 }, 0);
    expect(budget.reportedLimits).toEqual({ rpm: 500, tpm: 30_000 });
    expect(budget.effectiveLimits).toEqual({ rpm: 100, tpm: 30_000 });
    budget.limits = { rpm: 10_000 };
    expect(budget.effectiveLimits).toEqual({ rpm: 500, tpm: 30_000 });
    expect(budget.limits).toEqual({ rpm: 10_000 });
  });

  it('starts pacing from the first headers that name a limit', () => {
    const budget = new ProviderBudget({ headroom: 1 });
    budget.take(1000, 0);
    budget.updateFromHeaders({ limitTokens: 60_000 }, 0);
    budget.take(1000, 0);
    expect(budget.waitTimeMs(1000, 0)).toBe(1000);
  });

  it('lowers the bucket to what the provider says remains (someone else shares the key)', () => {
    const budget = new ProviderBudget({ tpm: 60_000, headroom: 1, burstMs: 1000 });
    expect(budget.waitTimeMs(1000, 0)).toBe(0);
    budget.updateFromHeaders({ remainingTokens: 200 }, 0);
    expect(budget.waitTimeMs(1000, 0)).toBe(800);
  });

  it('never raises the bucket from headers: only refill adds room', () => {
    const budget = new ProviderBudget({ tpm: 60_000, headroom: 1, burstMs: 1000 });
    budget.take(1000, 0);
    budget.updateFromHeaders({ limitTokens: 60_000, remainingTokens: 59_000, resetTokensMs: 1000 }, 0);
    expect(budget.waitTimeMs(1000, 0)).toBe(1000);
  });

  it('counts what was sent after the answer’s request, which its `remaining` cannot know, and the refill since', () => {
    const budget = new ProviderBudget({ tpm: 60_000, headroom: 1, burstMs: 1000 });
    const mark = budget.take(100, 0);
    budget.take(300, 0);
    budget.take(300, 0);
    // At 500 ms the answer to the first arrives: the provider had 400 left when it took it.
    budget.updateFromHeaders({ remainingTokens: 400 }, 500, mark);
    // 400 + 500 refilled − 600 sent since = 300 left, where the local count alone would say 800.
    expect(budget.waitTimeMs(1000, 500)).toBe(700);
  });

  it('reads a reset as "full again in", against a per-minute refill, when no remaining is sent', () => {
    const budget = new ProviderBudget({ rpm: 60, headroom: 1, burstMs: 60_000 });
    budget.updateFromHeaders({ resetRequestsMs: 30_000 }, 0); // half the minute to refill: 30 left
    expect(budget.waitTimeMs(0, 0)).toBe(0);
    for (let i = 0; i < 30; i++) budget.take(0, 0);
    expect(budget.waitTimeMs(0, 0)).toBe(1000);
  });

  it('settles a finished request: gives back what it did not use (never past full), charges what it used beyond', () => {
    const budget = new ProviderBudget({ tpm: 60_000, headroom: 1 });
    budget.take(3000, 0);
    budget.settle(3000, 1000, 0);
    expect(budget.waitTimeMs(1000, 0)).toBe(1000);
    budget.settle(3000, 0, 2000);
    expect(budget.waitTimeMs(0, 2000)).toBe(0); // a bucket with no burst is full at 0: nothing banked
    budget.take(1000, 2000);
    budget.settle(1000, 1500, 2000);
    expect(budget.waitTimeMs(0, 2000)).toBe(1500);
  });
});
