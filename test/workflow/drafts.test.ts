import { afterEach, describe, expect, it } from 'vitest';
import { OpenAiProvider } from '../../electron/core/providers/openai-provider.js';
import { generateCourse, type Checkpoints, type GenerateOptions } from '../../electron/core/workflow/generate-course.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { CancelledError } from '../../electron/core/workflow/ask-structured.js';
import { DEFAULT_RETRY_POLICY } from '../../electron/core/workflow/retry-policy.js';
import type { LessonContent, OutlinePart, Usage } from '../../electron/core/course/course-schema.js';
import { specOf } from '../support/engine-fixtures.js';
import { FakeLlmServer, type Fault } from '../support/fake-llm-server.js';

// Issue 15, item 1: an answer that arrived is saved the moment it arrives — the lesson's answer
// before its broken parts are asked for, each repaired part as it comes, a plan part before its
// new-terms requests — so a kill in between pays only for the requests that were open.

let server: FakeLlmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What a kill leaves: the checkpoints and the last draft of each step that the store committed. */
function store(): { checkpoints: Checkpoints; options: Pick<GenerateOptions, 'onEvent' | 'onDraft'> } {
  const checkpoints: Checkpoints = { outlineParts: new Map(), lessons: new Map(), drafts: new Map() };
  return {
    checkpoints,
    options: {
      onEvent: (e) => {
        if (e.type === 'step-done' && e.step === 'outline-part') checkpoints.outlineParts.set(e.from, { value: e.content as OutlinePart, usage: e.usage, repairs: e.repairs });
        if (e.type === 'step-done' && e.step === 'lesson') checkpoints.lessons.set(e.lessonNumber, { value: e.content as LessonContent, usage: e.usage, repairs: e.repairs });
        if (e.type === 'step-done') checkpoints.drafts!.delete(e.step === 'lesson' ? `lesson:${e.lessonNumber}` : `outline-part:${e.from}`);
      },
      onDraft: async (key, draft) => {
        // As the store keeps it: JSON, the latest one wins.
        checkpoints.drafts!.set(key, JSON.parse(JSON.stringify(draft)));
      },
    },
  };
}

function run(spec: ReturnType<typeof specOf>['spec'], extra: Partial<GenerateOptions>) {
  return generateCourse(spec, {
    provider: new OpenAiProvider({ apiKey: 'k', baseURL: server!.baseURL, model: 'test-model' }),
    permits: new Admission({ maxInFlight: 1 }),
    retry: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1 },
    priority: 0,
    lessonConcurrency: 1,
    ...extra,
  });
}

/** Lesson 2's answer arrives with its dialogue, grammar and one quiz question broken: three parts to ask for again. */
const brokenLesson2 = ({ key, attempt }: { key: string; attempt: number }): Fault | undefined =>
  key === 'lesson 2|Drafts' && attempt === 0
    ? {
        kind: 'spoil',
        spoil: (a) => {
          (a.dialogue as { lines: unknown[] }).lines = [];
          (a.grammar as { explanation: string }).explanation = ' ';
          const quiz = a.quiz as object[];
          quiz.push({ ...quiz[0]!, answerIndex: 9 });
        },
      }
    : undefined;

