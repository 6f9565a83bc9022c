import { describe, expect, it } from 'vitest';
import { AdaptiveLimit, type LimitChangeReason } from '../../electron/core/pacing/adaptive-limit.js';

describe('AdaptiveLimit', () => {
  it('starts at `initial`, by default the smaller of 4 and `max`', () => {
    expect(new AdaptiveLimit().limit).toBe(4);
    expect(new AdaptiveLimit({ max: 2 }).limit).toBe(2);
    expect(new AdaptiveLimit({ initial: 7, max: 16 }).limit).toBe(7);
  });

  it('grows by one on a success while at least half the limit is in use', () => {
    const limit = new AdaptiveLimit({ initial: 4, max: 16 });
    limit.onSuccess(2);
    expect(limit.limit).toBe(5);
    limit.onSuccess(3);
    expect(limit.limit).toBe(6);
  });

  it('does not grow while the limit is not used (fewer than half in flight)', () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 16 });
    for (let i = 0; i < 50; i++) limit.onSuccess(3);
    expect(limit.limit).toBe(8);
  });

  it('never grows past `max` nor falls below `min`', () => {
    const limit = new AdaptiveLimit({ initial: 3, min: 2, max: 4, now: () => 0 });
    for (let i = 0; i < 10; i++) limit.onSuccess(4);
    expect(limit.limit).toBe(4);
    for (let i = 0; i < 10; i++) limit.onDrop(limit.cuts);
    expect(limit.limit).toBe(2);
  });

  it('cuts by 0.9, rounded down, and by at least one', () => {
    const limit = new AdaptiveLimit({ initial: 20, max: 20 });
    const seen: number[] = [];
    for (let i = 0; i < 6; i++) {
      limit.onDrop(limit.cuts);
      seen.push(limit.limit);
    }
    expect(seen).toEqual([18, 16, 14, 12, 10, 9]);
  });

  it('cuts once for a burst of drops sent before the cut, as TCP cuts once per window', () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 8 });
    const cutsWhenSent = limit.cuts; // eight requests leave together
    const cut = Array.from({ length: 8 }, () => limit.onDrop(cutsWhenSent));
    expect(cut).toEqual([true, false, false, false, false, false, false, false]);
    expect(limit.limit).toBe(7);
  });

  it('cuts again for a drop of a request sent after the last cut', () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 8 });
    limit.onDrop(limit.cuts);
    const sentAfter = limit.cuts;
    expect(limit.onDrop(sentAfter)).toBe(true);
    expect(limit.limit).toBe(6);
  });

  it('cuts at most once per window when a drop does not say when it was sent', () => {
    let now = 0;
    const limit = new AdaptiveLimit({ initial: 8, max: 8, windowMs: 1000, now: () => now });
    expect(limit.onDrop()).toBe(true);
    now = 999;
    expect(limit.onDrop()).toBe(false);
    now = 1000;
    expect(limit.onDrop()).toBe(true);
    expect(limit.limit).toBe(6);
  });

  it('tells listeners of each change with its reason, until they stop listening', () => {
    const limit = new AdaptiveLimit({ initial: 4, max: 8 });
    const changes: [number, LimitChangeReason][] = [];
    const stop = limit.onDidChangeLimit((value, reason) => changes.push([value, reason]));
    limit.onSuccess(4);
    limit.onDrop(limit.cuts);
    limit.max = 3;
    limit.onSuccess(0); // no change, no event
    stop();
    limit.max = 8;
    limit.onSuccess(3);
    expect(limit.limit).toBe(4);
    expect(changes).toEqual([
      [5, 'grow'],
      [4, 'drop'],
      [3, 'set'],
    ]);
  });
});
