import { describe, expect, it } from 'vitest';
import {
  estimateRequest,
  formatGoDuration,
  ProviderLimits,
  type Admission,
  type ProviderLimitsOptions,
  type Refused,
  type RequestEstimate,
} from '../support/provider-limits.js';

/** A provider on a clock the test moves by hand, in milliseconds. */
function provider(options: ProviderLimitsOptions = {}) {
  const clock = { t: 0 };
  const limits = new ProviderLimits({ now: () => clock.t, ...options });
  return { limits, clock };
}

const request = (promptTokens: number, maxCompletionTokens?: number): RequestEstimate => ({ promptTokens, maxCompletionTokens });

function refused(admission: Admission): Refused {
  if (admission.ok) throw new Error('expected a refusal, got an admission');
  return admission;
}

/** Reads a Go duration the way FIELD-NOTES tells clients to. */
function parseGoDuration(text: string): number {
  const unit = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;
  let ms = 0;
  for (const [, n, u] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) ms += Number(n) * unit[u as keyof typeof unit];
  return ms;
}

/** mulberry32: a seeded random for reproducible random 429s. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('formatGoDuration', () => {
  it("prints durations as Go's time.Duration does, rounded up to whole milliseconds", () => {
    expect(formatGoDuration(0)).toBe('0s');
    expect(formatGoDuration(0.3)).toBe('1ms');
    expect(formatGoDuration(20)).toBe('20ms');
    expect(formatGoDuration(999)).toBe('999ms');
    expect(formatGoDuration(1000)).toBe('1s');
    expect(formatGoDuration(1500)).toBe('1.5s');
    expect(formatGoDuration(2081)).toBe('2.081s');
    expect(formatGoDuration(172_800)).toBe('2m52.8s');
    expect(formatGoDuration(360_000)).toBe('6m0s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
    expect(formatGoDuration(3_723_004)).toBe('1h2m3.004s');
  });

  it('round-trips through the parse FIELD-NOTES gives clients', () => {
    for (const ms of [0, 1, 20, 999, 1000, 1500, 2081, 59_999, 172_800, 360_000, 3_723_004]) {
      expect(parseGoDuration(formatGoDuration(ms))).toBe(ms);
    }
  });

  it('refuses a negative or non-finite duration, naming it', () => {
    expect(() => formatGoDuration(-1)).toThrow(new TypeError('Expected `ms` to be a finite number from 0 and up, got `-1` (number)'));
    expect(() => formatGoDuration(Number.NaN)).toThrow('got `NaN` (number)');
  });
});

describe('estimateRequest', () => {
  it("counts the prompt as the fake server's usage.prompt_tokens does and takes max_completion_tokens, else max_tokens", () => {
    const messages = [
      { role: 'system', content: 'You write language courses.' },
      { role: 'user', content: 'Write lesson 1 of "Spanish for travellers".' },
    ];
    expect(estimateRequest({ model: 'm', messages, max_completion_tokens: 900, max_tokens: 5 })).toEqual({
      promptTokens: JSON.stringify(messages).length >> 2,
      maxCompletionTokens: 900,
      model: 'm',
    });
    expect(estimateRequest({ messages, max_tokens: 5 }).maxCompletionTokens).toBe(5);
    expect(estimateRequest({ messages }).maxCompletionTokens).toBeUndefined();
  });
});

describe('ProviderLimits: budgets enforced per second', () => {
  it("refuses most of a minute's requests sent at once, and admits the same paced evenly", () => {
    const burst = provider({ rpm: 600 });
    const burstAnswers = Array.from({ length: 600 }, () => burst.limits.admit(request(10, 10)));
    expect(burstAnswers.filter((a) => a.ok)).toHaveLength(10); // one second's slice: 600/60
    expect(burst.limits.stats.refusedByReason.requests).toBe(590);

    const paced = provider({ rpm: 600 });
    for (let i = 0; i < 600; i++) {
      paced.clock.t = i * 100;
      expect(paced.limits.admit(request(10, 10)).ok).toBe(true);
    }
    expect(paced.limits.stats).toMatchObject({ admitted: 600, refused: 0 });
  });

  it("refuses most of a minute's tokens sent at once, and admits the same paced evenly", () => {
    const burst = provider({ tpm: 60_000 });
    const burstAnswers = Array.from({ length: 120 }, () => burst.limits.admit(request(100, 400)));
    expect(burstAnswers.filter((a) => a.ok)).toHaveLength(2); // 1,000 tokens a second, 500 each
    const refusal = refused(burstAnswers[2]!);
    expect(refusal.body.error).toMatchObject({ type: 'tokens', code: 'rate_limit_exceeded' });
    // As with OpenAI, the headers report the minute: plenty remains while the second is spent.
    expect(refusal.headers['x-ratelimit-remaining-tokens']).toBe('59000');

    const paced = provider({ tpm: 60_000 });
    for (let i = 0; i < 120; i++) {
      paced.clock.t = i * 500;
      expect(paced.limits.admit(request(100, 400)).ok).toBe(true);
    }
    expect(paced.limits.stats).toMatchObject({ admitted: 120, refused: 0 });
  });

  it('charges the prompt plus max_completion_tokens, or plus defaultCompletionTokens when the request sets none', () => {
    const { limits } = provider({ tpm: 600_000, defaultCompletionTokens: 700 });
    expect(limits.admit(request(100, 400)).headers['x-ratelimit-remaining-tokens']).toBe(String(600_000 - 500));
    expect(limits.admit(request(100)).headers['x-ratelimit-remaining-tokens']).toBe(String(600_000 - 500 - 800));
  });

  it('admits a request bigger than a whole second once the bucket is full, so none waits for ever', () => {
    const { limits, clock } = provider({ tpm: 60_000 });
    expect(limits.admit(request(500, 2000)).ok).toBe(true); // 2,500 tokens > the 1,000 a second
    const refusal = refused(limits.admit(request(500, 2000)));
    expect(refusal.headers['retry-after-ms']).toBe('2500'); // until the bucket is full again
    clock.t = 2500;
    expect(limits.admit(request(500, 2000)).ok).toBe(true);
  });
});

describe('ProviderLimits: headers', () => {
  it('reports limit, remaining and reset for each budget on every answer, remaining falling and reset growing', () => {
    const { limits, clock } = provider({ rpm: 6000, tpm: 600_000 });
    const answers = [1, 2, 3].map(() => limits.admit(request(200, 800)));
    expect(answers.map((a) => a.headers)).toEqual([1, 2, 3].map((n) => ({
      'x-ratelimit-limit-requests': '6000',
      'x-ratelimit-limit-tokens': '600000',
      'x-ratelimit-remaining-requests': String(6000 - n),
      'x-ratelimit-remaining-tokens': String(600_000 - 1000 * n),
      'x-ratelimit-reset-requests': `${10 * n}ms`, // 100 requests a second refill one in 10 ms
      'x-ratelimit-reset-tokens': `${100 * n}ms`, // 10,000 tokens a second refill 1,000 in 100 ms
    })));
    clock.t = 250;
    expect(limits.admit(request(200, 800)).headers).toMatchObject({
      'x-ratelimit-remaining-requests': '5999', // the 3 are refilled after 30 ms; 1 more
      'x-ratelimit-reset-requests': '10ms',
      'x-ratelimit-remaining-tokens': '598500', // 3,000 − 2,500 refilled + 1,000
      'x-ratelimit-reset-tokens': '150ms',
    });
  });

  it('reports only the budgets that are set, on refusals too', () => {
    const requestsOnly = provider({ rpm: 60 }).limits;
    expect(Object.keys(requestsOnly.admit(request(1)).headers).sort()).toEqual([
      'x-ratelimit-limit-requests',
      'x-ratelimit-remaining-requests',
      'x-ratelimit-reset-requests',
    ]);
    expect(refused(requestsOnly.admit(request(1))).headers).toMatchObject({ 'x-ratelimit-limit-requests': '60' });
    expect(provider().limits.admit(request(1)).headers).toEqual({});
  });

  it('gives reset as the time until the bucket is full again, in minutes when it is a minute behind', () => {
    const tokens = provider({ tpm: 60_000 }).limits;
    expect(tokens.admit(request(500, 1000)).headers['x-ratelimit-reset-tokens']).toBe('1.5s');
    const requests = provider({ rpm: 1 }).limits;
    expect(requests.admit(request(1)).headers['x-ratelimit-reset-requests']).toBe('1m0s');
    const { limits, clock } = provider({ tpm: 60_000 });
    limits.admit(request(500, 1000));
    clock.t = 1000;
    expect(limits.admit(request(100, 400)).headers['x-ratelimit-reset-tokens']).toBe('1s'); // 500 left to refill, +500
  });
});

describe('ProviderLimits: refusals with retry-after', () => {
  it('refuses past the token budget with OpenAI body and a retry-after that is just enough', () => {
    const { limits, clock } = provider({ tpm: 60_000, model: 'gpt-4o-mini' });
    limits.admit(request(200, 800)); // the whole second: 1,000 tokens
    clock.t = 300;
    const refusal = refused(limits.admit(request(200, 800)));
    expect(refusal.status).toBe(429);
    expect(refusal.headers).toMatchObject({ 'retry-after-ms': '700', 'retry-after': '1' });
    expect(refusal.body).toEqual({
      error: {
        message:
          'Rate limit reached for gpt-4o-mini in organization org-fluentpro-test on tokens per min (TPM): ' +
          'Limit 60000, Used 700, Requested 1000. Please try again in 700ms. ' +
          'Visit https://platform.openai.com/account/rate-limits to learn more.',
        type: 'tokens',
        code: 'rate_limit_exceeded',
      },
    });
    clock.t = 300 + 699;
    expect(limits.admit(request(200, 800)).ok).toBe(false);
    clock.t = 300 + 700;
    expect(limits.admit(request(200, 800)).ok).toBe(true);
  });

  it('refuses past the request budget, naming the model the request asked for', () => {
    const { limits, clock } = provider({ rpm: 120 }); // 2 a second
    limits.admit(request(1));
    limits.admit(request(1));
    const refusal = refused(limits.admit({ promptTokens: 1, model: 'gpt-4.1' }));
    expect(refusal.body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
    expect(refusal.body.error.message).toContain('Rate limit reached for gpt-4.1 in organization org-fluentpro-test on requests per min (RPM): Limit 120, Used 2, Requested 1.');
    // The refusal itself used a request: 3 to refill down to 1 left, at 2 a second.
    expect(refusal.headers).toMatchObject({ 'retry-after-ms': '1000', 'retry-after': '1' });
    expect(refusal.body.error.message).toContain('Please try again in 1s.');
    clock.t = 1000;
    expect(limits.admit(request(1)).ok).toBe(true);
  });

  it('gives a retry-after that covers both budgets, not only the one that refused', () => {
    const { limits, clock } = provider({ rpm: 120, tpm: 60_000 });
    expect(limits.admit(request(200, 800)).ok).toBe(true);
    const refusal = refused(limits.admit(request(50, 50)));
    expect(refusal.body.error.type).toBe('tokens'); // tokens free in 100 ms …
    expect(refusal.headers['retry-after-ms']).toBe('500'); // … but this refusal spent the second's requests
    clock.t = 500;
    expect(limits.admit(request(50, 50)).ok).toBe(true);
  });

  it('counts refused requests against the request budget', () => {
    const control = provider({ rpm: 60 });
    expect(control.limits.admit(request(1)).ok).toBe(true);
    control.clock.t = 1000;
    expect(control.limits.admit(request(1)).ok).toBe(true);

    const { limits, clock } = provider({ rpm: 60 });
    expect(limits.admit(request(1)).ok).toBe(true);
    clock.t = 500;
    expect(refused(limits.admit(request(1))).headers['retry-after-ms']).toBe('1500');
    clock.t = 1000;
    expect(limits.admit(request(1)).ok).toBe(false); // admitted without the refusal at 500 ms
    expect(limits.stats.refusedByReason.requests).toBe(2);
  });

  it('remembers refused requests for at most a minute, as a per-minute window does', () => {
    const { limits, clock } = provider({ rpm: 60 });
    for (let i = 0; i < 1000; i++) limits.admit(request(1));
    expect(limits.admit(request(1)).headers['x-ratelimit-reset-requests']).toBe('1m0s');
    clock.t = 60_000;
    expect(limits.admit(request(1)).ok).toBe(true);
  });
});

describe('ProviderLimits: concurrency cap', () => {
  it('answers 429 beyond the cap without telling the cap, and done() frees a slot once', () => {
    const { limits } = provider({ maxConcurrent: 2 });
    const first = limits.admit(request(1));
    const second = limits.admit(request(1));
    expect([first.ok, second.ok]).toEqual([true, true]);
    const refusal = refused(limits.admit(request(1)));
    expect(refusal.status).toBe(429);
    expect(refusal.body.error).toMatchObject({ type: 'requests', code: 'rate_limit_exceeded' });
    expect(refusal.headers).toEqual({});
    if (!first.ok) throw new Error('unreachable');
    first.done();
    first.done();
    expect(limits.inFlight).toBe(1);
    expect(limits.admit(request(1)).ok).toBe(true);
    expect(limits.admit(request(1)).ok).toBe(false);
    expect(limits.stats).toMatchObject({ admitted: 3, refused: 2, peakConcurrent: 2, refusedByReason: { concurrency: 2 } });
  });

  it('answers 503 "queue full" as a local server does when told to', () => {
    const { limits } = provider({ maxConcurrent: 1, concurrencyStatus: 503 });
    limits.admit(request(1));
    const refusal = refused(limits.admit(request(1)));
    expect(refusal).toMatchObject({ status: 503, reason: 'concurrency', body: { error: { message: 'queue full' } } });
    expect(refusal.headers['retry-after']).toBeUndefined();
  });

  it('sends the budget headers, and still no cap, on a concurrency refusal', () => {
    const { limits } = provider({ maxConcurrent: 1, rpm: 6000 });
    limits.admit(request(1));
    expect(Object.keys(refused(limits.admit(request(1))).headers).sort()).toEqual([
      'x-ratelimit-limit-requests',
      'x-ratelimit-remaining-requests',
      'x-ratelimit-reset-requests',
    ]);
  });
});

describe('ProviderLimits: random 429s', () => {
  it('refuses at the given rate with the given retry-after, the same way for the same seed', () => {
    const run = () => {
      const { limits } = provider({ randomRateLimit: { probability: 0.1, retryAfterSeconds: 1, random: seeded(42) } });
      return Array.from({ length: 10_000 }, () => limits.admit(request(1)));
    };
    const answers = run();
    const refusals = answers.filter((a): a is Refused => !a.ok);
    expect(refusals.length).toBeGreaterThan(900);
    expect(refusals.length).toBeLessThan(1100);
    expect(refusals[0]).toMatchObject({
      status: 429,
      reason: 'random',
      headers: { 'retry-after': '1', 'retry-after-ms': '1000' },
      body: { error: { type: 'requests', code: 'rate_limit_exceeded' } },
    });
    expect(run().map((a) => a.ok)).toEqual(answers.map((a) => a.ok));
  });

  it('never refuses at probability 0', () => {
    const { limits } = provider({ randomRateLimit: { probability: 0, retryAfterSeconds: 1, random: () => 0 } });
    expect(limits.admit(request(1)).ok).toBe(true);
  });
});

describe('ProviderLimits: credit that runs out', () => {
  it('answers insufficient_quota after the n-th admitted request, with no retry-after', () => {
    const { limits } = provider({ insufficientQuotaAfter: 3, rpm: 600 });
    const answers = Array.from({ length: 5 }, () => limits.admit(request(1)));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false, false]);
    const refusal = refused(answers[3]!);
    expect(refusal.status).toBe(429);
    expect(refusal.body).toEqual({
      error: {
        code: 'insufficient_quota',
        type: 'insufficient_quota',
        message: 'You exceeded your current quota, please check your plan and billing details.',
      },
    });
    expect(refusal.headers['retry-after']).toBeUndefined();
    expect(refusal.headers['retry-after-ms']).toBeUndefined();
    expect(refusal.headers['x-ratelimit-limit-requests']).toBe('600');
    expect(limits.stats).toMatchObject({ admitted: 3, refused: 2, refusedByReason: { quota: 2 } });
  });
});

describe('ProviderLimits: stats and clock', () => {
  it('counts every answer by reason', () => {
    const draws = [0.99, 0, 0.99]; // the random check is reached by the 1st, 4th and 6th requests only
    const { limits, clock } = provider({
      rpm: 120, // 2 a second
      tpm: 600, // 10 tokens a second
      maxConcurrent: 1,
      insufficientQuotaAfter: 2,
      randomRateLimit: { probability: 0.5, retryAfterSeconds: 1, random: () => draws.shift()! },
    });
    const reasons = (): unknown => {
      const a = limits.admit(request(5, 5));
      return a.ok ? a : a.reason;
    };
    const first = limits.admit(request(5, 5));
    expect(reasons()).toBe('tokens');
    clock.t = 1000;
    expect(reasons()).toBe('concurrency');
    if (first.ok) first.done();
    expect(reasons()).toBe('random');
    expect(reasons()).toBe('requests');
    clock.t = 2500;
    const second = limits.admit(request(5, 5));
    expect(second.ok).toBe(true);
    if (second.ok) second.done();
    expect(reasons()).toBe('quota');
    expect(limits.stats).toEqual({
      admitted: 2,
      refused: 5,
      refusedByReason: { requests: 1, tokens: 1, concurrency: 1, random: 1, quota: 1 },
      peakConcurrent: 1,
    });
  });

  it('runs on the real clock by default', () => {
    expect(new ProviderLimits({ rpm: 60 }).admit(request(1)).ok).toBe(true);
  });
});

describe('ProviderLimits: options', () => {
  it.each([
    [{ rpm: 0 }, 'Expected `rpm` to be a number above 0, got `0` (number)'],
    [{ tpm: -5 }, 'Expected `tpm` to be a number above 0, got `-5` (number)'],
    [{ tpm: '60000' }, 'Expected `tpm` to be a number above 0, got `60000` (string)'],
    [{ maxConcurrent: 0 }, 'Expected `maxConcurrent` to be a whole number from 1 and up, got `0` (number)'],
    [{ maxConcurrent: 1.5 }, 'Expected `maxConcurrent` to be a whole number from 1 and up, got `1.5` (number)'],
    [{ insufficientQuotaAfter: -1 }, 'Expected `insufficientQuotaAfter` to be a whole number from 0 and up, got `-1` (number)'],
    [{ defaultCompletionTokens: Number.NaN }, 'Expected `defaultCompletionTokens` to be a whole number from 0 and up, got `NaN` (number)'],
    [{ concurrencyStatus: 500 }, 'Expected `concurrencyStatus` to be 429 or 503, got `500` (number)'],
    [{ randomRateLimit: { probability: 1.5, retryAfterSeconds: 1 } }, 'Expected `randomRateLimit.probability` to be a number from 0 to 1, got `1.5` (number)'],
    [{ randomRateLimit: { probability: 0.1, retryAfterSeconds: -1 } }, 'Expected `randomRateLimit.retryAfterSeconds` to be a number from 0 and up, got `-1` (number)'],
  ])('refuses %j, naming the option', (options, message) => {
    expect(() => new ProviderLimits(options as ProviderLimitsOptions)).toThrow(new TypeError(message));
  });
});
