import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER } from '../../electron/core/api/host-services.js';
import type { Course } from '../../electron/core/course/course-schema.js';
import { createHttpApi } from '../../electron/cli/serve/http-api.js';
import type { CourseChangedEvent } from '../../electron/shared/api.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { FakeLlmServer } from '../support/fake-llm-server.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const examplesDir = join(import.meta.dirname, '..', '..', 'examples');
let core: AppCore | undefined;
let llm: FakeLlmServer | undefined;
let http: Server | undefined;
afterEach(async () => {
  if (http) await new Promise<void>((r) => http!.close(() => r()));
  http = undefined;
  await core?.close();
  core = undefined;
  await llm?.close();
  llm = undefined;
});

const spec = { name: 'change.course.yaml', content: 'title: Change Course\nlanguage: Italian\nlevel: A1\nlessons: 3\n' };
const readCourse = (job: JobSummary) => JSON.parse(readFileSync(join(job.outputPath!, 'course.json'), 'utf8')) as Course;

/** The app's core (real queue, worker processes) set to the test server, with one finished 3-lesson course. */
async function finishedCourse() {
  llm = await FakeLlmServer.start();
  core = startAppCore({ dataDir: join(tempDir(), 'data'), host: nodeHost(), secrets: new MemorySecretStore('sk-test'), files: NO_FILE_REVEALER, defaultOutDir: join(tempDir(), 'out'), examplesDir, schedules: false });
  await core.service.setSettings({ provider: 'openai', baseURL: llm.baseURL, model: 'test-model' });
  const [added] = await core.service.addSpecContents([spec]);
  await core.orchestrator.onIdle();
  const job = core.store.get((added as { job: JobSummary }).job.id)!;
  expect(job.state).toBe('succeeded');
  const changes: CourseChangedEvent[] = [];
  core.service.lessons.onDidChangeCourse((c) => changes.push(c));
  return { service: core.service, orchestrator: core.orchestrator, store: core.store, job, llm, changes };
}

describe('regenerateLesson', () => {
  it('queues one lesson job with the note: exactly one request whose prompt has the note, the course changes, undo restores it', async () => {
    const { service, orchestrator, store, job, llm, changes } = await finishedCourse();
    const before = readCourse(job);
    const sentBefore = llm.requests.length;
    llm.setOptions({ fault: ({ key }) => (key.startsWith('lesson 2|') ? { kind: 'spoil', spoil: (a) => void ((a.dialogue as { setting: string }).setting = 'A quieter café') } : undefined) });

    const queued = await service.regenerateLesson(job.id, 2, 'simpler dialogue');
    expect(queued).toMatchObject({ kind: 'lesson', lessonNumber: 2, note: 'simpler dialogue', title: 'Regenerate lesson 2 of Change Course', state: 'queued' });
    expect((await service.listJobs()).map((j) => j.id)).toContain(queued.id);
    await orchestrator.onIdle();

    expect(store.get(queued.id)).toMatchObject({ state: 'succeeded', usage: { requests: 1 } });
    const sent = llm.requests.slice(sentBefore);
    expect(sent.map((r) => r.key)).toEqual(['lesson 2|Change Course']);
    expect(sent[0]!.prompt).toContain('simpler dialogue');
    const after = readCourse(job);
    expect(after.lessons[1]!.dialogue!.setting).toBe('A quieter café');
    expect(after.lessons[0]).toEqual(before.lessons[0]);
    expect(after.lessons[2]).toEqual(before.lessons[2]);
    expect(changes).toEqual([{ jobIds: [job.id], lessonNumber: 2, reason: 'regenerate' }]);
    expect((await service.getCourse(job.id)).course.lessons[1]!.dialogue!.setting).toBe('A quieter café');

    const history = await service.getLessonHistory(job.id, 2);
    expect(history).toEqual([{ id: expect.stringMatching(/-regenerate\.json$/), replacedAt: expect.any(String), reason: 'regenerate', note: 'simpler dialogue', title: before.lessons[1]!.title, summary: before.lessons[1]!.summary }]);

    const undone = await service.undoLesson(job.id, 2);
    expect(undone).toMatchObject({ lessonNumber: 2, reason: 'undo', changed: true, undoable: 0 });
    expect(undone.detail.course.lessons[1]!.dialogue!.setting).toBe(before.lessons[1]!.dialogue!.setting);
    expect(readCourse(job).lessons[1]).toEqual(before.lessons[1]);
    expect(changes.at(-1)).toEqual({ jobIds: [job.id], lessonNumber: 2, reason: 'undo' });
    await expect(service.undoLesson(job.id, 2)).rejects.toMatchObject({ code: 'NOTHING_TO_UNDO' });
    expect(llm.requests.length).toBe(sentBefore + 1);
  });

  it('refuses a lesson the course does not have and a job with no course; nothing is queued', async () => {
    const { service, store, job } = await finishedCourse();
    const jobsBefore = store.list().length;
    await expect(service.regenerateLesson(job.id, 9)).rejects.toMatchObject({ code: 'LESSON_NOT_FOUND', message: expect.stringContaining('the course has 3 lessons') });
    await expect(service.regenerateLesson('zzzzzzzz', 1)).rejects.toMatchObject({ code: 'JOB_NOT_FOUND' });
    expect(store.list()).toHaveLength(jobsBefore);
  });
});

