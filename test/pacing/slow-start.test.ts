import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from '../../electron/core/pacing/adaptive-limit.js';

describe('slow start: the in-flight limit doubles per round trip until the first cut', () => {
  it('grows by one per answer of a request that filled the limit: 4, 8, 16 in two round trips', () => {
    const limit = new AdaptiveLimit({ initial: 4, max: 32, slowStart: true });
    for (let round = 0; round < 2; round++) {
      const sentAt = { changes: limit.changes, limit: limit.limit };
      for (let i = 0; i < sentAt.limit; i++) limit.onSuccess(sentAt.limit, sentAt.changes, sentAt.limit);
    }
    expect(limit.limit).toBe(16);
  });

  it('adds one for answers that come back together from a part-used limit (a cap is overshot by one, not by a doubled round)', () => {
    const limit = new AdaptiveLimit({ initial: 4, max: 32, slowStart: true });
    const changes = limit.changes;
    for (const level of [1, 2, 3]) limit.onSuccess(level, changes, 4);
    expect(limit.limit).toBe(5); // one, once per round trip, as after the first cut
    limit.onSuccess(4, changes, 4); // the one that filled the limit
    expect(limit.limit).toBe(6);
  });

  it('after the first cut, grows by one per round trip', () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 32, slowStart: true });
    limit.onDrop(limit.cuts, 8, 'budget'); // a refusal the budget explains: cut once, no ceiling
    expect(limit.limit).toBe(7);
    const sentAt = { changes: limit.changes, limit: limit.limit };
    for (let i = 0; i < sentAt.limit; i++) limit.onSuccess(sentAt.limit, sentAt.changes, sentAt.limit);
    expect(limit.limit).toBe(8);
  });
});
