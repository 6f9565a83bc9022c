/// <reference lib="dom" />
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { chromium } from '@playwright/test';
import { report } from './report.js';

const RENDERER = join(import.meta.dirname, '..', 'renderer');
const JOBS = 5000;
const UPDATES_PER_SECOND = 50;
const SECONDS = 5;

/**
 * The jobs board in Chromium with 5,000 jobs: time to first show them, then 50 progress
 * updates a second for 5 s (each a jobsChanged event for one job, as the app sends them),
 * measuring the time from event to painted frame and the frame rate meanwhile.
 */
export async function boardRender(): Promise<void> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('build the renderer first (npm run build)');
  const server = createServer((req, res) => {
    const path = join(RENDERER, req.url === '/' ? 'index.html' : req.url!.split('?')[0]!);
    if (!path.startsWith(RENDERER) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath: process.env.FLUENTPRO_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // A window.fluentpro of 5,000 jobs, installed before the app's code runs.
    await page.addInitScript((count: number) => {
      const listeners: Record<string, ((p: unknown) => void)[]> = {};
      const jobs = Array.from({ length: count }, (_, i) => ({
        id: `b${String(i).padStart(7, '0')}`,
        title: `Bench course ${i}`,
        language: 'Spanish',
        level: 'B1',
        specPath: `/x/${i}.course.yaml`,
        state: i % 10 === 0 ? 'running' : i % 3 === 0 ? 'succeeded' : 'queued',
        attempts: 1,
        lessonsTotal: 12,
        lessonsDone: i % 12,
        outlineDone: true,
        provider: 'openai',
        model: 'gpt-4o-mini',
        usage: { requests: 3, promptTokens: 3000, completionTokens: 9000 },
        cancelRequested: false,
        createdAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
        startedAt: new Date(1_700_000_000_000 + i * 1000).toISOString(),
        finishedAt: i % 3 === 0 ? new Date(1_700_000_100_000 + i * 1000).toISOString() : undefined,
      }));
      const w = window as unknown as Record<string, unknown>;
      w.__benchStart = performance.now();
      w.__benchJobs = jobs;
      w.__benchEmit = (event: string, payload: unknown) => (listeners[event] ?? []).forEach((l) => l(payload));
      const settings = { provider: 'openai', model: 'gpt-4o-mini', baseURL: '', hasApiKey: true, apiKeyStorage: 'keychain', concurrency: 4, lessonConcurrency: 4, maxInFlightRequests: 8, outDir: '/x', canRevealFiles: true };
      const base: Record<string, unknown> = {
        listJobs: async () => jobs,
        getSettings: async () => settings,
        getQueuePause: async () => null,
        listSchedules: async () => [],
        on: (event: string, listener: (p: unknown) => void) => {
          (listeners[event] ??= []).push(listener);
          return () => {};
        },
        pathForFile: () => '',
      };
      // Any other API method the board may call answers "nothing", as an idle app would.
      w.fluentpro = new Proxy(base, { get: (target, key: string) => (key in target ? target[key] : async () => null) });
    }, JOBS);

    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.getByRole('heading', { name: /^Queued \d+$/ }).waitFor();
    const firstRenderMs = await page.evaluate(() => performance.now() - ((window as unknown as Record<string, number>).__benchStart ?? 0));

    // 50 updates a second: each moves one running job a lesson on; time each to the next painted frame.
    const result = await page.evaluate(
      async ({ perSecond, seconds }) => {
        const w = window as unknown as { __benchJobs: { id: string; state: string; lessonsDone: number }[]; __benchEmit: (e: string, p: unknown) => void };
        const running = w.__benchJobs.filter((j) => j.state === 'running');
        const latencies: number[] = [];
        let frames = 0;
        let counting = true;
        const countFrames = () => {
          frames++;
          if (counting) requestAnimationFrame(countFrames);
        };
        requestAnimationFrame(countFrames);
        const started = performance.now();
        for (let i = 0; i < perSecond * seconds; i++) {
          const job = running[i % running.length]!;
          const next = { ...job, lessonsDone: (job.lessonsDone + 1) % 12 };
          running[i % running.length] = next;
          const t0 = performance.now();
          w.__benchEmit('jobsChanged', [next]);
          // After the next frame is painted (rAF, then a task after it).
          requestAnimationFrame(() => setTimeout(() => latencies.push(performance.now() - t0), 0));
          await new Promise((r) => setTimeout(r, 1000 / perSecond));
        }
        await new Promise((r) => setTimeout(r, 200));
        counting = false;
        const elapsed = (performance.now() - started) / 1000;
        latencies.sort((a, b) => a - b);
        return { fps: frames / elapsed, median: latencies[Math.floor(latencies.length / 2)]!, p95: latencies[Math.floor(latencies.length * 0.95)]!, rendered: document.querySelectorAll('article').length };
      },
      { perSecond: UPDATES_PER_SECOND, seconds: SECONDS },
    );

    report(
      'board-render',
      [
        { name: 'first render of 5,000 jobs', value: Math.round(firstRenderMs), unit: 'ms' },
        { name: 'update to painted frame, median', value: Math.round(result.median * 10) / 10, unit: 'ms', ideal: 16.7 },
        { name: 'update to painted frame, p95', value: Math.round(result.p95 * 10) / 10, unit: 'ms', ideal: 16.7 },
        { name: 'frames per second while updating', value: Math.round(result.fps), unit: 'fps', ideal: 60, lowerIsBetter: false },
        { name: 'job rows in the DOM', value: result.rendered, unit: 'rows' },
      ],
      { jobs: JOBS, updatesPerSecond: UPDATES_PER_SECOND, seconds: SECONDS, browser: browser.version() },
    );
  } finally {
    await browser.close();
    server.close();
  }
}