describe('editLesson', () => {
  it('saves an edited translation, keeps the previous version, and says so; undo brings it back', async () => {
    const { service, job, changes } = await finishedCourse();
    const lesson = readCourse(job).lessons[0]!;
    const vocabulary = lesson.vocabulary!.map((v, i) => (i === 0 ? { ...v, translation: 'a better translation' } : v));
    const edited = await service.editLesson(job.id, 1, { vocabulary });
    expect(edited).toMatchObject({ lessonNumber: 1, reason: 'edit', changed: true, undoable: 1 });
    expect(edited.detail.course.lessons[0]!.vocabulary![0]!.translation).toBe('a better translation');
    expect(readCourse(job).lessons[0]!.vocabulary![0]!.translation).toBe('a better translation');
    expect(changes).toEqual([{ jobIds: [job.id], lessonNumber: 1, reason: 'edit' }]);
    expect((await service.getLessonHistory(job.id, 1))[0]).toMatchObject({ reason: 'edit', title: lesson.title });

    const same = await service.editLesson(job.id, 1, { vocabulary });
    expect(same.changed).toBe(false);
    expect(changes).toHaveLength(1);

    await service.undoLesson(job.id, 1);
    expect(readCourse(job).lessons[0]).toEqual(lesson);
  });

  it('refuses an edit the lesson schema refuses with the field, and saves nothing', async () => {
    const { service, job } = await finishedCourse();
    const lesson = readCourse(job).lessons[0]!;
    const vocabulary = lesson.vocabulary!.map((v, i) => (i === 1 ? { ...v, translation: '  ' } : v));
    await expect(service.editLesson(job.id, 1, { vocabulary })).rejects.toMatchObject({ code: 'INVALID_LESSON_EDIT', field: 'vocabulary[1].translation', message: 'vocabulary[1].translation: must not be empty' });
    const quiz = lesson.quiz!.map((q, i) => (i === 0 ? { ...q, answerIndex: q.options.length } : q));
    await expect(service.editLesson(job.id, 1, { quiz })).rejects.toMatchObject({ code: 'INVALID_LESSON_EDIT', field: 'quiz[0].answerIndex' });
    expect(readCourse(job).lessons[0]).toEqual(lesson);
    expect(await service.getLessonHistory(job.id, 1)).toEqual([]);
  });
});

describe('the HTTP transport for changing a lesson', () => {
  it('carries the field of a refused edit (422), checks the note and the patch, and sends courseChanged on the event stream', async () => {
    const { service, job } = await finishedCourse();
    let port = 0;
    http = createServer(createHttpApi({ service, token: 't0ken', rendererDir: join(tempDir(), 'renderer'), allowedHosts: () => [`127.0.0.1:${port}`] }));
    await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
    port = (http.address() as AddressInfo).port;
    const call = (method: string, args: unknown[]) =>
      fetch(`http://127.0.0.1:${port}/api/${method}`, { method: 'POST', headers: { authorization: 'Bearer t0ken', 'content-type': 'application/json' }, body: JSON.stringify(args) });

    const lesson = readCourse(job).lessons[0]!;
    const refused = await call('editLesson', [job.id, 1, { summary: '' }]);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: unknown }).error).toEqual({ name: 'InvalidLessonEditError', message: 'summary: must not be empty', code: 'INVALID_LESSON_EDIT', field: 'summary' });

    const unknownField = await call('editLesson', [job.id, 1, { slug: 'x' }]);
    expect(unknownField.status).toBe(400);
    const longNote = await call('regenerateLesson', [job.id, 1, 'x'.repeat(1001)]);
    expect(longNote.status).toBe(400);
    expect(((await longNote.json()) as { error: { message: string } }).error.message).toContain('a note is at most 1000 characters');
    const noLesson = await call('undoLesson', [job.id, 7]);
    expect(noLesson.status).toBe(404);
    const nothing = await call('undoLesson', [job.id, 1]);
    expect(nothing.status).toBe(409);

    const events = await fetch(`http://127.0.0.1:${port}/api/events?token=t0ken`);
    const reader = events.body!.getReader();
    const edited = await call('editLesson', [job.id, 1, { summary: `${lesson.summary} Edited.` }]);
    expect(edited.status).toBe(200);
    let text = '';
    while (!text.includes('event: courseChanged')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain(JSON.stringify({ jobIds: [job.id], lessonNumber: 1, reason: 'edit' }));
    await reader.cancel();
    const history = await call('getLessonHistory', [job.id, 1]);
    expect(((await history.json()) as { result: { reason: string }[] }).result.map((v) => v.reason)).toEqual(['edit']);
  });
});
