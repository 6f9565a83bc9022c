/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './serve-fixture.js';

// The Schedules page against a real `fluentpro serve`: a schedule over a folder of specs, its next
// run, Run now, the job on the board and the run in the history.

test('a schedule over a folder: preview, next run, run now, its job on the board, its history', async ({ page, served }) => {
  const inbox = join(served.dir, 'Inbox');
  mkdirSync(inbox);
  writeFileSync(join(inbox, 'night.course.yaml'), 'title: Night Course\nlanguage: Spanish\nlevel: A1\nlessons: 2\n');
  writeFileSync(join(inbox, 'broken.course.yaml'), 'title: Broken\nlanguage: Spanish\nlevel: Z9\nlessons: 2\n');

  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Schedules' }).click();
  await expect(page.getByText(/No schedules yet/)).toBeVisible();
  await page.getByRole('button', { name: 'New schedule' }).click();

  const form = page.getByRole('form', { name: 'New schedule' });
  await form.getByLabel('Name', { exact: true }).fill('nightly');
  // A bad expression is explained on its own field.
  await form.getByLabel('Cron expression').fill('0 25 * * *');
  await expect(form.getByLabel('Cron expression')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText(/"0 25 \* \* \*" is not a cron expression/)).toBeVisible();
  await form.getByLabel('Cron expression').fill('0 2 * * *');
  await form.getByLabel('Time zone').fill('Europe/Berlin');
  await form.getByLabel('Folder', { exact: true }).fill(inbox);
  await expect(form.getByRole('status', { name: 'Preview' })).toHaveText(/^Every day at 02:00 — next run \w{3} \d{1,2} \w{3}( \d{4})?, 02:00, then .* \(Europe\/Berlin\)$/);
  await expect(form.getByLabel('Cron expression')).toHaveAttribute('aria-invalid', 'false');
  await page.screenshot({ path: 'test-results/e2e/schedules-01-form.png' });
  await form.getByRole('button', { name: 'Add schedule' }).click();

  const row = page.getByRole('article', { name: 'nightly' });
  await expect(row).toContainText('Every day at 02:00');
  await expect(row).toContainText(/Next run: \w{3} \d{1,2} \w{3}( \d{4})?, 02:00/);
  await expect(row).toContainText('Last run: never');

  await page.getByRole('button', { name: 'Run nightly now' }).click();
  await expect(page.getByText('nightly: 1 queued · 1 invalid.')).toBeVisible();
  const history = page.getByRole('region', { name: 'History of nightly' });
  await expect(history.getByRole('list', { name: 'Queued' })).toContainText('Night Course (queued · night.course.yaml)');
  await expect(history).toContainText('broken.course.yaml is not valid:');
  await expect(history).toContainText('level must be one of A1, A2, B1, B2, C1, C2');
  await expect(row).toContainText(/Last run: .* — 1 queued · 1 invalid/);
  await page.screenshot({ path: 'test-results/e2e/schedules-02-history.png' });

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Jobs' }).click();
  await expect(page.getByRole('article', { name: /^Night Course, (Queued|Running|Finished)$/ })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Night Course, Finished' })).toBeVisible({ timeout: 20_000 });
});

test('a paused queue says why its jobs wait, and Resume lets them run', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'Drop a course spec here' })).toBeVisible();
  // Pause as the menu bar or `fluentpro pause` would, through the API this page uses.
  const token = new URL(served.url).searchParams.get('token')!;
  const call = (method: string, args: unknown[]) =>
    page.request.post(new URL(`/api/${method}`, served.url).href, { headers: { authorization: `Bearer ${token}` }, data: args });
  expect((await call('pauseQueue', [])).ok()).toBe(true);
  const banner = page.getByRole('region', { name: 'Queue paused' });
  await expect(banner).toContainText('Paused until you resume');
  expect((await call('addSpecContents', [[{ name: 'w.course.yaml', content: 'title: Waiting Course\nlanguage: Spanish\nlevel: A1\nlessons: 1\n' }]])).ok()).toBe(true);
  await expect(page.getByRole('article', { name: 'Waiting Course, Queued' })).toBeVisible();
  await expect(banner).toContainText('1 queued course waits');
  await page.waitForTimeout(1000);
  await expect(page.getByRole('article', { name: 'Waiting Course, Queued' })).toBeVisible();
  await banner.getByRole('button', { name: 'Resume' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('article', { name: 'Waiting Course, Finished' })).toBeVisible({ timeout: 20_000 });
});
