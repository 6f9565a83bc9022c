import { afterEach, describe, expect, it } from 'vitest';
import type { LessonContent, OutlinePart } from '../../electron/core/course/course-schema.js';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import { generateCourse, type Checkpoints, type GenerateOptions } from '../../electron/core/workflow/generate-course.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/workflow/retry-policy.js';
import { specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';

let server: FakeLlmServer;
afterEach(async () => {
  await server?.close();
  server = undefined as unknown as FakeLlmServer;
});

function options(extra: Partial<GenerateOptions> = {}): GenerateOptions {
  return {
    provider: new OpenAiProvider({ apiKey: 'k', baseURL: server.baseURL, model: 'test-model' }),
    permits: new Admission({ maxInFlight: 8 }),
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5 },
    priority: 0,
    ...extra,
  };
}

describe('checkpoints', () => {
  it('resumes at the next unfinished step and never requests a finished one again', async () => {
    server = await FakeLlmServer.start({ fault: ({ key }) => (key === 'lesson 3|Resume' ? { kind: 'server-error' } : undefined) });
    const spec = specOf({ title: 'Resume', lessons: 4 }).spec;
    const saved: Checkpoints = { outlineParts: new Map(), lessons: new Map() };
    // First run: lesson 3 keeps failing (the provider is down for it), the rest is checkpointed.
    await expect(
      generateCourse(spec, options({
        retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxAttempts: 2 },
        onEvent: (e) => {
          if (e.type === 'step-done' && e.step === 'outline-part') saved.outlineParts.set(e.from, { value: e.content as OutlinePart, usage: e.usage, repairs: e.repairs });
          if (e.type === 'step-done' && e.step === 'lesson') saved.lessons.set(e.lessonNumber, { value: e.content as LessonContent, usage: e.usage, repairs: e.repairs });
        },
      })),
    ).rejects.toThrow(/1 of 4 lessons failed: lesson 3/);
    expect([...saved.lessons.keys()].sort()).toEqual([1, 2, 4]);

    // Second run, provider healthy again: only lesson 3 is requested.
    server.setOptions({ fault: undefined });
    const before = server.requests.length;
    const result = await generateCourse(spec, options({ checkpoints: saved }));
    expect(server.requests.slice(before).map((r) => r.key)).toEqual(['lesson 3|Resume']);
    expect(result.lessons).toHaveLength(4);
    expect(result.paidThisRun.requests).toBe(1);
    expect(result.usage.requests).toBe(5); // the course's cost includes the resumed steps
    expect([...server.paidCounts().values()].every((n) => n === 1)).toBe(true);
  });

  it('does not count a step as done until the checkpoint callback has finished', async () => {
    server = await FakeLlmServer.start();
    const spec = specOf({ title: 'Order', lessons: 1 }).spec;
    const order: string[] = [];
    await generateCourse(spec, options({
      onEvent: async (e) => {
        if (e.type === 'step-done') {
          await new Promise((r) => setTimeout(r, 20));
          order.push(`saved ${e.step}`);
        }
        if (e.type === 'lesson-started') order.push('lesson started');
      },
    }));
    expect(order).toEqual(['saved outline-part', 'lesson started', 'saved lesson']);
  });
});

describe('askStructured repairs', () => {
  it('sends an invalid answer back with its errors and accepts the corrected one', async () => {
    server = await FakeLlmServer.start({ fault: ({ attempt }) => (attempt === 0 ? { kind: 'wrong-shape' } : undefined) });
    const spec = specOf({ title: 'Repair', lessons: 2 }).spec;
    const result = await generateCourse(spec, options());
    expect(result.outline.lessons).toHaveLength(2);
    expect(server.requests.filter((r) => r.key === 'outline|Repair')).toHaveLength(2);
  });
});
