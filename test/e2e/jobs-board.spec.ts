/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture.js';

const spec = (title: string, lessons: number) => `title: ${title}\nlanguage: Spanish\nlevel: A1\nlessons: ${lessons}\n`;

/** Drops files on the window the way a browser delivers them: a DataTransfer of Files. */
async function dropFiles(page: Page, files: { name: string; content: string }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.content], f.name, { type: 'text/yaml' }));
    return dt;
  }, files);
  await page.dispatchEvent('[data-testid=drop-zone]', 'dragenter', { dataTransfer });
  await expect(page.getByRole('status').filter({ hasText: 'Drop course specs to queue them' })).toBeVisible();
  await page.dispatchEvent('[data-testid=drop-zone]', 'drop', { dataTransfer });
}

const job = (page: Page, title: string, state: string) => page.getByRole('article', { name: `${title}, ${state}` });

test('the main path: drop specs, watch them run, cancel, retry, read the details', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'Drop a course spec here' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/01-empty.png' });

  // One course at a time, so the second waits in the queue where it can be seen (and cancelled).
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Courses at once').fill('1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved. New courses use these settings.')).toBeVisible();
  await page.getByRole('button', { name: 'Close', exact: true }).click();

  await dropFiles(page, [
    { name: 'first.course.yaml', content: spec('First Course', 6) },
    { name: 'second.course.yaml', content: spec('Second Course', 3) },
    { name: 'broken.course.yaml', content: 'title: Broken\nlanguage: Spanish\nlevel: Z9\nlesons: 3\n' },
  ]);

  // The invalid file is explained, by name, and stays out of the queue.
  const rejected = page.getByRole('alert', { name: 'Files not added' });
  await expect(rejected).toContainText('broken.course.yaml');
  await expect(rejected).toContainText('unknown field "lesons" — did you mean "lessons"?');
  await expect(rejected).toContainText('level must be one of A1, A2, B1, B2, C1, C2');
  await expect(page.getByRole('article', { name: /^Broken,/ })).toHaveCount(0);

  await expect(job(page, 'First Course', 'Running')).toBeVisible();
  await expect(job(page, 'Second Course', 'Queued')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/02-running.png' });

  await page.getByRole('button', { name: 'Cancel Second Course' }).click();
  await expect(job(page, 'Second Course', 'Cancelled')).toBeVisible();

  await expect(page.getByRole('progressbar', { name: 'Lessons of First Course' })).toHaveAttribute('aria-valuenow', /[1-6]/, { timeout: 10_000 });
  await expect(job(page, 'First Course', 'Finished')).toBeVisible({ timeout: 20_000 });

  await page.getByRole('button', { name: 'Retry Second Course' }).click();
  await expect(job(page, 'Second Course', 'Finished')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('0 running · 0 queued · 2 finished')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/03-finished.png' });

  await page.getByRole('button', { name: 'Details of First Course' }).click();
  const detail = page.getByRole('dialog', { name: 'Job First Course' });
  await expect(detail.getByRole('list', { name: 'Lessons' }).getByRole('listitem')).toHaveCount(6);
  await expect(detail.getByRole('list', { name: 'Lessons' })).not.toContainText('Waiting');
  await expect(detail.getByLabel('Log')).toContainText('finished:');
  await page.screenshot({ path: 'test-results/e2e/04-details.png' });
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
});

test('the API refuses calls without the token and bad input with a reason', async ({ request, served }) => {
  const origin = new URL(served.url).origin;
  const token = new URL(served.url).searchParams.get('token')!;
  const noToken = await request.post(`${origin}/api/listJobs`, { data: [] });
  expect(noToken.status()).toBe(401);
  const badInput = await request.post(`${origin}/api/cancelJob`, { data: ['../../etc'], headers: { authorization: `Bearer ${token}` } });
  expect(badInput.status()).toBe(400);
  expect((await badInput.json()).error).toEqual({ name: 'InvalidInputError', message: 'cancelJob: a job id is 8 letters and digits (argument 0)', code: 'INVALID_INPUT' });
  const ok = await request.post(`${origin}/api/listJobs`, { data: [], headers: { authorization: `Bearer ${token}` } });
  expect(await ok.json()).toEqual({ result: [] });
});
