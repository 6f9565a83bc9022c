import { describe, expect, it } from 'vitest';
import { AdaptiveLimit } from '../../electron/core/pacing/adaptive-limit.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { ProviderBudget } from '../../electron/core/pacing/budget.js';
import { requestCost } from '../../electron/core/pacing/token-estimate.js';

describe('pacing options are checked, and a bad one is named', () => {
  it('ProviderBudget', () => {
    expect(() => new ProviderBudget({ rpm: 0 })).toThrow(new TypeError('Expected `rpm` to be a number from 1 and up, got `0` (number)'));
    expect(() => new ProviderBudget({ tpm: Number.NaN })).toThrow(new TypeError('Expected `tpm` to be a number from 1 and up, got `NaN` (number)'));
    expect(() => new ProviderBudget({ tpm: '60000' as unknown as number })).toThrow(new TypeError('Expected `tpm` to be a number from 1 and up, got `60000` (string)'));
    expect(() => new ProviderBudget({ headroom: 0 })).toThrow(new TypeError('Expected `headroom` to be a number above 0 and at most 1, got `0` (number)'));
    expect(() => new ProviderBudget({ headroom: 1.2 })).toThrow(new TypeError('Expected `headroom` to be a number above 0 and at most 1, got `1.2` (number)'));
    expect(() => new ProviderBudget({ burstMs: 1.5 })).toThrow(new TypeError('Expected `burstMs` to be a whole number from 0 to 60000, got `1.5` (number)'));
    const budget = new ProviderBudget();
    expect(() => (budget.limits = { rpm: -5 })).toThrow(new TypeError('Expected `rpm` to be a number from 1 and up, got `-5` (number)'));
    expect(() => budget.take(-1)).toThrow(new TypeError('Expected `tokens` to be a number from 0 and up, got `-1` (number)'));
    expect(() => budget.settle(100, Number.POSITIVE_INFINITY)).toThrow(new TypeError('Expected `actual` to be a number from 0 and up, got `Infinity` (number)'));
  });

  it('AdaptiveLimit', () => {
    expect(() => new AdaptiveLimit({ initial: 0 })).toThrow(new TypeError('Expected `initial` to be a whole number from 1 and up, got `0` (number)'));
    expect(() => new AdaptiveLimit({ initial: 9, max: 8 })).toThrow(new TypeError('Expected `initial` to be a whole number from 1 to 8, got `9` (number)'));
    expect(() => new AdaptiveLimit({ min: 4, max: 2 })).toThrow(new TypeError('Expected `max` to be at least `min` (4), got `2` (number)'));
    expect(() => new AdaptiveLimit({ max: 2.5 })).toThrow(new TypeError('Expected `max` to be a whole number from 1 and up, got `2.5` (number)'));
    expect(() => new AdaptiveLimit({ backoffRatio: 1 })).toThrow(new TypeError('Expected `backoffRatio` to be a number above 0 and below 1, got `1` (number)'));
    expect(() => new AdaptiveLimit({ windowMs: -1 })).toThrow(new TypeError('Expected `windowMs` to be a whole number from 0 and up, got `-1` (number)'));
    const limit = new AdaptiveLimit({ min: 2 });
    expect(() => (limit.max = 1)).toThrow(new TypeError('Expected `max` to be a whole number from 2 and up, got `1` (number)'));
  });

  it('Admission', async () => {
    expect(() => new Admission({ maxInFlight: 0 })).toThrow(new TypeError('Expected `maxInFlight` to be a whole number from 1 and up, got `0` (number)'));
    expect(() => new Admission({ maxInFlight: 8, initialInFlight: 9 })).toThrow(new TypeError('Expected `initialInFlight` to be a whole number from 1 to 8, got `9` (number)'));
    expect(() => new Admission({ tpm: 0 })).toThrow(new TypeError('Expected `tpm` to be a number from 1 and up, got `0` (number)'));
    await expect(new Admission().acquire(0, undefined, -1)).rejects.toThrow(new TypeError('Expected `tokens` to be a number from 0 and up, got `-1` (number)'));
  });

  it('requestCost', () => {
    expect(() => requestCost({ promptTokens: -1, maxCompletionTokens: 10 })).toThrow(new TypeError('Expected `promptTokens` to be a whole number from 0 and up, got `-1` (number)'));
    expect(() => requestCost({ promptTokens: 1, maxCompletionTokens: 0.5 })).toThrow(new TypeError('Expected `maxCompletionTokens` to be a whole number from 0 and up, got `0.5` (number)'));
  });
});
