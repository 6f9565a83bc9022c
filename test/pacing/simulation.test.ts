import { describe, expect, it } from 'vitest';
import { Admission } from '../../electron/core/pacing/admission.js';
import { FakeTime } from './fake-time.js';

// 200 requests of 1,000 tokens through one Admission, against a simulated provider that allows
// 60,000 tokens a minute but enforces them per second, in virtual time. The ideal is
// 200,000 ÷ 60,000 minutes = 200 s. Goals (issue 8): refused ≤ 5%, wall ≤ 1.15 × ideal.

const TPM = 60_000;
const SLICE_MS = 1000;
const PER_SLICE = (TPM * SLICE_MS) / 60_000;

interface Answer {
  status: 200 | 429;
  headers: Headers;
}

/** Seeded, so every run is the same. */
function random(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function goDuration(ms: number): string {
  const whole = Math.floor(ms / 1000);
  const rest = Math.round(ms - whole * 1000);
  return rest ? `${whole}s${rest}ms` : `${whole}s`;
}

/**
 * The provider. `fixed`: calendar-aligned one-second slices (starting at an offset our clock does
 * not know), each allowing 1,000 tokens. `sliding`: a bucket of one second's tokens, refilled
 * continuously. Either way a request is charged on arrival and its headers report the minute-level
 * budget, as OpenAI's do; a refused one gets `retry-after-ms` until there is room.
 */
class Provider {
  #usedInSlice = new Map<number, number>();
  #secondBucket = PER_SLICE;
  #minuteBucket = TPM;
  #updatedAt = 0;
  constructor(
    readonly enforcement: 'fixed' | 'sliding',
    readonly offsetMs = 370,
  ) {}

  handle(now: number, tokens: number): Answer {
    const elapsed = now - this.#updatedAt;
    this.#updatedAt = now;
    this.#secondBucket = Math.min(PER_SLICE, this.#secondBucket + (elapsed * PER_SLICE) / SLICE_MS);
    this.#minuteBucket = Math.min(TPM, this.#minuteBucket + (elapsed * TPM) / 60_000);
    const slice = Math.floor((now - this.offsetMs) / SLICE_MS);
    const used = this.#usedInSlice.get(slice) ?? 0;
    let retryAfterMs = 0;
    if (this.enforcement === 'fixed' && used + tokens > PER_SLICE) retryAfterMs = (slice + 1) * SLICE_MS + this.offsetMs - now;
    if (this.enforcement === 'sliding' && this.#secondBucket < tokens) retryAfterMs = Math.ceil(((tokens - this.#secondBucket) * SLICE_MS) / PER_SLICE);
    if (retryAfterMs === 0) {
      this.#usedInSlice.set(slice, used + tokens);
      this.#secondBucket -= tokens;
      this.#minuteBucket -= tokens;
    }
    const headers = new Headers({
      'x-ratelimit-limit-requests': '10000',
      'x-ratelimit-limit-tokens': String(TPM),
      'x-ratelimit-remaining-requests': '9999',
      'x-ratelimit-remaining-tokens': String(Math.max(0, Math.floor(this.#minuteBucket))),
      'x-ratelimit-reset-requests': '6ms',
      'x-ratelimit-reset-tokens': goDuration(((TPM - this.#minuteBucket) * 60_000) / TPM),
    });
    if (retryAfterMs > 0) headers.set('retry-after-ms', String(retryAfterMs));
    return { status: retryAfterMs > 0 ? 429 : 200, headers };
  }
}

async function simulate(options: { enforcement: 'fixed' | 'sliding'; tpmByHand?: number; burstMs?: number; seed: number }) {
  const time = new FakeTime();
  const next = random(options.seed);
  const provider = new Provider(options.enforcement);
  const admission = new Admission({ maxInFlight: 8, tpm: options.tpmByHand, burstMs: options.burstMs, now: time.now, timers: time.timers });
  let attempts = 0;
  let refused = 0;

  const request = async (i: number) => {
    for (;;) {
      const release = await admission.acquire(Math.floor(i / 25), undefined, 1000); // 8 "jobs" of 25
      attempts++;
      await time.sleep(10 + next() * 50); // on the way there: 10–60 ms
      const answer = provider.handle(time.now(), 1000);
      if (answer.status === 429) {
        refused++;
        await time.sleep(10 + next() * 50);
        release({ outcome: 'rate-limited', headers: answer.headers });
        await time.sleep(Number(answer.headers.get('retry-after-ms'))); // its own wait, nobody else's
        continue;
      }
      await time.sleep(2000 + next() * 2000); // the model writes its answer: 2–4 s
      release({ outcome: 'ok', headers: answer.headers, actualTokens: 1000 });
      return;
    }
  };

  const done = Promise.all(Array.from({ length: 200 }, (_, i) => request(i)));
  await time.runAll();
  await done;
  return { wallMs: time.now(), attempts, refused, peakInFlight: admission.peakInFlight, limit: admission.limit };
}

describe('pacing 200 requests against 60,000 tokens a minute, enforced per second', () => {
  const idealMs = (200 * 1000 * 60_000) / TPM;

  // Seen when written: 4 of 204 attempts refused (the first four, sent before any headers told the
  // limit), 213 s = 1.07 × ideal. With the limit set by hand: none refused, 213 s. The cookbook's
  // minute bucket (burstMs 60000), for contrast: 205 of 405 refused, 604 s.
  for (const [label, enforcement, seed] of [
    ['fixed one-second slices', 'fixed', 1],
    ['fixed one-second slices', 'fixed', 2],
    ['a one-second sliding bucket', 'sliding', 3],
  ] as const) {
    it(`learning the limit from headers, with ${label} (seed ${seed}): at most 5% refused, within 1.15 × the ideal time`, async () => {
      const run = await simulate({ enforcement, seed });
      expect(run.refused / run.attempts).toBeLessThanOrEqual(0.05);
      expect(run.wallMs).toBeLessThanOrEqual(1.15 * idealMs);
      expect(run.wallMs).toBeGreaterThanOrEqual(idealMs * 0.95); // never faster than the provider allows
    });
  }

  it.each(['fixed', 'sliding'] as const)('with the limit set by hand (%s slices), nothing is refused', async (enforcement) => {
    const run = await simulate({ enforcement, tpmByHand: TPM, seed: 4 });
    expect(run.refused).toBe(0);
    expect(run.wallMs).toBeLessThanOrEqual(1.15 * idealMs);
  });

  it('for contrast: the cookbook’s minute-sized bucket is refused far more often', async () => {
    const run = await simulate({ enforcement: 'fixed', tpmByHand: TPM, burstMs: 60_000, seed: 5 });
    expect(run.refused / run.attempts).toBeGreaterThan(0.2);
  });
});
