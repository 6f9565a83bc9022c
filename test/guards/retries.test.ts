import { afterEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { generateCourse } from '../../electron/core/workflow/generate-course.js';
import { DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../electron/core/workflow/retry-policy.js';
import { specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer, type Fault } from '../support/fake-llm-server.js';

// README.md: "Requests that fail for a passing reason (408, 409, 5xx, timeouts, …) are retried …
// after the server's retry-after-ms / Retry-After when it gives one … A refused key (401) or a bad
// request fails at once." Each promise, held.

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** One course of one lesson where the outline's first answer is `fault`. */
async function firstAnswerIs(fault: Fault) {
  server = await FakeLlmServer.start({ fault: ({ key, attempt }) => (key === 'outline|Retry' && attempt === 0 ? fault : undefined) });
  const run = generateCourse(specOf({ title: 'Retry', lessons: 1 }).spec, {
    provider: new OpenAiProvider({ apiKey: 'k', baseURL: server.baseURL, model: 'test-model' }),
    permits: new Admission({ maxInFlight: 4 }),
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 20 },
    priority: 0,
  });
  const outcome = await run.then(() => 'ok', (error: Error) => error.message);
  return { outcome, outline: server.requests.filter((r) => r.key === 'outline|Retry') };
}

describe('which failed requests are tried again', () => {
  it.each([408, 409, 500, 502, 503])('retries a %i', async (status) => {
    const { outcome, outline } = await firstAnswerIs({ kind: 'status', status });
    expect(outcome).toBe('ok');
    expect(outline.map((r) => r.status)).toEqual([status, 200]);
  });

  it.each([400, 401, 404, 422])('does not retry a %i: the course fails at once', async (status) => {
    const { outcome, outline } = await firstAnswerIs({ kind: 'status', status });
    expect(outcome).not.toBe('ok');
    expect(outline).toHaveLength(1);
  });

  it('waits what the server asks in Retry-After, not its own short backoff', async () => {
    const { outcome, outline } = await firstAnswerIs({ kind: 'status', status: 500, headers: { 'retry-after': '1' } });
    expect(outcome).toBe('ok');
    expect(outline[1]!.startedAt - outline[0]!.endedAt).toBeGreaterThanOrEqual(900); // backoff alone would be 5 ms
  });

  it('reads a Retry-After date in the past as "now"', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Mon, 30 Nov 2026 11:59:00 GMT' }), now)).toBe(0);
  });
});
