import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER } from '../../electron/core/api/host-services.js';
import { createHttpApi } from '../../electron/cli/serve/http-api.js';
import { ScheduleStore } from '../../electron/core/schedule/schedule-store.js';
import { JobStore } from '../../electron/core/store/job-store.js';
import type { QueuePauseView, ScheduleView } from '../../electron/shared/schedules.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The schedules behind the API, over a real SQLite file and a real queue (demo provider).

const tempDir = useTempDir();
let core: AppCore | undefined;
let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise<void>((r) => server!.close(() => r()));
  server = undefined;
  await core?.close();
  core = undefined;
});

function start(): AppCore {
  core = startAppCore({
    dataDir: join(tempDir(), 'data'),
    host: nodeHost(),
    secrets: new MemorySecretStore(undefined),
    files: NO_FILE_REVEALER,
    defaultOutDir: join(tempDir(), 'out'),
    examplesDir: join(import.meta.dirname, '..', '..', 'examples'),
  });
  return core;
}

/** A folder with two good specs and a broken one. */
function inbox(): string {
  const dir = join(tempDir(), 'Inbox');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'alpha.course.yaml'), 'title: Alpha\nlanguage: Spanish\nlevel: A1\nlessons: 1\n');
  writeFileSync(join(dir, 'bravo.course.yaml'), 'title: Bravo\nlanguage: French\nlevel: A2\nlessons: 1\n');
  writeFileSync(join(dir, 'broken.course.yaml'), 'title: Broken\nlanguage: Spanish\nlevel: Z9\nlessons: 1\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a spec');
  return dir;
}

