import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER, type SecretStore } from '../../electron/core/api/host-services.js';
import { ServiceError } from '../../electron/core/api/fluentpro-service.js';
import { createHttpApi } from '../../electron/cli/serve/http-api.js';
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

function start(secret?: string, secrets: SecretStore = new MemorySecretStore(secret)): AppCore {
  core = startAppCore({ dataDir: join(tempDir(), 'data'), host: nodeHost(), secrets, files: NO_FILE_REVEALER, defaultOutDir: join(tempDir(), 'out'), examplesDir });
  return core;
}

const good = { name: 'good.course.yaml', content: 'title: Service Course\nlanguage: French\nlevel: A2\nlessons: 2\n' };

describe('FluentProService', () => {
  it('queues valid contents, explains invalid ones, and runs the queued job to the end', async () => {
    const { service } = start();
    const results = await service.addSpecContents([good, { name: 'bad.course.yaml', content: 'title: X\n' }, { name: 'notes.txt', content: 'hi' }]);
    expect(results[0]).toMatchObject({ ok: true, reused: false, job: { title: 'Service Course', provider: 'demo' } });
    expect(results[1]).toMatchObject({ ok: false, problems: expect.arrayContaining([expect.objectContaining({ path: 'language', message: 'language is required' })]) });
    expect(results[2]).toEqual({ name: 'notes.txt', ok: false, problems: [{ path: '', message: 'the file is not a course spec (it ends in ".txt")', hint: 'drop .course.yaml, .course.yml or .course.json files' }] });
    await core!.orchestrator.onIdle();
    const id = (results[0] as { job: JobSummary }).job.id;
    const detail = await service.getJob(id);
    expect(detail.job.state).toBe('succeeded');
    expect(detail.lessons.map((l) => l.state)).toEqual(['done', 'done']);
    expect(detail.log.at(-1)!.message).toMatch(/^finished: /);
  });

  it('adds specs by path and the bundled example', async () => {
    const { service } = start();
    mkdirSync(join(tempDir(), 'specs'));
    writeFileSync(join(tempDir(), 'specs', 'a.course.yaml'), good.content);
    expect((await service.addSpecPaths([join(tempDir(), 'specs', 'a.course.yaml')]))[0]).toMatchObject({ name: 'a.course.yaml', ok: true });
    expect((await service.addExample())[0]).toMatchObject({ ok: true, job: { title: 'Spanish for Travellers' } });
  });

  it('tells the caller when the key cannot be kept, and learns whether one is set without reading it', async () => {
    let reads = 0;
    const keychain: SecretStore = {
      storage: 'keychain',
      get: () => {
        reads++;
        return undefined;
      },
      has: () => true,
      set: () => Promise.reject(new ServiceError('the Keychain is not available, so the key cannot be stored safely; set OPENAI_API_KEY instead', 'KEYCHAIN_UNAVAILABLE')),
    };
    const { service } = start(undefined, keychain);
    expect((await service.getSettings()).hasApiKey).toBe(true);
    expect(reads).toBe(0);
    await expect(service.setSettings({ apiKey: 'sk-cannot-keep' })).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('applies settings at once and keeps the API key out of the database', async () => {
    const { service, orchestrator, store } = start();
    expect((await service.getSettings()).provider).toBe('demo');
    const after = await service.setSettings({ concurrency: 2, maxInFlightRequests: 3, apiKey: 'sk-keep-me-secret', provider: 'openai', model: 'gpt-4.1-mini' });
    expect(after).toMatchObject({ concurrency: 2, maxInFlightRequests: 3, hasApiKey: true, provider: 'openai', model: 'gpt-4.1-mini', apiKeyStorage: 'memory' });
    expect(orchestrator.concurrency).toBe(2);
    expect(orchestrator.gate.maxInFlight).toBe(3);
    expect(JSON.stringify(store.db.prepare('SELECT * FROM settings').all())).not.toContain('sk-keep');
    expect(JSON.stringify(after)).not.toContain('sk-keep');
    expect((await service.setSettings({ apiKey: null })).hasApiKey).toBe(false);
  });

  it('sends job changes in batches, at most about 10 a second', async () => {
    const { service } = start();
    const batches: number[] = [];
    service.onDidChangeJobs(() => batches.push(Date.now()));
    await service.addSpecContents([{ ...good, content: good.content.replace('lessons: 2', 'lessons: 12') }]);
    await core!.orchestrator.onIdle();
    await new Promise((r) => setTimeout(r, 150));
    expect(batches.length).toBeGreaterThan(1);
    for (let i = 1; i < batches.length; i++) expect(batches[i]! - batches[i - 1]!).toBeGreaterThanOrEqual(95);
  });

  it('refuses to reveal a course that is not finished, and a job that does not exist', async () => {
    const { service } = start();
    const [added] = await service.addSpecContents([good]);
    const id = (added as { job: JobSummary }).job.id;
    await expect(service.revealOutput(id)).rejects.toMatchObject({ code: 'NO_OUTPUT' });
    await expect(service.cancelJob('zzzzzzzz')).rejects.toMatchObject({ code: 'JOB_NOT_FOUND', message: 'no job zzzzzzzz' });
  });
});

describe('the HTTP transport of fluentpro serve', () => {
  async function serve() {
    const { service } = start();
    const rendererDir = join(tempDir(), 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>FluentPro</title>');
    writeFileSync(join(tempDir(), 'secret.txt'), 'not for the web');
    let port = 0;
    server = createServer(createHttpApi({ service, token: 'right-token', rendererDir, allowedHosts: () => [`127.0.0.1:${port}`] }));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    port = (server!.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    const call = (method: string, body: string, token = 'right-token') => fetch(`${base}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body });
    return { base, call };
  }

  it.each([
    ['a wrong token', 'listJobs', '[]', 'wrong-token', 401, 'UNAUTHORIZED'],
    ['an unknown method', 'dropDatabase', '[]', 'right-token', 404, 'NOT_FOUND'],
    ['a body that is not JSON', 'listJobs', '{nope', 'right-token', 400, 'INVALID_INPUT'],
    ['arguments of the wrong shape', 'addSpecContents', '[[{"name":"a.yaml"}]]', 'right-token', 400, 'INVALID_INPUT'],
    ['an id that is not an id', 'getJob', '["../etc/passwd"]', 'right-token', 400, 'INVALID_INPUT'],
    ['a job that does not exist', 'getJob', '["zzzzzzzz"]', 'right-token', 404, 'JOB_NOT_FOUND'],
    ['unknown settings', 'setSettings', '[{"apiKeyPlain":"x"}]', 'right-token', 400, 'INVALID_INPUT'],
  ])('refuses %s', async (_name, method, body, token, status, code) => {
    const { call } = await serve();
    const response = await call(method, body, token);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('answers a good call with its result', async () => {
    const { call } = await serve();
    const response = await call('addSpecContents', JSON.stringify([[good]]));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: unknown[] }).result[0]).toMatchObject({ ok: true, name: 'good.course.yaml' });
  });

  it('refuses other Host headers (DNS rebinding) and never serves files outside the renderer', async () => {
    const { base } = await serve();
    // fetch() drops a custom Host header, so ask as a rebinding page's browser would, by hand.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
    const traversal = await fetch(`${base}/..%2fsecret.txt`);
    expect(await traversal.text()).not.toContain('not for the web');
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>FluentPro</title>');
  });

  it('streams job changes as Server-Sent Events', async () => {
    const { base, call } = await serve();
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events?token=right-token`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    await call('addSpecContents', JSON.stringify([[good]]));
    let text = '';
    while (!text.includes('event: jobsChanged')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: jobsChanged\ndata: \[\{"id":"[0-9a-z]{8}"/);
    controller.abort();
  });
});
