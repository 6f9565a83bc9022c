import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineSettings } from '../../electron/core/config/settings.js';
import { courseSchema, type LessonContent, type OutlinePart } from '../../electron/core/course/course-schema.js';
import { runCourses } from '../../electron/core/engine/run-courses.js';
import { createProvider } from '../../electron/core/providers/create-provider.js';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import type { LoadedSpec } from '../../electron/core/spec/read-spec.js';
import { generateCourse, type Checkpoints, type WorkflowEvent } from '../../electron/core/workflow/generate-course.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/workflow/retry-policy.js';
import { settingsFor, specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer, type FakeLlmServerOptions } from '../support/fake-llm-server.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(specs: LoadedSpec[], serverOptions: FakeLlmServerOptions, overrides: Partial<EngineSettings> = {}) {
  server = await FakeLlmServer.start(serverOptions);
  const settings = settingsFor(join(tempDir(), 'out'), { baseURL: server.baseURL, ...overrides });
  const results = await runCourses(specs, { settings, provider: await createProvider(settings) });
  const courses = results.map((r) => (r.ok ? courseSchema.parse(JSON.parse(readFileSync(join(r.outputPath!, 'course.json'), 'utf8'))) : undefined));
  return { results, courses, server };
}

function generate(spec: ReturnType<typeof specOf>['spec'], extra: { checkpoints?: Checkpoints; onEvent?: (e: WorkflowEvent) => void } = {}) {
  return generateCourse(spec, {
    provider: new OpenAiProvider({ apiKey: 'k', baseURL: server!.baseURL, model: 'test-model' }),
    permits: new Admission({ maxInFlight: 8 }),
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1 },
    priority: 0,
    ...extra,
  });
}

