import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { undoLesson } from '../../electron/core/course-edit/change-lesson.js';
import { lessonHistory } from '../../electron/core/course-edit/lesson-history.js';
import { lessonJobRequest } from '../../electron/core/course-edit/lesson-plan.js';
import { readCourseFolder } from '../../electron/core/output/read-course.js';
import { checkCourse } from '../../electron/core/quality/check-course.js';
import { Orchestrator } from '../../electron/core/queue/orchestrator.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import type { JobSettings } from '../../electron/shared/jobs.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { enqueueInput, jobSettings } from '../support/job-fixtures.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';
import { readCourse, snapshot } from './course-edit-fixtures.js';

const tempDir = useTempDir();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TITLE = 'Italian Regenerated';

/** A 4-lesson course written through the queue by the test server, and the queue to regenerate in. */
async function courseFromServer() {
  const server = await FakeLlmServer.start();
  cleanups.push(() => server.close());
  const dir = tempDir();
  const store = new JobStore(join(dir, 'queue.sqlite'));
  const settings: JobSettings = jobSettings(join(dir, 'out'), { provider: 'openai', model: 'test-model', baseURL: server.baseURL });
  const orchestrator = new Orchestrator({ store, host: nodeHost(), pollMs: 100, apiKey: () => 'sk-test' });
  cleanups.push(() => store.close(), () => orchestrator.stop());
  const { job } = orchestrator.enqueue({ ...enqueueInput(TITLE, settings.outDir, { lessons: 4 }), settings });
  orchestrator.start();
  await orchestrator.onIdle();
  const folder = store.get(job.id)!.outputPath!;
  return { server, store, orchestrator, settings, folder };
}

/** The test server writes lesson 2 differently from now on (its answers are otherwise the same for the same prompt). */
function changeLessonTwo(server: FakeLlmServer) {
  server.setOptions({
    fault: ({ key }) =>
      key.startsWith('lesson 2|')
        ? { kind: 'spoil', spoil: (answer) => void ((answer.dialogue as { setting: string }).setting = 'A new setting, simpler') }
        : undefined,
  });
}

