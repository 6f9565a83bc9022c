import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER } from '../../electron/core/api/host-services.js';
import { readCourseFolder } from '../../electron/core/output/read-course.js';
import { spokenTexts } from '../../electron/core/speech/clip-plan.js';
import { ClipStore, clipFileName, type ClipManifest } from '../../electron/core/speech/clip-store.js';
import { createHttpApi } from '../../electron/cli/serve/http-api.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { toneMp3 } from '../export/audio-fixtures.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The viewer's clips through the API: getCourse says which texts have one, and `fluentpro serve`
// plays one at GET /api/course-audio/<jobId>/<file>, only a file the course's clips.json names.

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

/** A finished demo course, with clips for every spoken text when `withAudio` (as `fluentpro audio` leaves them). */
async function finishedCourse(withAudio: boolean) {
  core = startAppCore({ dataDir: join(tempDir(), 'data'), host: nodeHost(), secrets: new MemorySecretStore(undefined), files: NO_FILE_REVEALER, defaultOutDir: join(tempDir(), 'out'), examplesDir, schedules: false });
  const [added] = await core.service.addSpecContents([{ name: 'heard.course.yaml', content: 'title: Heard Course\nlanguage: Spanish\nlevel: A1\nlessons: 1\n' }]);
  await core.orchestrator.onIdle();
  const job = core.store.get((added as { job: JobSummary }).job.id)!;
  expect(job.state).toBe('succeeded');
  const folder = job.outputPath!;
  const manifest: ClipManifest = { formatVersion: 1, engine: 'test', language: 'es', speed: 1, voices: { narrator: 'es', speakers: {} }, clips: {} };
  if (withAudio) {
    const store = new ClipStore(folder);
    const { course } = await readCourseFolder(folder);
    let n = 0;
    for (const t of spokenTexts(course)) {
      const file = clipFileName({ engine: 'test', voice: 'es', speed: 1, text: t.text });
      if (!(await store.has(file))) await store.write(file, toneMp3(220 + 10 * n++));
      manifest.clips[t.pointer] = { file, text: t.text.trim(), voice: 'es' };
    }
    await store.writeManifest(manifest);
  }
  return { service: core.service, job, folder, manifest };
}

async function serve(service: AppCore['service']) {
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>FluentPro</title>');
  let port = 0;
  server = createServer(createHttpApi({ service, token: 'right-token', rendererDir, allowedHosts: () => [`127.0.0.1:${port}`] }));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  port = (server!.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${port}`, port };
}

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}`, authorization: 'Bearer right-token' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('latin1')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the clips of a course, through the API', () => {
  it('getCourse names the clip of every spoken text; a course without audio has no clips at all', async () => {
    const { service, job, manifest } = await finishedCourse(true);
    const detail = await service.getCourse(job.id);
    expect(detail.clips).toEqual(Object.fromEntries(Object.entries(manifest.clips).map(([pointer, entry]) => [pointer, entry.file])));
    expect(Object.keys(detail.clips!)).toContain('/lessons/0/vocabulary/0/term');
    expect(Object.keys(detail.clips!).some((p) => /^\/lessons\/0\/dialogue\/lines\/\d+\/line$/.test(p))).toBe(true);
    // File names only: no path of the machine crosses.
    expect(JSON.stringify(detail)).not.toContain(tempDir());
  });

  it('a course without audio: no clips, and no clip served', async () => {
    const { service, job } = await finishedCourse(false);
    expect('clips' in (await service.getCourse(job.id))).toBe(false);
    const { base } = await serve(service);
    const response = await fetch(`${base}/api/course-audio/${job.id}/0123456789abcdef0123.mp3?token=right-token`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CLIP_NOT_FOUND');
  });
});

describe('GET /api/course-audio/<jobId>/<file> (fluentpro serve)', () => {
  it('serves a clip the course names as audio/mpeg, to the token in the query (an <audio> sends no header)', async () => {
    const { service, job, folder, manifest } = await finishedCourse(true);
    const { base } = await serve(service);
    const file = manifest.clips['/lessons/0/vocabulary/0/term']!.file;
    const response = await fetch(`${base}/api/course-audio/${job.id}/${file}?token=right-token`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(join(folder, 'audio', file)))).toBe(true);
    const head = await fetch(`${base}/api/course-audio/${job.id}/${file}`, { method: 'HEAD', headers: { authorization: 'Bearer right-token' } });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(readFileSync(join(folder, 'audio', file)).length);
    // Without the token, nothing.
    expect((await fetch(`${base}/api/course-audio/${job.id}/${file}`)).status).toBe(401);
    expect((await fetch(`${base}/api/course-audio/${job.id}/${file}?token=wrong-token`)).status).toBe(401);
  });

  it('refuses a name clips.json does not list, even a clip-like file in audio/', async () => {
    const { service, job, folder } = await finishedCourse(true);
    await new ClipStore(folder).write('ffffffffffffffffffff.mp3', toneMp3(440));
    const { base } = await serve(service);
    for (const name of ['ffffffffffffffffffff.mp3', 'clips.json']) {
      const response = await fetch(`${base}/api/course-audio/${job.id}/${name}?token=right-token`);
      expect(response.status, name).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CLIP_NOT_FOUND');
    }
    expect((await fetch(`${base}/api/course-audio/nosuchjob/ffffffffffffffffffff.mp3?token=right-token`)).status).toBe(404);
  });

  it('refuses a `..`, encoded or not: nothing of the course folder or beyond comes out', async () => {
    const { service, job, folder } = await finishedCourse(true);
    const { port } = await serve(service);
    const secrets = [readFileSync(join(folder, 'course.json'), 'utf8').slice(0, 40), 'formatVersion', 'root:'];
    for (const path of [
      `/api/course-audio/${job.id}/..%2Fcourse.json`,
      `/api/course-audio/${job.id}/..%2F..%2F..%2Fdata%2Ffluentpro.db`,
      `/api/course-audio/${job.id}/%2e%2e`,
      `/api/course-audio/${job.id}/../course.json`,
      `/api/course-audio/..%2F${job.id}/course.json`,
    ]) {
      const { status, body } = await rawGet(port, path);
      expect(status, path).toBe(404);
      for (const secret of secrets) expect(body, path).not.toContain(secret);
    }
    // Climbing above /api/ leaves the API altogether: the page's own index.html answers, nothing else.
    const climbed = await rawGet(port, `/api/course-audio/${job.id}/../../../../etc/passwd`);
    expect(climbed.body).toBe('<!doctype html><title>FluentPro</title>');
  });

  it('lets the served page play clips from its own origin (media-src in its CSP)', async () => {
    const { service } = await finishedCourse(false);
    const { base } = await serve(service);
    expect((await fetch(`${base}/`)).headers.get('content-security-policy')).toContain("media-src 'self'");
  });
});
