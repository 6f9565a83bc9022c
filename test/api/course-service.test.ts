import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Course } from '../../electron/core/course/course-schema.js';
import { courseFolderWithAudio } from '../export/audio-fixtures.js';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER, type SaveRequest, type SaveTarget } from '../../electron/core/api/host-services.js';
import type { PdfPrinter } from '../../electron/core/export/export-format.js';
import { EXPORT_FORMATS } from '../../electron/core/export/formats.js';
import { createHttpApi } from '../../electron/cli/serve/http-api.js';
import { COURSE_EXPORT_FORMATS } from '../../electron/shared/api.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const examplesDir = join(import.meta.dirname, '..', '..', 'examples');
let core: AppCore | undefined;
let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise<void>((r) => server!.close(() => r()));
  server = undefined;
  await core?.close();
  core = undefined;
});

const spec = { name: 'viewer.course.yaml', content: 'title: Viewer Course\nlanguage: Spanish\nlevel: A1\nlessons: 2\n' };

/** A core with the demo provider and one finished course; `saveTarget`/`pdfPrinter` as the app would pass them. */
async function finishedCourse(options: { saveTarget?: SaveTarget; pdfPrinter?: PdfPrinter } = {}) {
  core = startAppCore({ dataDir: join(tempDir(), 'data'), host: nodeHost(), secrets: new MemorySecretStore(undefined), files: NO_FILE_REVEALER, defaultOutDir: join(tempDir(), 'out'), examplesDir, ...options });
  const [added] = await core.service.addSpecContents([spec]);
  await core.orchestrator.onIdle();
  const job = core.store.get((added as { job: JobSummary }).job.id)!;
  expect(job.state).toBe('succeeded');
  return { service: core.service, job };
}

describe('getCourse', () => {
  it('gives the viewer the course as course.json has it, with its quality report', async () => {
    const { service, job } = await finishedCourse();
    const detail = await service.getCourse(job.id);
    expect(detail.jobId).toBe(job.id);
    expect(detail.course).toMatchObject({ title: 'Viewer Course', language: 'Spanish', totals: { lessons: 2 } });
    expect(detail.course.lessons.map((l) => l.number)).toEqual([1, 2]);
    expect(detail.quality).toMatchObject({ holds: expect.any(Boolean), metrics: { coveragePct: expect.any(Number) } });
    // No paths beyond what the job summary has.
    expect(JSON.stringify(detail)).not.toContain(tempDir());
  });

  it('refuses a job that has not finished, and says so when the course folder was broken by hand', async () => {
    const { service, job } = await finishedCourse();
    const [queued] = await service.addSpecContents([{ ...spec, content: spec.content.replace('Viewer Course', 'Later Course') }]);
    await expect(service.getCourse((queued as { job: JobSummary }).job.id)).rejects.toMatchObject({ code: 'NO_OUTPUT' });
    writeFileSync(join(job.outputPath!, 'course.json'), '{ not json');
    await expect(service.getCourse(job.id)).rejects.toMatchObject({ code: 'NOT_A_COURSE' });
  });
});