describe('drafts of unfinished steps', () => {
  it('a kill after a repair answer pays again for none of the answers that arrived, and the lesson comes out whole', async () => {
    server = await FakeLlmServer.start({ fault: brokenLesson2 });
    const spec = specOf({ title: 'Drafts', lessons: 2 }).spec;
    const { checkpoints, options } = store();
    const kill = new AbortController();
    let partAnswers = 0;
    // First run: killed right after the first repaired part of lesson 2 is saved.
    await expect(
      run(spec, {
        ...options,
        signal: kill.signal,
        onDraft: async (key, draft) => {
          await options.onDraft!(key, draft);
          if (key === 'lesson:2' && (draft as { pending: unknown[] }).pending.length < 3 && ++partAnswers === 1) kill.abort();
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    const firstRun = server.requests.map((r) => r.key);
    expect(firstRun.filter((k) => k.startsWith('lesson 2'))).toHaveLength(2); // the lesson and one part
    expect(checkpoints.drafts!.get('lesson:2')).toMatchObject({ pending: [expect.anything(), expect.anything()] });

    // Resumed: only the two parts still broken are asked for; nothing answered is paid again.
    const before = server.requests.length;
    const result = await run(spec, { ...options, checkpoints });
    const resumed = server.requests.slice(before).map((r) => r.key);
    expect(resumed).toHaveLength(2);
    expect(resumed.every((k) => k.startsWith('lesson 2 ') && k.endsWith('|Drafts'))).toBe(true);
    expect(new Set([...firstRun.slice(-1), ...resumed]).size).toBe(3);
    expect([...server.paidCounts().values()].every((n) => n === 1)).toBe(true);
    const lesson2 = result.lessons[1]!;
    expect(lesson2.dialogue!.lines.length).toBeGreaterThanOrEqual(2);
    expect(lesson2.grammar!.explanation.trim()).not.toBe('');
    expect(lesson2.quiz!.every((q) => q.answerIndex < q.options.length)).toBe(true);
    // What the lesson cost counts the answers of both runs: 1 lesson + 3 parts.
    expect(result.usage.requests).toBe(server.requests.length);
    expect(result.repairs.filter((r) => r.lesson === 2 && r.kind === 'part-asked-again')).toHaveLength(3);
    expect(checkpoints.drafts!.size).toBe(0);
  });

  it('a kill right after the lesson answer arrives asks only for its broken parts, never for the lesson again', async () => {
    server = await FakeLlmServer.start({ fault: brokenLesson2 });
    const spec = specOf({ title: 'Drafts', lessons: 2 }).spec;
    const { checkpoints, options } = store();
    const kill = new AbortController();
    await expect(
      run(spec, {
        ...options,
        signal: kill.signal,
        onDraft: async (key, draft) => {
          await options.onDraft!(key, draft);
          if (key === 'lesson:2') kill.abort();
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    const before = server.requests.length;
    await run(spec, { ...options, checkpoints });
    const resumed = server.requests.slice(before).map((r) => r.key);
    expect(resumed.sort()).toEqual(['lesson 2 dialogue|Drafts', 'lesson 2 grammar|Drafts', 'lesson 2 quiz_questions|Drafts']);
  });

  it('a lesson failed by a part that stayed broken: Retry asks for that part alone, with its tries again, and finishes', async () => {
    // The grammar stays broken (the lesson fails); the dialogue is repaired meanwhile, slowly, so
    // its draft is saved after the grammar ran out of tries.
    const grammarBroken = ({ key, attempt }: { key: string; attempt: number }): Fault | undefined =>
      key === 'lesson 2 grammar|Drafts'
        ? { kind: 'spoil', spoil: (a) => ((a.grammar as { explanation: string }).explanation = ' ') }
        : key === 'lesson 2 dialogue|Drafts'
          ? { kind: 'slow', ms: 400 }
          : brokenLesson2({ key, attempt });
    server = await FakeLlmServer.start({ fault: grammarBroken });
    const spec = specOf({ title: 'Drafts', lessons: 2 }).spec;
    const { checkpoints, options } = store();
    // Parts asked for side by side, as the app does.
    await expect(run(spec, { ...options, permits: new Admission({ maxInFlight: 8, initialInFlight: 8 }) })).rejects.toThrow(/lesson 2 \(the grammar stayed broken after 3 tries/);
    const firstRun = server.requests.length;
    // Every other part finished before the lesson was reported failed: nothing asked after it.
    expect(checkpoints.drafts!.get('lesson:2')).toMatchObject({ pending: [{ first: { section: 'grammar' } }] });

    server.setOptions({ fault: undefined });
    const result = await run(spec, { ...options, checkpoints });
    expect(server.requests.slice(firstRun).map((r) => r.key)).toEqual(['lesson 2 grammar|Drafts']);
    expect(server.requests.slice(0, firstRun).filter((r) => r.key === 'lesson 2 dialogue|Drafts')).toHaveLength(1);
    expect(result.lessons[1]!.grammar!.explanation.trim()).not.toBe('');
    expect([...server.paidCounts().entries()].filter(([k, n]) => n > 1 && k !== 'lesson 2 grammar|Drafts')).toEqual([]);
  });

  it('without a draft store nothing changes: the lesson is repaired in one run', async () => {
    server = await FakeLlmServer.start({ fault: brokenLesson2 });
    const result = await run(specOf({ title: 'Drafts', lessons: 2 }).spec, {});
    expect(result.lessons[1]!.quiz!.length).toBe(2);
    expect(server.requests).toHaveLength(1 + 2 + 3);
  });

  it('a plan part whose lessons needed new terms resumes after the last new-terms answer saved', async () => {
    // Lessons 2 and 3 repeat lesson 1's terms: each is short and needs new terms asked for alone.
    server = await FakeLlmServer.start({
      fault: ({ key, attempt }) =>
        key === 'outline|Terms' && attempt === 0
          ? {
              kind: 'spoil',
              spoil: (a) => {
                const lessons = a.lessons as { vocabulary: string[] }[];
                lessons[1]!.vocabulary = [...lessons[0]!.vocabulary];
                lessons[2]!.vocabulary = [...lessons[0]!.vocabulary];
              },
            }
          : undefined,
    });
    const spec = specOf({ title: 'Terms', lessons: 3 }).spec;
    const { checkpoints, options } = store();
    const kill = new AbortController();
    let saves = 0;
    await expect(
      run(spec, {
        ...options,
        signal: kill.signal,
        onDraft: async (key, draft) => {
          await options.onDraft!(key, draft);
          if (key === 'outline-part:1' && ++saves === 2) kill.abort(); // after the first new-terms answer
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(server.requests.map((r) => r.key)).toEqual(['outline|Terms', 'lesson 2 terms|Terms']);
    const before = server.requests.length;
    const result = await run(spec, { ...options, checkpoints });
    const resumed = server.requests.slice(before).map((r) => r.key);
    expect(resumed.filter((k) => !/^lesson \d\|/.test(k))).toEqual(['lesson 3 terms|Terms']);
    const terms = result.outline.lessons.flatMap((l) => l.vocabulary.map((t) => t.toLowerCase()));
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('counts every answer the moment it arrives, also those of a step that never finished', async () => {
    server = await FakeLlmServer.start({ fault: brokenLesson2 });
    const spec = specOf({ title: 'Drafts', lessons: 2 }).spec;
    const answered: Usage[] = [];
    const kill = new AbortController();
    await expect(
      run(spec, {
        signal: kill.signal,
        onAnswered: (u) => answered.push(u),
        onDraft: async (key) => {
          if (key === 'lesson:2') kill.abort();
        },
      }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(answered).toHaveLength(server.requests.length);
    expect(answered.reduce((n, u) => n + u.completionTokens, 0)).toBe(server.requests.reduce((n, r) => n + r.completionTokens, 0));
  });
});
