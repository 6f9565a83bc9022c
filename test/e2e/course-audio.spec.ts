/// <reference lib="dom" />
import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture.js';

// A course heard in the viewer through `fluentpro serve`, in Chromium: the course has no audio
// at first (no play button anywhere), then `fluentpro audio --speech espeak-ng` gives it clips;
// a term plays, the dialogue plays line after line, and Slower plays at 0.75×. Needs espeak-ng.

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'electron', 'cli', 'fluentpro.js');
// Written without audio (the spec says so, whatever engine serve would use), then given it by `fluentpro audio`.
const SPEC = 'title: Heard Course\nlanguage: Spanish\nlevel: A1\nlessons: 1\nsections: [vocabulary, dialogue, exercises]\nspeech: none\n';

/** Calls the API as the page does, with the token of the URL serve printed. */
async function call(url: string, method: string, args: unknown[]): Promise<unknown> {
  const { origin, searchParams } = new URL(url);
  const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${searchParams.get('token')}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

/** Records every clip the page starts and finishes (media events do not bubble: captured). */
async function recordPlayback(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { event: string; text: string; rate: number; src: string }[] = [];
    (window as unknown as { playback: typeof log }).playback = log;
    const textOf = (audio: HTMLAudioElement) => audio.closest('li')?.querySelector('.fp-line')?.textContent ?? audio.parentElement?.textContent?.replace('▶', '').trim() ?? '';
    for (const event of ['playing', 'ended']) {
      document.addEventListener(event, (e) => {
        const audio = e.target as HTMLAudioElement;
        log.push({ event, text: textOf(audio), rate: audio.playbackRate, src: audio.currentSrc });
      }, true);
    }
  });
}

const playback = (page: Page) => page.evaluate(() => (window as unknown as { playback: { event: string; text: string; rate: number; src: string }[] }).playback.splice(0));

const hasEspeak = spawnSync('espeak-ng', ['--version']).status === 0;

test('hear a course: a term, the dialogue line after line, and the slower speed', async ({ page, served }) => {
  test.skip(!hasEspeak, 'needs espeak-ng to make the clips (apt-get install espeak-ng)');
  test.setTimeout(180_000);
  const [added] = (await call(served.url, 'addSpecContents', [[{ name: 'heard.course.yaml', content: SPEC }]])) as { ok: boolean; job: { id: string } }[];
  expect(added!.ok).toBe(true);

  await page.goto(served.url);
  await expect(page.getByRole('article', { name: 'Heard Course, Finished' })).toBeVisible({ timeout: 60_000 });

  // Without audio: the lesson as before, no play button, no Listen toolbar.
  await page.getByRole('button', { name: 'Read Heard Course' }).click();
  const viewer = page.getByRole('region', { name: 'Course Heard Course' });
  const lesson = viewer.locator('.course-lesson section.fp-lesson');
  await expect(lesson.getByRole('table')).toBeVisible();
  await expect(lesson.getByRole('button', { name: /^Play: / })).toHaveCount(0);
  await expect(viewer.getByRole('toolbar', { name: 'Listen' })).toHaveCount(0);
  await viewer.getByRole('button', { name: '‹ Jobs' }).click();

  // The course's audio, made as a user makes it.
  const { job } = (await call(served.url, 'getJob', [added!.job.id])) as { job: { outputPath: string } };
  const made = await promisify(execFile)(process.execPath, [CLI, 'audio', job.outputPath, '--speech', 'espeak-ng'], { timeout: 120_000 });
  expect(made.stdout).toMatch(/clips/);

  await page.getByRole('button', { name: 'Read Heard Course' }).click();
  const listen = viewer.getByRole('toolbar', { name: 'Listen' });
  await expect(listen).toBeVisible();
  const terms = lesson.locator('.fp-term [data-fp-action="play-audio"]');
  expect(await terms.count()).toBeGreaterThan(0);
  const lines = lesson.locator('.fp-dialogue .fp-line');
  const lineCount = await lines.count();
  expect(lineCount).toBeGreaterThan(1);
  await expect(lesson.locator('.fp-dialogue [data-fp-action="play-audio"]')).toHaveCount(lineCount);
  await recordPlayback(page);

  // A term: its clip, fetched from serve's clip route, plays to its end.
  const term = terms.first();
  const termText = (await lesson.locator('.fp-term').first().textContent())!.replace('▶', '').trim();
  await expect(term).toHaveAttribute('aria-label', `Play: ${termText}`);
  await term.click();
  const termAudio = page.locator(`[id="${await term.getAttribute('aria-controls')}"]`);
  await expect.poll(() => termAudio.evaluate((a: HTMLAudioElement) => a.currentSrc)).toMatch(/\/api\/course-audio\/[a-z0-9]+\/[0-9a-f]{20}\.mp3\?token=/);
  await expect.poll(async () => (await playback(page)).map((p) => p.event), { timeout: 15_000 }).toEqual(expect.arrayContaining(['playing']));
  await expect.poll(() => termAudio.evaluate((a: HTMLAudioElement) => a.ended), { timeout: 15_000 }).toBe(true);
  expect(await termAudio.evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/e2e/audio-01-term.png' });

  // The dialogue: each line starts after the one before it ended, in the order of the page.
  playback(page);
  await listen.getByRole('button', { name: '▶ Play dialogue' }).click();
  await expect(listen.getByRole('button', { name: '■ Stop dialogue' })).toBeVisible();
  const expected = (await lines.allTextContents()).map((t) => t.trim());
  const heard: { event: string; text: string; rate: number }[] = [];
  await expect
    .poll(async () => (heard.push(...(await playback(page))), heard.filter((p) => p.event === 'ended').length), { timeout: 90_000 })
    .toBe(lineCount);
  expect(heard.map((p) => `${p.event} ${p.text}`)).toEqual(expected.flatMap((text) => [`playing ${text}`, `ended ${text}`]));
  expect(heard.every((p) => p.rate === 1)).toBe(true);
  await expect(listen.getByRole('button', { name: '▶ Play dialogue' })).toBeVisible();

  // Slower: the clip plays at 0.75×, by the button and by the key (p plays the focused term again).
  await listen.getByRole('button', { name: 'Slower' }).click();
  await expect(listen.getByRole('button', { name: 'Slower' })).toHaveAttribute('aria-pressed', 'true');
  await term.click();
  await expect.poll(async () => (await playback(page)).filter((p) => p.event === 'playing').map((p) => p.rate), { timeout: 15_000 }).toEqual([0.75]);
  expect(await termAudio.evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(0.75);
  await expect.poll(() => termAudio.evaluate((a: HTMLAudioElement) => a.ended), { timeout: 15_000 }).toBe(true);
  await term.focus();
  await page.keyboard.press('p');
  await expect.poll(async () => (await playback(page)).filter((p) => p.event === 'playing').map((p) => `${p.rate} ${p.text}`), { timeout: 15_000 }).toEqual([`0.75 ${termText}`]);
  // Shift+P starts the dialogue, slower too; pressed again it stops.
  await page.keyboard.press('Shift+P');
  await expect(listen.getByRole('button', { name: '■ Stop dialogue' })).toBeVisible();
  await expect.poll(async () => (await playback(page)).filter((p) => p.event === 'playing').map((p) => `${p.rate} ${p.text}`), { timeout: 15_000 }).toEqual([`0.75 ${expected[0]}`]);
  await page.keyboard.press('Shift+P');
  await expect(listen.getByRole('button', { name: '▶ Play dialogue' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/audio-02-slower.png' });
});
