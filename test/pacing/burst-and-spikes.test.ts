import { describe, expect, it } from 'vitest';
import { Admission, type Release } from '../../electron/core/pacing/admission.js';
import { FakeTime, settle } from './fake-time.js';

/** Seeded, so every run is the same. */
function seeded(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function setup(options: ConstructorParameters<typeof Admission>[0] = {}) {
  const time = new FakeTime();
  const admission = new Admission({ now: time.now, timers: time.timers, ...options });
  const ask = (tokens = 0) => {
    const entry: { release?: Release; at?: number } = {};
    void admission.acquire(0, undefined, tokens).then((release) => ((entry.release = release), (entry.at = time.now())));
    return entry;
  };
  return { time, admission, ask };
}

/** OpenAI's headers for 60,000 tokens a minute with `remaining` left. */
const tokenHeaders = (remaining: number) =>
  new Headers({ 'x-ratelimit-limit-tokens': '60000', 'x-ratelimit-remaining-tokens': String(remaining), 'x-ratelimit-reset-tokens': '1s' });

describe('the burst the provider reports', () => {
  it('sends at once what the first answer’s headers show free, up to a second’s slice, instead of one refill apart', async () => {
    const { time, admission, ask } = setup({ maxInFlight: 16, initialInFlight: 16 });
    (await admission.acquire(0, undefined, 100))({ headers: tokenHeaders(59_900) }); // one request of 100 charged: the bucket is full but for it
    const asks = Array.from({ length: 10 }, () => ask(100));
    await settle();
    // A second's slice at 95% is 950 tokens; 100 are used: eight requests of 100 go now.
    expect(asks.filter((a) => a.at === 0)).toHaveLength(8);
    await time.advance(1000);
    expect(asks.every((a) => a.at !== undefined)).toBe(true);
  });

  it('spreads evenly when told not to burst (the way every request went before)', async () => {
    const { admission, ask } = setup({ maxInFlight: 16, initialInFlight: 16, burstMs: 0 });
    admission.budget.dropReportedBurst();
    (await admission.acquire(0, undefined, 100))({ headers: tokenHeaders(59_900) });
    const asks = Array.from({ length: 10 }, () => ask(100));
    await settle();
    expect(asks.filter((a) => a.at === 0)).toHaveLength(1);
  });

  it('bursts only what the provider shows free: another client on the key used most of the second', async () => {
    const { admission, ask } = setup({ maxInFlight: 16, initialInFlight: 16 });
    (await admission.acquire(0, undefined, 100))({ headers: tokenHeaders(59_400) });
    const asks = Array.from({ length: 10 }, () => ask(100));
    await settle();
    expect(asks.filter((a) => a.at === 0)).toHaveLength(3); // 950 − 600 used = 350: three of 100
  });

  it('stops bursting when the provider refuses a burst (fixed slices)', async () => {
    const { admission } = setup({ maxInFlight: 16, initialInFlight: 16 });
    (await admission.acquire(0, undefined, 100))({ headers: tokenHeaders(59_900) });
    expect(admission.budget.bursting).toBe(true);
    const refused = await admission.acquire(0, undefined, 100);
    refused({ outcome: 'rate-limited', headers: tokenHeaders(58_000) }); // the provider's bucket is two seconds' slices down
    expect(admission.budget.bursting).toBe(false);
  });
});

describe('a lone 429 is a spike, not congestion', () => {
  it('keeps the limit when a 429 the budget does not explain comes at a level that answered fine', async () => {
    const { admission } = setup({ maxInFlight: 8, initialInFlight: 4 });
    const round = await Promise.all(Array.from({ length: 4 }, () => admission.acquire(0)));
    for (const release of round) release({ outcome: 'ok' });
    const limit = admission.limit;
    const next = await Promise.all(Array.from({ length: 4 }, () => admission.acquire(0)));
    next[3]!({ outcome: 'rate-limited', headers: new Headers({ 'x-ratelimit-limit-requests': '10000', 'x-ratelimit-remaining-requests': '9990', 'retry-after': '1' }) });
    expect(admission.limit).toBe(limit);
    expect(admission.adaptiveLimit.cuts).toBe(0);
    expect(admission.waitingForRateLimitUntil).toBeUndefined(); // nobody else waits for its retry-after
    next[2]!({ outcome: 'ok' }); // the next answer at that level shows room: it was a spike
    next[1]!({ outcome: 'rate-limited' });
    expect(admission.adaptiveLimit.cuts).toBe(0); // again alone
  });

  it('cuts when refusals keep coming at levels that answered fine before (a cap came down)', async () => {
    const { admission } = setup({ maxInFlight: 8, initialInFlight: 4 });
    for (const release of await Promise.all(Array.from({ length: 4 }, () => admission.acquire(0)))) release({ outcome: 'ok' });
    for (let round = 0; round < 2; round++) {
      const next = await Promise.all(Array.from({ length: 4 }, () => admission.acquire(0)));
      for (const release of next.reverse()) release({ outcome: 'rate-limited' });
    }
    expect(admission.adaptiveLimit.cuts).toBe(1);
  });

  it('with 10% of requests refused at random (retry-after 1 s), the limit stays up and the run takes at most 1.5 × the fault-free one', async () => {
    const simulate = async (refuse: number) => {
      const time = new FakeTime();
      const random = seeded(11);
      const admission = new Admission({ maxInFlight: 8, now: time.now, timers: time.timers });
      let cuts = 0;
      let refused = 0;
      admission.adaptiveLimit.onDidChangeLimit((_limit, reason) => void (reason === 'drop' && cuts++));
      const request = async () => {
        for (;;) {
          const release = await admission.acquire(0);
          await time.sleep(5);
          if (random() < refuse) {
            refused++;
            release({ outcome: 'rate-limited' });
            await time.sleep(1000); // its own retry-after
            continue;
          }
          await time.sleep(200);
          release({ outcome: 'ok' });
          return;
        }
      };
      const done = Promise.all(Array.from({ length: 200 }, request));
      await time.runAll();
      await done;
      return { wallMs: time.now(), cuts, limit: admission.limit, refused };
    };
    const clean = await simulate(0);
    const spiky = await simulate(0.1);
    expect(spiky.refused).toBeGreaterThan(15); // 23 of 223
    // Seen when written: one cut, in the first half second (two of the first few answers refused
    // look like a cap; the level grows back); the old rule cut on most of them.
    expect(spiky.cuts).toBeLessThanOrEqual(1);
    expect(spiky.limit).toBe(8);
    expect(spiky.wallMs).toBeLessThanOrEqual(1.5 * clean.wallMs);
  });
});