describe('regenerating one lesson through the queue', () => {
  it('sends exactly one request with the note, leaves the other lessons untouched, re-derives the report, and can be undone', async () => {
    const { server, store, orchestrator, settings, folder } = await courseFromServer();
    const before = snapshot(folder);
    const sentBefore = server.requests.length;
    changeLessonTwo(server);

    const request = await lessonJobRequest(folder, 2, 'simpler dialogue');
    const { job } = orchestrator.enqueueLesson({ ...request, settings });
    expect(job).toMatchObject({ kind: 'lesson', lessonNumber: 2, note: 'simpler dialogue', title: `Regenerate lesson 2 of ${TITLE}`, lessonsTotal: 1, specPath: folder });
    await orchestrator.onIdle();

    const sent = server.requests.slice(sentBefore);
    expect(sent.map((r) => r.key)).toEqual([`lesson 2|${TITLE}`]);
    expect(sent[0]!.prompt).toContain('The author asks for this lesson: simpler dialogue');
    // The plan is the course's: the lesson's own terms, the neighbours, the others' terms not to reuse.
    const course = readCourse(folder);
    expect(sent[0]!.prompt).toContain(`New terms: ${course.lessons[1]!.vocabulary!.map((v) => v.term).join(', ')}`);
    expect(sent[0]!.prompt).toContain(`Previous lesson: 1. ${course.lessons[0]!.title} · Next lesson: 3. ${course.lessons[2]!.title}`);
    expect(sent[0]!.prompt).toContain(`Terms other lessons teach (do not introduce them here): `);
    expect(sent[0]!.prompt).toContain(course.lessons[3]!.vocabulary![0]!.term);

    expect(store.get(job.id)).toMatchObject({ state: 'succeeded', lessonsDone: 1, outputPath: folder });
    expect(store.loadCheckpoints(job.id).lessons.has(2)).toBe(true);
    // Lesson 2 changed, its Markdown with it; every other lesson file byte for byte as before.
    expect(course.lessons[1]!.dialogue!.setting).toBe('A new setting, simpler');
    const after = snapshot(folder);
    for (const [name, text] of before) {
      if (name.startsWith('lessons/02-')) expect(after.get(name)).toContain('A new setting, simpler');
      else if (name.startsWith('lessons/')) expect(after.get(name)).toBe(text);
    }
    // The report is computed over the new content, and the request is counted in the course's usage.
    const loaded = await readCourseFolder(folder);
    expect(course.quality).toEqual(checkCourse(loaded.course, loaded.repairs));
    const original = JSON.parse(before.get('course.json')!) as typeof course;
    expect(course.usage.requests).toBe(original.usage.requests + 1);
    expect(await lessonHistory(folder, 2)).toMatchObject([{ reason: 'regenerate', note: 'simpler dialogue', title: original.lessons[1]!.title }]);

    await undoLesson(folder, 2);
    expect(readCourse(folder).lessons[1]).toEqual(original.lessons[1]);
    const undone = snapshot(folder);
    for (const [name, text] of before) if (name.startsWith('lessons/')) expect(undone.get(name)).toBe(text);
  });

  it('a retry after a crash takes the checkpointed lesson and sends nothing', async () => {
    const { server, store, orchestrator, settings, folder } = await courseFromServer();
    const sentBefore = server.requests.length;
    const { job } = store.enqueueLesson({ ...(await lessonJobRequest(folder, 3)), settings });
    // What an earlier run committed before its worker died.
    const content = { ...readCourse(folder).lessons[2]! };
    const { number: _n, slug: _s, goals: _g, grammarPoint: _p, ...lessonContent } = content;
    store.saveCheckpoint(job.id, { step: 'lesson', lessonNumber: 3, content: { ...lessonContent, summary: 'Saved by the run that crashed.' }, usage: { requests: 1, promptTokens: 5, completionTokens: 5 }, repairs: [] });
    await new Promise((resolve) => setTimeout(resolve, 250)); // the orchestrator's poll claims it
    await orchestrator.onIdle();
    expect(server.requests.length).toBe(sentBefore);
    expect(store.get(job.id)).toMatchObject({ state: 'succeeded', lessonsDone: 1 });
    expect(readCourse(folder).lessons[2]!.summary).toBe('Saved by the run that crashed.');
  });

  it("charges the course every answer the job paid for, those of a run killed before its lesson was saved included", async () => {
    const { server, store, orchestrator, settings, folder } = await courseFromServer();
    const original = readCourse(folder);
    changeLessonTwo(server);
    const { job } = store.enqueueLesson({ ...(await lessonJobRequest(folder, 2, 'simpler dialogue')), settings });
    // An earlier run of this job was answered twice, then killed before it saved the lesson.
    store.countAnswered(job.id, { requests: 2, promptTokens: 700, completionTokens: 900 });
    await new Promise((resolve) => setTimeout(resolve, 250)); // the orchestrator's poll claims it
    await orchestrator.onIdle();
    expect(store.get(job.id)).toMatchObject({ state: 'succeeded' });
    const after = readCourse(folder);
    expect(after.lessons[1]!.dialogue!.setting).toBe('A new setting, simpler');
    expect(after.usage.requests).toBe(original.usage.requests + 2 + 1);
    expect(after.usage.promptTokens).toBe(original.usage.promptTokens + 700 + server.requests.at(-1)!.promptTokens);
  });

  it('an identical regeneration queued or running is followed, not queued twice; another note is another job', async () => {
    const dir = tempDir();
    const store = new JobStore(join(dir, 'queue.sqlite'));
    cleanups.push(() => store.close());
    const request = { folder: join(dir, 'course'), lessonNumber: 2, courseTitle: 'T', lessonTitle: 'L', spec: { title: 'T', language: 'Italian', nativeLanguage: 'English', level: 'A1' as const, lessons: 3, lessonMinutes: 20, topics: [], sections: ['quiz' as const], notes: '' } };
    const settings = jobSettings(dir);
    const first = store.enqueueLesson({ ...request, note: 'more food', settings });
    expect(first.reused).toBe(false);
    expect(store.enqueueLesson({ ...request, note: 'more food', settings })).toMatchObject({ reused: true, job: { id: first.job.id } });
    expect(store.enqueueLesson({ ...request, note: 'less food', settings }).reused).toBe(false);
    const forced = store.enqueueLesson({ ...request, note: 'more food', settings, force: true });
    expect(forced.reused).toBe(false);
    // Once none is queued or running, the same request queues a new job.
    store.requestCancel(first.job.id);
    store.requestCancel(forced.job.id);
    expect(store.enqueueLesson({ ...request, note: 'more food', settings }).reused).toBe(false);
  });

  it('a queued regeneration can be cancelled: nothing is sent, the course stays as it was', async () => {
    const { server, store, orchestrator, settings, folder } = await courseFromServer();
    await orchestrator.stop();
    const before = snapshot(folder, /^\.fluentpro/);
    const sentBefore = server.requests.length;
    const { job } = store.enqueueLesson({ ...(await lessonJobRequest(folder, 1, 'shorter')), settings });
    expect(store.requestCancel(job.id).state).toBe('cancelled');

    const again = new Orchestrator({ store, host: nodeHost(), pollMs: 100, apiKey: () => 'sk-test' });
    cleanups.push(() => again.stop());
    again.start();
    await again.onIdle();
    expect(server.requests.length).toBe(sentBefore);
    expect(store.get(job.id)!.state).toBe('cancelled');
    expect(snapshot(folder, /^\.fluentpro/)).toEqual(before);
    expect(readFileSync(join(folder, 'course.json'), 'utf8')).toBe(before.get('course.json'));
  });
});
