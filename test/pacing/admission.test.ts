import { describe, expect, expectTypeOf, it } from 'vitest';
import { Admission, type Release } from '../../electron/core/pacing/admission.js';
import type { RequestPermits } from '../../electron/core/workflow/request-gate.js';
import { FakeTime, settle } from './fake-time.js';

function setup(options: ConstructorParameters<typeof Admission>[0] = {}) {
  const time = new FakeTime();
  const admission = new Admission({ now: time.now, timers: time.timers, ...options });
  /** Asks for a permit and records when (in fake time) it came. */
  const ask = (priority = 0, tokens = 0, signal?: AbortSignal) => {
    const entry: { release?: Release; at?: number; error?: unknown } = {};
    admission.acquire(priority, signal, tokens).then(
      (release) => ((entry.release = release), (entry.at = time.now())),
      (error) => (entry.error = error),
    );
    return entry;
  };
  return { time, admission, ask };
}

const rateLimitHeaders = (h: Record<string, string>) => new Headers(h);

describe('Admission', () => {
  it('can stand in for the workflow’s RequestPermits', () => {
    expectTypeOf<Admission>().toMatchTypeOf<RequestPermits>();
  });

  it('serves lower priority numbers first, then first come', async () => {
    const { admission } = setup({ maxInFlight: 1, initialInFlight: 1 });
    const hold = await admission.acquire(0);
    const order: string[] = [];
    const wait = (name: string, priority: number) => admission.acquire(priority).then((release) => (order.push(name), release()));
    const all = Promise.all([wait('job3-a', 3), wait('job1-a', 1), wait('job3-b', 3), wait('job1-b', 1)]);
    expect(admission.pending).toBe(4);
    hold();
    await all;
    expect(order).toEqual(['job1-a', 'job1-b', 'job3-a', 'job3-b']);
  });

  it('keeps at most the adaptive limit in flight', async () => {
    const { admission, ask } = setup({ maxInFlight: 8, initialInFlight: 3 });
    const asks = Array.from({ length: 6 }, () => ask());
    await settle();
    expect(asks.filter((a) => a.release).length).toBe(3);
    expect(admission.inFlight).toBe(3);
    expect(admission.pending).toBe(3);
    expect(admission.waitingForRateLimitUntil).toBeUndefined(); // waiting for a slot, not for the rate limit
    asks[0]!.release!(); // sent with 1 in flight, under half the limit: no growth, one more goes
    await settle();
    expect(admission.inFlight).toBe(3);
    asks[2]!.release!(); // sent with 3 in flight: slow start adds one per answer, so the limit is 4, two more go
    await settle();
    expect(admission.limit).toBe(4);
    expect(admission.inFlight).toBe(4);
    expect(admission.peakInFlight).toBe(4);
    expect(admission.pending).toBe(0);
  });

  it('holds requests for the token budget, says until when, then admits them', async () => {
    const { time, admission, ask } = setup({ tpm: 60_000, headroom: 1 }); // 1,000 tokens a second
    const first = ask(0, 1000);
    const second = ask(0, 1000);
    await settle();
    expect(first.at).toBe(0);
    expect(second.release).toBeUndefined();
    expect(admission.waitingForRateLimitUntil).toBe(1000);
    await time.advance(999);
    expect(second.release).toBeUndefined();
    await time.advance(1);
    expect(second.at).toBe(1000);
    expect(admission.waitingForRateLimitUntil).toBeUndefined();
  });

  it('lets the first in line wait for the budget rather than be overtaken by smaller requests', async () => {
    const { time, ask } = setup({ tpm: 60_000, headroom: 1 });
    ask(0, 1000);
    const big = ask(0, 3000);
    const small = ask(0, 10);
    await time.advance(1000);
    expect(big.at).toBe(1000);
    expect(small.release).toBeUndefined();
    await time.advance(3000);
    expect(small.at).toBe(4000);
  });

  it('admits a request larger than the whole budget instead of blocking it for ever', async () => {
    const { time, ask } = setup({ tpm: 1000, headroom: 1, burstMs: 1000 }); // the bucket holds 16⅔ tokens
    const huge = ask(0, 50_000);
    await time.advance(0);
    expect(huge.at).toBe(0);
  });

  it('rejects an abort while waiting with the signal’s reason, and takes nothing', async () => {
    const { time, admission, ask } = setup({ tpm: 60_000, headroom: 1 });
    ask(0, 1000);
    const controller = new AbortController();
    const aborted = ask(0, 1000, controller.signal);
    const after = ask(1, 1000);
    await settle();
    controller.abort(new Error('cancelled by the user'));
    await settle();
    expect((aborted.error as Error).message).toBe('cancelled by the user');
    expect(admission.pending).toBe(1);
    expect(admission.budget.mark().tokens).toBe(1000);
    await time.advance(1000);
    expect(after.at).toBe(1000); // it goes when the aborted one would have
    expect(admission.inFlight).toBe(2);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { admission } = setup();
    await expect(admission.acquire(0, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    expect(admission.pending).toBe(0);
  });

  it('is safe to release twice: the second does nothing', async () => {
    const { admission, ask } = setup({ maxInFlight: 1, initialInFlight: 1 });
    const release = await admission.acquire(0);
    const second = ask();
    const third = ask();
    release();
    release({ outcome: 'rate-limited' });
    await settle();
    expect(admission.inFlight).toBe(1);
    expect(second.release).toBeDefined();
    expect(third.release).toBeUndefined();
    expect(admission.adaptiveLimit.cuts).toBe(0);
  });

  it('cuts the limit once for a burst of 429s, and again for a 429 sent after the cut', async () => {
    const { admission } = setup({ maxInFlight: 8, initialInFlight: 8 });
    const releases = await Promise.all(Array.from({ length: 8 }, () => admission.acquire(0)));
    for (const release of releases) release({ outcome: 'rate-limited' });
    expect(admission.limit).toBe(7);
    const later = await Promise.all([admission.acquire(0), admission.acquire(0)]);
    later[0]!({ outcome: 'rate-limited' }); // alone, a spike...
    expect(admission.limit).toBe(7);
    later[1]!({ outcome: 'rate-limited' }); // ...but another follows before any answer comes back fine
    expect(admission.limit).toBe(6);
  });

  it('does not hold the others back for a 429’s retry-after: only its own request waits', async () => {
    const { time, admission, ask } = setup({ maxInFlight: 4, initialInFlight: 4 });
    const [refused, answered] = await Promise.all([admission.acquire(0), admission.acquire(0), admission.acquire(0), admission.acquire(0)]);
    const next = ask();
    refused!({ outcome: 'rate-limited', headers: rateLimitHeaders({ 'retry-after': '20' }) });
    await settle();
    expect(admission.limit).toBe(4); // a lone 429 is a spike: the limit stays...
    expect(admission.waitingForRateLimitUntil).toBeUndefined(); // ...and there is no pause for everyone:
    expect(next.at).toBe(0); // the refused request's place goes to the next at once
    await time.advance(10);
    answered!();
  });

  it('grows the limit on answers while it is in use, up to maxInFlight', async () => {
    const { admission } = setup({ maxInFlight: 5, initialInFlight: 2 });
    for (let i = 0; i < 10; i++) {
      const [a, b] = await Promise.all([admission.acquire(0), admission.acquire(0)]);
      a!();
      b!();
    }
    expect(admission.limit).toBe(5);
  });

  it('leaves the limit alone on an error that is not about load', async () => {
    const { admission } = setup({ maxInFlight: 8, initialInFlight: 4 });
    const release = await admission.acquire(0);
    release({ outcome: 'error' });
    expect(admission.limit).toBe(4);
  });

  it('learns the limits from the headers a release brings, and paces by them', async () => {
    const { time, admission, ask } = setup({ headroom: 1 });
    const release = await admission.acquire(0, undefined, 1000);
    release({ headers: rateLimitHeaders({ 'x-ratelimit-limit-tokens': '60000', 'x-ratelimit-remaining-tokens': '59000', 'x-ratelimit-reset-tokens': '1s' }) });
    expect(admission.budget.reportedLimits).toEqual({ tpm: 60_000 });
    // The provider's bucket lacks 1,000 (the first request, sent before the limit was known): a
    // whole second's slice, so the next waits a second, and the one after it another.
    const a = ask(0, 1000);
    const b = ask(0, 1000);
    await time.advance(0);
    expect(a.at).toBeUndefined();
    expect(admission.waitingForRateLimitUntil).toBe(1000);
    await time.advance(1000);
    expect(a.at).toBe(1000);
    await time.advance(1000);
    expect(b.at).toBe(2000);
  });

  it('charges a request that used more tokens than reserved; refunds unused ones only when told the provider bills usage', async () => {
    for (const refundUnusedTokens of [false, true]) {
      const { admission } = setup({ tpm: 60_000, headroom: 1, refundUnusedTokens });
      const over = await admission.acquire(0, undefined, 1000);
      over({ actualTokens: 1500 });
      expect(admission.budget.waitTimeMs(0, 0)).toBe(1500);
      const { admission: other } = setup({ tpm: 60_000, headroom: 1, refundUnusedTokens });
      const under = await other.acquire(0, undefined, 3000);
      under({ actualTokens: 1000 });
      expect(other.budget.waitTimeMs(0, 0)).toBe(refundUnusedTokens ? 1000 : 3000);
    }
  });

  it('honours a cool-down only while no limit is known', async () => {
    const blind = setup();
    blind.admission.coolDown(500);
    const held = blind.ask();
    await blind.time.advance(0);
    expect(held.release).toBeUndefined();
    expect(blind.admission.waitingForRateLimitUntil).toBe(500);
    await blind.time.advance(500);
    expect(held.at).toBe(500);

    const informed = setup({ rpm: 6000 });
    informed.admission.coolDown(500);
    const goes = informed.ask();
    await informed.time.advance(0);
    expect(goes.at).toBe(0);
  });

  it('admits waiters when the hand-set limits or the ceiling change', async () => {
    const { time, admission, ask } = setup({ rpm: 60, headroom: 1, maxInFlight: 1, initialInFlight: 1 });
    (await admission.acquire(0))();
    const next = ask();
    await time.advance(0);
    expect(next.release).toBeUndefined();
    admission.limits = {};
    await settle();
    expect(next.at).toBe(0);
    admission.maxInFlight = 3;
    expect(admission.maxInFlight).toBe(3);
  });
});