describe('a model that answers the schema but not the rules', () => {
  it('completes every course of a mixed batch, repairing what it can and recording each repair', async () => {
    const specs = [
      specOf({ title: 'Mixed Eight', lessons: 8 }),
      specOf({ title: 'Mixed Twenty', lessons: 20, topics: ['Greetings', 'Numbers'] }),
      specOf({ title: 'Mixed Fourteen', language: 'Japanese', lessons: 14, sections: ['vocabulary', 'quiz', 'dialogue'] }),
    ];
    const { results, courses, server } = await run(specs, {
      realModel: { seed: Number(process.env.REAL_MODEL_SEED ?? 7), numberedTitles: 0.3, repeatedTerms: 0.05, unusedVocabulary: 0.2, quizIndexOutOfRange: 0.1, missingSection: 0.1, truncated: 0.05 },
    });
    expect(results.map((r) => r.error ?? 'ok')).toEqual(['ok', 'ok', 'ok']);
    // The server really spoiled answers in every way it knows.
    for (const flaw of ['numbered 175+', 'repeated', 'answer index out of range', 'left empty', 'cut off']) expect(server.flaws.some((f) => f.includes(flaw)), flaw).toBe(true);
    for (const course of courses) {
      expect(course!.quality).toMatchObject({ holds: true, metrics: { duplicateTerms: 0, invalidQuizAnswers: 0, emptySections: 0 } });
      expect(course!.lessons.map((l) => l.number)).toEqual(course!.lessons.map((_, i) => i + 1));
      expect(course!.lessons.filter((l) => /^Lesson \d+:/.test(l.title))).toEqual([]);
    }
    const repairs = courses.flatMap((c) => c!.quality!.repairs);
    for (const kind of ['renumbered', 'duplicate-term-dropped', 'part-asked-again']) expect(repairs.some((r) => r.kind === kind), kind).toBe(true);
  });

  it('plans a long course in parts, each told the terms already planned, and no answer grows with the course', async () => {
    server = await FakeLlmServer.start({});
    const spec = specOf({ title: 'Thirty', lessons: 30 }).spec;
    const result = await generate(spec);
    expect(result.outline.lessons.map((l) => l.number)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const parts = server.requests.filter((r) => r.key.startsWith('outline'));
    expect(parts.map((r) => r.key)).toEqual(['outline|Thirty', 'outline 11|Thirty', 'outline 21|Thirty']);
    const firstPartTerms = result.outline.lessons.slice(0, 10).flatMap((l) => l.vocabulary);
    for (const term of firstPartTerms) expect(parts[1]!.prompt).toContain(term);
    const largest = Math.max(...parts.map((r) => r.completionTokens));
    const eightLessonPlan = (await FakeLlmServer.start({}).then(async (small) => {
      const s = server;
      server = small;
      await generate(specOf({ title: 'Eight', lessons: 8 }).spec);
      const tokens = small.requests.find((r) => r.key === 'outline|Eight')!.completionTokens;
      server = s;
      await small.close();
      return tokens;
    }));
    expect(largest).toBeLessThanOrEqual(eightLessonPlan * 1.6);
  });

  it('sends each lesson only what it needs: its prompt does not grow with the course', async () => {
    server = await FakeLlmServer.start({});
    await generate(specOf({ title: 'Short', lessons: 8 }).spec);
    await generate(specOf({ title: 'Long', lessons: 60 }).spec);
    const mean = (title: string) => {
      const lessons = server!.requests.filter((r) => /^lesson \d+\|/.test(r.key) && r.key.endsWith(`|${title}`));
      return lessons.reduce((sum, r) => sum + r.promptTokens, 0) / lessons.length;
    };
    expect(mean('Long') / mean('Short')).toBeLessThan(1.5);
    const lesson40 = server.requests.find((r) => r.key === 'lesson 40|Long')!.prompt;
    expect(lesson40).toContain('Previous lesson: 39.');
    expect(lesson40).not.toContain('Lesson 10:');
  });

  it('a part that cannot be planned fails the course with the lessons it covers; the lessons planned before it are kept', async () => {
    server = await FakeLlmServer.start({ fault: ({ key }) => (key === 'outline 11|Stuck' ? { kind: 'wrong-shape' } : undefined) });
    const spec = specOf({ title: 'Stuck', lessons: 20 }).spec;
    const saved: Checkpoints = { outlineParts: new Map(), lessons: new Map() };
    const onEvent = (e: WorkflowEvent) => {
      if (e.type === 'step-done' && e.step === 'outline-part') saved.outlineParts.set(e.from, { value: e.content as OutlinePart, usage: e.usage, repairs: e.repairs });
      if (e.type === 'step-done' && e.step === 'lesson') saved.lessons.set(e.lessonNumber, { value: e.content as LessonContent, usage: e.usage, repairs: e.repairs });
    };
    await expect(generate(spec, { onEvent })).rejects.toThrow(/^planning lessons 11–20 failed: the model's answer did not fit the course format after 3 tries: /);
    expect([...saved.outlineParts.keys()]).toEqual([1]);
    expect([...saved.lessons.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

    server.setOptions({ fault: undefined });
    const before = server.requests.length;
    const result = await generate(spec, { checkpoints: saved });
    expect(result.lessons).toHaveLength(20);
    const asked = server.requests.slice(before).map((r) => r.key);
    expect(asked.filter((k) => k.startsWith('outline'))).toEqual(['outline 11|Stuck']);
    expect(asked.filter((k) => /^lesson ([1-9]|10)\|/.test(k))).toEqual([]);
  });
});

describe('re-asking only the broken part of a lesson', () => {
  const spoilLesson2 = (spoil: (answer: Record<string, unknown>) => void, times = 1): FakeLlmServerOptions['fault'] => {
    return ({ key, attempt }) => (key === 'lesson 2|Parts' && attempt < times ? { kind: 'spoil', spoil } : undefined);
  };
  const outOfRange = (answer: Record<string, unknown>) => {
    const quiz = answer.quiz as { answerIndex: number; options: string[] }[];
    quiz[0]!.answerIndex = quiz[0]!.options.length + 2;
  };
  /** A second question, whose answer index points past its options. */
  const addBrokenQuestion = (answer: Record<string, unknown>) => {
    const quiz = answer.quiz as object[];
    quiz.push({ ...quiz[0]!, answerIndex: 9 });
  };

  it('asks again for a quiz question whose answer index is out of range, and keeps the rest of the lesson', async () => {
    server = await FakeLlmServer.start({ fault: spoilLesson2(addBrokenQuestion) });
    const result = await generate(specOf({ title: 'Parts', lessons: 2 }).spec);
    const keys = server.requests.map((r) => r.key);
    expect(keys.filter((k) => k.startsWith('lesson 2'))).toEqual(['lesson 2|Parts', 'lesson 2 quiz_questions|Parts']);
    const quiz = result.lessons[1]!.quiz!;
    expect(quiz).toHaveLength(2);
    expect(quiz.every((q) => q.answerIndex < q.options.length)).toBe(true);
    expect(result.repairs).toContainEqual({
      kind: 'part-asked-again',
      lesson: 2,
      where: 'lesson 2 quiz',
      detail: 'question 2: the answer index 9 points at no option (there are 2; count from 0); asked for it again and got it',
    });
  });

  it('asks again for an empty dialogue alone', async () => {
    server = await FakeLlmServer.start({ fault: spoilLesson2((a) => ((a.dialogue as { lines: unknown[] }).lines = [])) });
    const result = await generate(specOf({ title: 'Parts', lessons: 2 }).spec);
    expect(server.requests.map((r) => r.key).filter((k) => k.startsWith('lesson 2'))).toEqual(['lesson 2|Parts', 'lesson 2 dialogue|Parts']);
    expect(result.lessons[1]!.dialogue!.lines.length).toBeGreaterThanOrEqual(2);
    expect(result.lessons[1]!.grammar).toBeDefined();
  });

  it('leaves out quiz questions that stay broken when the lesson keeps others', async () => {
    server = await FakeLlmServer.start({
      fault: ({ key, attempt }) =>
        key === 'lesson 2|Parts' && attempt === 0
          ? { kind: 'spoil', spoil: addBrokenQuestion }
          : key === 'lesson 2 quiz_questions|Parts'
            ? { kind: 'spoil', spoil: outOfRange }
            : undefined,
    });
    const result = await generate(specOf({ title: 'Parts', lessons: 2 }).spec);
    expect(result.lessons[1]!.quiz).toHaveLength(1);
    expect(server.requests.filter((r) => r.key === 'lesson 2 quiz_questions|Parts')).toHaveLength(3);
    expect(result.repairs.find((r) => r.kind === 'part-dropped')?.detail).toBe(
      '1 quiz question(s) stayed broken after 3 tries (question 1: the answer index 4 points at no option (there are 2; count from 0)); the lesson keeps 1',
    );
  });

  it('fails the lesson, naming it and the problem, when a section it needs stays broken', async () => {
    server = await FakeLlmServer.start({
      fault: ({ key }) => (key.startsWith('lesson 2') && key.includes('Parts') ? { kind: 'spoil', spoil: (a) => void ('grammar' in a ? ((a.grammar as { explanation: string }).explanation = ' ') : undefined) } : undefined),
    });
    await expect(generate(specOf({ title: 'Parts', lessons: 2 }).spec)).rejects.toThrow(
      '1 of 2 lessons failed: lesson 2 (the grammar stayed broken after 3 tries: the grammar section is still unusable: explanation: Too small: expected string to have >=1 characters)',
    );
  });
});
