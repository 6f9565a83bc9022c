/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';
import { FakeLlmServer } from '../support/fake-llm-server.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli', 'fluentpro.js');

/** `fluentpro serve` with an API key, set (through its own API) to the test server; `llm` records every request. */
const test = base.extend<{ served: { url: string; llm: FakeLlmServer } }>({
  served: async ({}, use) => {
    const llm = await FakeLlmServer.start();
    const dir = mkdtempSync(join(tmpdir(), 'fluentpro-e2e-change-'));
    const child: ChildProcess = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--out', join(dir, 'out')], {
      env: { PATH: process.env.PATH ?? '', HOME: dir, OPENAI_API_KEY: 'sk-test' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /^Open: (http:\/\/\S+)$/.exec(line);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`fluentpro serve exited with ${code}`)));
    });
    const parsed = new URL(url);
    const response = await fetch(new URL('/api/setSettings', parsed.origin), {
      method: 'POST',
      headers: { authorization: `Bearer ${parsed.searchParams.get('token')}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ provider: 'openai', baseURL: llm.baseURL, model: 'test-model' }]),
    });
    expect(response.status).toBe(200);
    await use({ url, llm });
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });
    await llm.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

test('regenerate a lesson with a note (exactly one request, with the note), see it finish, and undo it', async ({ page, served }) => {
  const { llm } = served;
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Try an example' }).click();
  await expect(page.getByRole('article', { name: 'Spanish for Travellers, Finished' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Read Spanish for Travellers' }).click();
  const viewer = page.getByRole('region', { name: 'Course Spanish for Travellers' });
  const toolbar = viewer.getByRole('toolbar', { name: 'Lesson' });
  const lesson = viewer.locator('.course-lesson section.fp-lesson');

  await toolbar.getByRole('button', { name: 'Next ›' }).click();
  await expect(viewer.getByRole('status', { name: 'Lesson shown' })).toHaveText(/^Lesson 2 of \d+: /);
  await expect(toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();
  const settingBefore = await lesson.locator('.fp-dialogue').first().innerText();

  // The test server answers lesson 2 with a different dialogue setting, so the change shows.
  llm.setOptions({ fault: ({ key }) => (key.startsWith('lesson 2|') ? { kind: 'spoil', spoil: (a) => void ((a.dialogue as { setting: string }).setting = 'A quiet café, spoken slowly') } : undefined) });
  const sentBefore = llm.requests.length;
  await toolbar.getByRole('button', { name: 'Regenerate…' }).click();
  const dialog = viewer.getByRole('dialog', { name: 'Regenerate lesson 2' });
  await dialog.getByLabel('What should change? (optional)').fill('simpler dialogue');
  await page.screenshot({ path: 'test-results/e2e/course-change-01-regenerate.png' });
  await dialog.getByRole('button', { name: 'Regenerate' }).click();

  await expect(dialog.getByRole('status', { name: 'Regeneration' })).toHaveText(/^Lesson 2 was written again/, { timeout: 30_000 });
  await expect(lesson).toContainText('A quiet café, spoken slowly');
  const sent = llm.requests.slice(sentBefore);
  expect(sent.map((r) => r.key)).toEqual(['lesson 2|Spanish for Travellers']);
  expect(sent[0]!.prompt).toContain('simpler dialogue');
  await expect(page.getByRole('article', { name: /^Regenerate lesson 2 of Spanish for Travellers, Finished/ })).toHaveCount(0); // the viewer is shown, not the board
  const history = viewer.getByRole('region', { name: 'History of lesson 2' });
  await expect(history).toContainText('replaced by a regeneration (note: simpler dialogue)');
  await page.screenshot({ path: 'test-results/e2e/course-change-02-regenerated.png', fullPage: true });
  await dialog.getByRole('button', { name: 'Close' }).click();

  const undo = toolbar.getByRole('button', { name: /^Undo: back to the version of .+ \(regenerate\)$/ });
  await undo.click();
  await expect(viewer.getByText('Lesson 2 is back to its previous version.')).toBeVisible();
  await expect(lesson).not.toContainText('A quiet café, spoken slowly');
  expect(await lesson.locator('.fp-dialogue').first().innerText()).toBe(settingBefore);
  await expect(toolbar.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await expect(history).toContainText('No earlier versions');
  expect(llm.requests.length).toBe(sentBefore + 1);

  // The job is on the board with the others.
  await viewer.getByRole('button', { name: '‹ Jobs' }).click();
  await expect(page.getByRole('article', { name: /^Regenerate lesson 2 of Spanish for Travellers, Finished/ })).toBeVisible();
});