describe('ScheduleService', () => {
  it('adds a folder schedule and lists it with its description and next run', async () => {
    const { service } = start();
    const changes: ScheduleView[][] = [];
    service.schedules.onDidChangeSchedules((list) => changes.push(list));
    const added = await service.addSchedule({ name: 'nightly', cron: '0 2 * * *', timeZone: 'Europe/Berlin', folder: inbox() });
    expect(added).toMatchObject({ name: 'nightly', description: 'Every day at 02:00', timeZone: 'Europe/Berlin', enabled: true, catchUp: true });
    expect(Date.parse(added.nextRunAt!)).toBeGreaterThan(Date.now());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(added.nextRunAt!))).toBe('02:00');
    expect(added).not.toHaveProperty('id');
    expect(await service.listSchedules()).toEqual([added]);
    expect(changes.at(-1)).toEqual([added]);
  });

  it('previews a good draft: its words, the next three runs, no problems', async () => {
    const { service } = start();
    const preview = await service.previewSchedule({ name: '', cron: '30 22 * * 1-5', timeZone: 'America/New_York', folder: inbox() });
    expect(preview).toMatchObject({ ok: true, description: 'Weekdays at 22:30', timeZone: 'America/New_York', problems: [] });
    expect(preview.nextRuns).toHaveLength(3);
    for (const at of preview.nextRuns) expect(new Date(at).toLocaleString('en-US', { timeZone: 'America/New_York', weekday: 'short' })).toMatch(/Mon|Tue|Wed|Thu|Fri/);
  });

  it('previews every problem on its own field, with the fix', async () => {
    const { service } = start();
    const bad = await service.previewSchedule({ name: 'x', cron: '61 2 * * *', timeZone: 'Mars/Olympus', folder: join(tempDir(), 'nowhere') });
    expect(bad.ok).toBe(false);
    expect(bad.description).toBe('');
    expect(bad.problems.map((p) => p.field).sort()).toEqual(['cron', 'folder', 'timeZone']);
    expect(bad.problems.find((p) => p.field === 'timeZone')).toMatchObject({ message: '"Mars/Olympus" is not a time zone', hint: expect.stringContaining('Europe/Berlin') });
    expect(bad.problems.find((p) => p.field === 'cron')!.message).toMatch(/^"61 2 \* \* \*" is not a cron expression/);
    expect(bad.problems.find((p) => p.field === 'folder')!.message).toContain('does not exist');
    const relative = await service.previewSchedule({ name: 'x', cron: '0 2 * * *', folder: 'Courses/Inbox' });
    expect(relative.problems).toEqual([{ field: 'folder', message: 'Courses/Inbox is not a full path', hint: expect.stringContaining('~/Courses/Inbox') }]);
    const noWhen = await service.previewSchedule({ name: 'x', folder: inbox() });
    expect(noWhen.problems).toEqual([expect.objectContaining({ field: 'cron', message: 'the schedule does not say when it runs' })]);
  });

  it('refuses to save a bad draft with a code that names the field', async () => {
    const { service } = start();
    await expect(service.addSchedule({ name: 'n', cron: 'every night', folder: inbox() })).rejects.toMatchObject({ name: 'ScheduleError', code: 'INVALID_CRON' });
    await service.addSchedule({ name: 'n', cron: '0 2 * * *', folder: inbox() });
    await expect(service.addSchedule({ name: 'n', cron: '0 3 * * *', folder: inbox() })).rejects.toMatchObject({ code: 'NAME_TAKEN' });
    await expect(service.runScheduleNow('missing')).rejects.toMatchObject({ code: 'SCHEDULE_NOT_FOUND' });
  });

  it('runs a schedule now: valid specs become jobs that run, invalid ones are in the history with their problems', async () => {
    const { service, orchestrator } = start();
    await service.addSchedule({ name: 'inbox', cron: '0 2 * * *', folder: inbox() });
    const run = await service.runScheduleNow('inbox');
    expect(run.reason).toBe('manual');
    expect(run.queued.map((q) => q.title).sort()).toEqual(['Alpha', 'Bravo']);
    expect(run.invalid).toEqual([{ file: expect.stringMatching(/broken\.course\.yaml$/), problems: [expect.objectContaining({ path: 'level' })] }]);
    expect((await service.listJobs()).map((j) => j.title).sort()).toEqual(['Alpha', 'Bravo']);
    expect(await service.getScheduleHistory('inbox')).toEqual([run]);
    expect((await service.listSchedules())[0]!.lastRun).toEqual(run);
    await orchestrator.onIdle();
    expect((await service.listJobs()).map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
    // Run again: their jobs are finished, so the same specs are queued anew.
    const again = await service.runScheduleNow('inbox');
    expect(again.queued).toHaveLength(2);
    expect(await service.getScheduleHistory('inbox')).toEqual([again, run]);
  });

  it('disables, edits (keeping the history), renames and removes', async () => {
    const { service } = start();
    const folder = inbox();
    await service.addSchedule({ name: 'nightly', cron: '0 2 * * *', folder });
    await service.runScheduleNow('nightly');
    const off = await service.setScheduleEnabled('nightly', false);
    expect(off).toMatchObject({ enabled: false });
    expect(off.nextRunAt).toBeUndefined();
    const edited = await service.updateSchedule('nightly', { name: 'evenings', cron: '30 22 * * *', timeZone: 'UTC', folder, onlyChanged: true, enabled: true });
    expect(edited).toMatchObject({ name: 'evenings', description: 'Every day at 22:30', onlyChanged: true, enabled: true });
    expect(await service.getScheduleHistory('evenings')).toHaveLength(1);
    await expect(service.getScheduleHistory('nightly')).rejects.toMatchObject({ code: 'SCHEDULE_NOT_FOUND' });
    await service.removeSchedule('evenings');
    expect(await service.listSchedules()).toEqual([]);
  });

  it('pauses until a time and resumes, telling listeners; a past time is refused', async () => {
    const { service } = start();
    const events: (QueuePauseView | null)[] = [];
    service.schedules.onDidChangeQueuePause((p) => events.push(p));
    expect(await service.getQueuePause()).toBeNull();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const pause = await service.pauseQueue(until);
    expect(pause.pausedUntil).toBe(until);
    expect(await service.getQueuePause()).toEqual(pause);
    await service.resumeQueue();
    expect(await service.getQueuePause()).toBeNull();
    expect((await service.pauseQueue()).pausedUntil).toBeUndefined();
    expect(events).toEqual([pause, null, expect.objectContaining({ pausedAt: expect.any(String) })]);
    await expect(service.pauseQueue(new Date(Date.now() - 1000).toISOString())).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('says when a pause ends by its time, and keeps queued jobs waiting until then', async () => {
    const { service } = start();
    const events: (QueuePauseView | null)[] = [];
    service.schedules.onDidChangeQueuePause((p) => events.push(p));
    await service.pauseQueue(new Date(Date.now() + 700).toISOString());
    const [added] = await service.addSpecContents([{ name: 'a.course.yaml', content: 'title: Waits\nlanguage: Spanish\nlevel: A1\nlessons: 1\n' }]);
    const id = (added as { job: { id: string } }).job.id;
    await new Promise((r) => setTimeout(r, 400));
    expect((await service.getJob(id)).job.state).toBe('queued');
    await expect.poll(() => events.at(-1), { timeout: 3000 }).toBeNull();
    await expect.poll(async () => (await service.getJob(id)).job.state, { timeout: 10_000 }).toBe('succeeded');
  });

  it('notices schedules and pauses made by another process on the same queue (the command)', async () => {
    const { service } = start();
    const seen: string[][] = [];
    const pauses: (QueuePauseView | null)[] = [];
    service.schedules.onDidChangeSchedules((list) => seen.push(list.map((s) => s.name)));
    service.schedules.onDidChangeQueuePause((p) => pauses.push(p));
    const other = JobStore.open(join(tempDir(), 'data'));
    try {
      await new ScheduleStore(other.db).add({ name: 'from-cli', cron: '0 2 * * *', timeZone: 'UTC', folder: inbox() });
      other.db.prepare('INSERT INTO queue_pause (id, paused_at, until_at) VALUES (1, ?, NULL)').run(Date.now());
      await service.schedules.resume(); // what a wake does; the poll would find it within 5 s
      expect(seen.at(-1)).toEqual(['from-cli']);
      expect(pauses.at(-1)).toMatchObject({ pausedAt: expect.any(String) });
    } finally {
      other.close();
    }
  });
});

describe('the schedule methods over HTTP', () => {
  async function serve() {
    const { service } = start();
    const rendererDir = join(tempDir(), 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>FluentPro</title>');
    let port = 0;
    server = createServer(createHttpApi({ service, token: 't', rendererDir, allowedHosts: () => [`127.0.0.1:${port}`] }));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    port = (server!.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    const call = async (method: string, args: unknown[]) => {
      const response = await fetch(`${base}/api/${method}`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body: JSON.stringify(args) });
      return { status: response.status, body: (await response.json()) as { result?: unknown; error?: { code: string; message: string } } };
    };
    return { base, call };
  }

  it('adds, previews, runs, lists history, pauses and resumes', async () => {
    const { call } = await serve();
    const folder = inbox();
    expect((await call('previewSchedule', [{ name: '', cron: '0 2 * * *', folder }])).body.result).toMatchObject({ ok: true, description: 'Every day at 02:00' });
    expect((await call('addSchedule', [{ name: 'nightly', cron: '0 2 * * *', folder }])).status).toBe(200);
    const run = (await call('runScheduleNow', ['nightly'])).body.result as { queued: unknown[] };
    expect(run.queued).toHaveLength(2);
    expect((await call('getScheduleHistory', ['nightly'])).body.result).toHaveLength(1);
    expect((await call('listSchedules', [])).body.result).toEqual([expect.objectContaining({ name: 'nightly', lastRun: expect.objectContaining({ reason: 'manual' }) })]);
    expect((await call('pauseQueue', [])).body.result).toMatchObject({ pausedAt: expect.any(String) });
    expect((await call('getQueuePause', [])).body.result).toMatchObject({ pausedAt: expect.any(String) });
    expect((await call('resumeQueue', [])).status).toBe(200);
    expect((await call('getQueuePause', [])).body.result).toBeNull();
    expect((await call('setScheduleEnabled', ['nightly', false])).body.result).toMatchObject({ enabled: false });
    expect((await call('removeSchedule', ['nightly'])).status).toBe(200);
  });

  it.each([
    ['a bad cron expression', 'addSchedule', [{ name: 'n', cron: '99 * * * *', folder: '/' }], 422, 'INVALID_CRON'],
    ['a name already taken', 'addSchedule', [{ name: 'taken', cron: '0 2 * * *', folder: '/' }], 409, 'NAME_TAKEN'],
    ['an unknown schedule', 'runScheduleNow', ['nope'], 404, 'SCHEDULE_NOT_FOUND'],
    ['unknown draft fields', 'addSchedule', [{ name: 'n', cron: '0 2 * * *', folder: '/', shell: 'rm -rf' }], 400, 'INVALID_INPUT'],
    ['a pause time that is not a time', 'pauseQueue', ['tonight'], 400, 'INVALID_INPUT'],
    ['enabled that is not a boolean', 'setScheduleEnabled', ['taken', 'yes'], 400, 'INVALID_INPUT'],
  ])('refuses %s', async (_name, method, args, status, code) => {
    const { call } = await serve();
    await call('addSchedule', [{ name: 'taken', cron: '0 2 * * *', folder: '/' }]);
    const reply = await call(method, args);
    expect([reply.status, reply.body.error?.code]).toEqual([status, code]);
  });

  it('streams schedule and pause changes as Server-Sent Events', async () => {
    const { base, call } = await serve();
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events?token=t`, { signal: controller.signal });
    const reader = response.body!.getReader();
    await call('addSchedule', [{ name: 'nightly', cron: '0 2 * * *', folder: inbox() }]);
    await call('pauseQueue', []);
    let text = '';
    while (!text.includes('event: queuePauseChanged')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: schedulesChanged\ndata: \[\{"name":"nightly"/);
    expect(text).toMatch(/event: queuePauseChanged\ndata: \{"pausedAt":/);
    controller.abort();
  });
});
