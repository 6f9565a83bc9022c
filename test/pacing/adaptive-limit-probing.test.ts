import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from '../../electron/core/pacing/adaptive-limit.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { FakeTime } from './fake-time.js';

describe('AdaptiveLimit: growth once per round trip, and the level that was refused', () => {
  it('grows by one per round trip: answers of requests sent before the last change do not grow it again', () => {
    const limit = new AdaptiveLimit({ initial: 4, max: 8 });
    const sentAt = limit.changes; // four requests leave together
    for (let i = 1; i <= 4; i++) limit.onSuccess(i, sentAt);
    expect(limit.limit).toBe(5);
    limit.onSuccess(5, limit.changes); // one sent after the growth: the next round trip
    expect(limit.limit).toBe(6);
  });

  it('remembers the level that was refused and does not grow back to it until it has had enough answers', () => {
    const limit = new AdaptiveLimit({ initial: 5, max: 8, probeAfterSuccesses: 10 });
    expect(limit.onDrop(limit.cuts, 5)).toBe(false); // a lone refusal: a spike until another follows
    expect(limit.onDrop(limit.cuts, 5)).toBe(true);
    expect(limit.limit).toBe(4);
    expect(limit.ceiling).toBe(5);
    for (let i = 0; i < 9; i++) limit.onSuccess(4, limit.changes);
    expect(limit.limit).toBe(4); // nine answers: not yet
    limit.onSuccess(4, limit.changes);
    expect(limit.limit).toBe(5); // the tenth: probe the refused level again
  });

  it('waits twice as long before probing a level that was refused again', () => {
    const limit = new AdaptiveLimit({ initial: 5, max: 8, probeAfterSuccesses: 10 });
    limit.onDrop(limit.cuts, 5);
    limit.onDrop(limit.cuts, 5);
    for (let i = 0; i < 10; i++) limit.onSuccess(4, limit.changes);
    expect(limit.limit).toBe(5);
    limit.onDrop(limit.cuts, 5); // refused there again
    limit.onDrop(limit.cuts, 5);
    expect(limit.limit).toBe(4);
    for (let i = 0; i < 19; i++) limit.onSuccess(4, limit.changes);
    expect(limit.limit).toBe(4);
    limit.onSuccess(4, limit.changes);
    expect(limit.limit).toBe(5);
  });

  it('forgets the ceiling once it has grown past it', () => {
    const limit = new AdaptiveLimit({ initial: 5, max: 8, probeAfterSuccesses: 1 });
    limit.onDrop(limit.cuts, 5);
    limit.onDrop(limit.cuts, 5);
    limit.onSuccess(4, limit.changes); // → 5
    limit.onSuccess(5, limit.changes); // a round trip at 5 went fine → 6
    expect(limit.limit).toBe(6);
    limit.onSuccess(6, limit.changes);
    expect(limit.ceiling).toBeUndefined();
  });

  it('does not cut for a random 429 at a level where most answers come back fine', () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 8 });
    for (let i = 0; i < 10; i++) limit.onSuccess(8, limit.changes);
    expect(limit.onDrop(limit.cuts, 8)).toBe(false);
    expect(limit.limit).toBe(8);
  });

  it('cuts for a 429 of the budget without remembering a ceiling', () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 8 });
    for (let i = 0; i < 10; i++) limit.onSuccess(8, limit.changes);
    expect(limit.onDrop(limit.cuts, 8, 'budget')).toBe(true);
    expect(limit.limit).toBe(7);
    expect(limit.ceiling).toBeUndefined();
  });

  it('checks its options', () => {
    expect(() => new AdaptiveLimit({ probeAfterSuccesses: -1 })).toThrow(new TypeError('Expected `probeAfterSuccesses` to be a whole number from 0 and up, got `-1` (number)'));
    expect(() => new AdaptiveLimit({ lossTolerance: 2 })).toThrow(new TypeError('Expected `lossTolerance` to be a number from 0 to 1, got `2` (number)'));
  });
});

describe('Admission against an unannounced concurrency cap of 4, at most 8 in flight', () => {
  it('settles at the cap: few requests refused (the bug was ~half), and 4 in flight most of the time', async () => {
    const time = new FakeTime();
    const admission = new Admission({ maxInFlight: 8, now: time.now, timers: time.timers });
    let open = 0;
    let attempts = 0;
    let refused = 0;
    const request = async () => {
      for (let retry = 0; ; retry++) {
        const release = await admission.acquire(0);
        attempts++;
        await time.sleep(5); // on the way there
        if (open >= 4) {
          refused++;
          await time.sleep(5);
          release({ outcome: 'rate-limited' });
          await time.sleep(Math.min(500 * 2 ** retry, 8000)); // its own backoff
          continue;
        }
        open++;
        await time.sleep(500); // the answer is written
        open--;
        release({ outcome: 'ok' });
        return;
      }
    };
    const done = Promise.all(Array.from({ length: 200 }, request));
    await time.runAll();
    await done;
    expect(refused / attempts).toBeLessThanOrEqual(0.05);
    expect(admission.limit).toBeLessThanOrEqual(5);
    // 200 answers of 0.5 s, 4 at a time: 25 s at best.
    expect(time.now()).toBeLessThanOrEqual(25_000 * 1.15);
  });
});