describe('exportCourse', () => {
  it('offers the same formats as the exporters, with the same labels', () => {
    expect(COURSE_EXPORT_FORMATS.map((f) => [f.id, f.label])).toEqual(Object.entries(EXPORT_FORMATS).map(([id, f]) => [id, f.label]));
  });

  it('writes into the course folder’s exports/ by default (serve), atomically, and returns the path', async () => {
    const { service, job } = await finishedCourse();
    const result = await service.exportCourse(job.id, 'html');
    expect(result).toEqual({ format: 'html', path: join(job.outputPath!, 'exports', 'viewer-course.html') });
    expect(readFileSync(result.path!, 'utf8')).toContain('<title>Viewer Course</title>');
    const gift = await service.exportCourse(job.id, 'gift');
    expect(gift.path).toMatch(/exports\/viewer-course\.gift\.txt$/);
  });

  it('asks the host where to save, writes there, and writes nothing when the person cancels', async () => {
    const requests: SaveRequest[] = [];
    let answer: string | null = join(tempDir(), 'chosen', 'my deck.apkg');
    const { service, job } = await finishedCourse({ saveTarget: { chooseSaveFile: async (r) => (requests.push(r), answer) } });
    expect(await service.exportCourse(job.id, 'anki')).toEqual({ format: 'anki', path: answer });
    expect(existsSync(answer!)).toBe(true);
    expect(requests[0]).toEqual({ courseFolder: job.outputPath, defaultName: 'viewer-course.apkg', formatLabel: 'Anki deck (.apkg)', extension: 'apkg' });
    answer = null;
    expect(await service.exportCourse(job.id, 'scorm')).toEqual({ format: 'scorm', path: null });
    expect(existsSync(join(job.outputPath!, 'exports'))).toBe(false);
  });

  it('with the course\'s audio, as the command exports it: clips inside the deck, an html page\'s in <name>-audio/ beside it', async () => {
    let answer = join(tempDir(), 'chosen', 'deck.apkg');
    const { service, job } = await finishedCourse({ saveTarget: { chooseSaveFile: async () => answer } });
    // The clips `fluentpro audio` would have made for this very course, put in its folder.
    const course = JSON.parse(readFileSync(join(job.outputPath!, 'course.json'), 'utf8')) as Course;
    const { folder, audio } = await courseFolderWithAudio(course);
    cpSync(join(folder, 'audio'), join(job.outputPath!, 'audio'), { recursive: true });
    await service.exportCourse(job.id, 'anki');
    const media = JSON.parse(strFromU8(unzipSync(readFileSync(answer))['media']!)) as Record<string, string>;
    // The terms' and examples' clips (the deck holds no dialogue), every one of them a clip of the course.
    expect(Object.values(media).length).toBeGreaterThan(0);
    for (const file of Object.values(media)) expect(audio.files.has(file)).toBe(true);
    answer = join(tempDir(), 'chosen', 'handout.html');
    await service.exportCourse(job.id, 'html');
    expect(readdirSync(join(tempDir(), 'chosen', 'handout-audio')).sort()).toEqual([...audio.files.keys()].sort());
    expect(readFileSync(answer, 'utf8')).toContain('src="handout-audio/');
  });

  it('prints a PDF with the host’s printer, on the paper asked for', async () => {
    const printed: { html: string; pageSize: string }[] = [];
    const printer: PdfPrinter = { print: async (html, { pageSize }) => (printed.push({ html, pageSize }), new TextEncoder().encode('%PDF-1.7 fake')) };
    const { service, job } = await finishedCourse({ pdfPrinter: printer });
    const result = await service.exportCourse(job.id, 'pdf', { pageSize: 'Letter' });
    expect(readFileSync(result.path!, 'utf8')).toBe('%PDF-1.7 fake');
    expect(printed[0]!.pageSize).toBe('Letter');
    expect(printed[0]!.html).toContain('fp-mode-handout');
  });
});

describe('the HTTP transport for the viewer', () => {
  async function serve() {
    const { service, job } = await finishedCourse();
    let port = 0;
    server = createServer(createHttpApi({ service, token: 't0ken', rendererDir: join(tempDir(), 'renderer'), allowedHosts: () => [`127.0.0.1:${port}`] }));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    port = (server!.address() as AddressInfo).port;
    const call = (method: string, args: unknown[]) =>
      fetch(`http://127.0.0.1:${port}/api/${method}`, { method: 'POST', headers: { authorization: 'Bearer t0ken', 'content-type': 'application/json' }, body: JSON.stringify(args) });
    return { call, job };
  }

  it('carries getCourse and exportCourse, and refuses a format that does not exist', async () => {
    const { call, job } = await serve();
    const course = await call('getCourse', [job.id]);
    expect(course.status).toBe(200);
    expect(((await course.json()) as { result: { course: { title: string } } }).result.course.title).toBe('Viewer Course');
    const exported = await call('exportCourse', [job.id, 'moodle-xml']);
    expect(((await exported.json()) as { result: { path: string } }).result.path).toBe(join(job.outputPath!, 'exports', 'viewer-course.moodle.xml'));
    const bad = await call('exportCourse', [job.id, 'docx']);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^exportCourse: /) });
    const badOptions = await call('exportCourse', [job.id, 'pdf', { pageSize: 'A3' }]);
    expect(badOptions.status).toBe(400);
    const missing = await call('getCourse', ['zzzzzzzz']);
    expect(missing.status).toBe(404);
  });

  it('answers 409 for a course folder broken by hand', async () => {
    const { call, job } = await serve();
    writeFileSync(join(job.outputPath!, 'course.json'), '[]');
    const response = await call('getCourse', [job.id]);
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_A_COURSE');
  });
});
