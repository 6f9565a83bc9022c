import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineSettings } from '../../electron/core/config/settings.js';
import { courseSchema } from '../../electron/core/course/course-schema.js';
import { runCourses } from '../../electron/core/engine/run-courses.js';
import { createProvider } from '../../electron/core/providers/create-provider.js';
import type { LoadedSpec } from '../../electron/core/spec/read-spec.js';
import type { JobEvent } from '../../electron/shared/job-events.js';
import { settingsFor, specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(specs: LoadedSpec[], serverOptions: FakeLlmServerOptions, overrides: Partial<EngineSettings> = {}, signal?: AbortSignal) {
  server = await FakeLlmServer.start(serverOptions);
  const settings = settingsFor(join(tempDir(), 'out'), { baseURL: server.baseURL, ...overrides });
  const events: JobEvent[] = [];
  const results = await runCourses(specs, { settings, provider: await createProvider(settings), onEvent: (e) => events.push(e), signal });
  return { results, events, server, outDir: settings.outDir };
}

describe('generating courses against an OpenAI-compatible server', () => {
  it('writes a complete, schema-valid course for each spec', async () => {
    const { results, outDir } = await run([specOf({ title: 'Spanish at the Market', lessons: 3 }), specOf({ title: 'French Basics', language: 'French', lessons: 2, sections: ['vocabulary', 'quiz'] })], { latencyMs: 10 });
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const course = courseSchema.parse(JSON.parse(readFileSync(join(outDir, 'spanish-at-the-market', 'course.json'), 'utf8')));
    expect(course.lessons).toHaveLength(3);
    expect(course.generator).toMatchObject({ provider: 'openai', model: 'test-model', demo: false });
    expect(course.usage.requests).toBe(4);
    expect(course.usage.promptTokens).toBeGreaterThan(0);
    expect(readdirSync(join(outDir, 'spanish-at-the-market', 'lessons'))).toHaveLength(3);
    const french = courseSchema.parse(JSON.parse(readFileSync(join(outDir, 'french-basics', 'course.json'), 'utf8')));
    expect(Object.keys(french.lessons[0]!)).not.toContain('dialogue');
    expect(french.lessons[0]!.quiz!.length).toBeGreaterThan(0);
  });

  it('never has more than maxInFlightRequests open across all jobs', async () => {
    const specs = Array.from({ length: 6 }, (_, i) => specOf({ title: `Course ${i + 1}`, lessons: 6 }));
    const { results, server } = await run(specs, { latencyMs: 25 }, { maxInFlightRequests: 5 });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.maxInFlight).toBe(5);
  });

  it('a single 429 delays only its own request (its retry-after); the others go on', async () => {
    const specs = Array.from({ length: 4 }, (_, i) => specOf({ title: `Busy ${i + 1}`, lessons: 4 }));
    let limitedKey: string | undefined;
    const { results, server } = await run(specs, {
      latencyMs: 30,
      fault: ({ index, key }) => {
        if (index !== 5) return undefined;
        limitedKey = key;
        return { kind: 'rate-limit', retryAfterMs: 400 };
      },
    });
    expect(results.every((r) => r.ok)).toBe(true);
    const limited = server.requests.find((r) => r.status === 429)!;
    expect(limited.key).toBe(limitedKey);
    // Its own retry waited the retry-after…
    const retry = server.requests.find((r) => r.key === limitedKey && r.attempt === 1)!;
    expect(retry.startedAt - limited.endedAt).toBeGreaterThanOrEqual(390);
    // …while the others kept going meanwhile: no shared cool-down.
    const startedMeanwhile = server.requests.filter((r) => r.startedAt > limited.endedAt + 20 && r.startedAt < limited.endedAt + 380);
    expect(startedMeanwhile.length).toBeGreaterThan(0);
  });

  it('a 429 is "wait", never "fail": it uses up no attempts', async () => {
    const { results, server } = await run(
      [specOf({ title: 'Patient', lessons: 1 })],
      { fault: ({ attempt }) => (attempt < 8 ? { kind: 'rate-limit', retryAfterMs: 5 } : undefined) },
      { maxAttempts: 3 },
    );
    expect(results[0]).toMatchObject({ ok: true });
    expect(server.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(16);
  });

  it('retries 500s, dropped connections, garbage and cut-off answers; each step is paid for once', async () => {
    const faults = {
      'lesson 1|Flaky': { kind: 'server-error' },
      'lesson 2|Flaky': { kind: 'truncated' },
      'lesson 3|Flaky': { kind: 'garbage' },
      'outline|Flaky': { kind: 'cut-off-content' },
      'lesson 4|Flaky': { kind: 'wrong-shape' },
    } as const;
    const { results, server } = await run([specOf({ title: 'Flaky', lessons: 4 })], {
      fault: ({ key, attempt }) => (attempt === 0 ? faults[key as keyof typeof faults] : undefined),
    });
    expect(results[0]).toMatchObject({ ok: true });
    for (const key of Object.keys(faults)) expect(server.paidCounts().get(key), key).toBe(1);
  });

  it('abandons a request that hangs and retries it', async () => {
    const { results, server } = await run(
      [specOf({ title: 'Slow', lessons: 2 })],
      { fault: ({ key, attempt }) => (key === 'lesson 2|Slow' && attempt === 0 ? { kind: 'slow', ms: 5000 } : undefined) },
      { requestTimeoutMs: 300 },
    );
    expect(results[0]).toMatchObject({ ok: true });
    expect(server.requests.filter((r) => r.key === 'lesson 2|Slow').length).toBe(2);
  });

  it('fails a course that cannot complete with its reason, keeps its finished lessons, and finishes the others', async () => {
    const { results, events } = await run([specOf({ title: 'Doomed', lessons: 3 }), specOf({ title: 'Fine', lessons: 2 })], {
      fault: ({ key }) => (key === 'lesson 2|Doomed' ? { kind: 'wrong-shape' } : undefined),
    });
    const [doomed, fine] = results;
    expect(fine).toMatchObject({ ok: true });
    expect(doomed!.ok).toBe(false);
    expect(doomed!.error).toMatch(/^1 of 3 lessons failed: lesson 2 \(the model's answer did not fit the course format after 3 tries: /);
    const doomedDone = events.filter((e) => e.jobId === doomed!.jobId && e.type === 'lesson-done').map((e) => (e as { lessonNumber: number }).lessonNumber);
    expect(doomedDone.sort()).toEqual([1, 3]);
    expect(events.find((e) => e.jobId === doomed!.jobId && e.type === 'job-failed')).toBeDefined();
  });

  it('stops at once on a refused API key instead of retrying', async () => {
    const { results, server } = await run([specOf({ title: 'Locked', lessons: 2 })], { fault: () => ({ kind: 'unauthorized' }) });
    expect(results[0]!.error).toBe('the API key was refused (401): check OPENAI_API_KEY or the key in Settings');
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxAttempts when the server keeps failing', async () => {
    const { results, server } = await run([specOf({ title: 'Down', lessons: 1 })], { fault: () => ({ kind: 'server-error' }) }, { maxAttempts: 3 });
    expect(results[0]!.error).toMatch(/^gave up after 3 attempts: server error \(500/);
    expect(server.requests).toHaveLength(3);
  });

  it('cancels: open requests are aborted, nothing is written', async () => {
    const controller = new AbortController();
    const pending = run([specOf({ title: 'Cancel Me', lessons: 4 })], { latencyMs: 400 }, {}, controller.signal);
    setTimeout(() => controller.abort(), 600); // after the outline, during the lessons
    const { results, events, outDir } = await pending;
    expect(results[0]).toMatchObject({ ok: false, error: 'cancelled' });
    expect(events.at(-1)?.type).toBe('job-cancelled');
    expect(existsSync(join(outDir, 'cancel-me'))).toBe(false);
  });
});
