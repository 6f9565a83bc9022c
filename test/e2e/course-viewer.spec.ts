/// <reference lib="dom" />
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from './serve-fixture.js';

test('read a finished course: a lesson, its answers and quiz, the quality report, and an export', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Try an example' }).click();
  const job = page.getByRole('article', { name: 'Spanish for Travellers, Finished' });
  await expect(job).toBeVisible({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Read Spanish for Travellers' }).click();
  const viewer = page.getByRole('region', { name: 'Course Spanish for Travellers' });
  await expect(viewer.getByRole('heading', { name: 'Spanish for Travellers', level: 2 })).toBeVisible();
  const lessons = viewer.getByRole('navigation', { name: 'Lessons of the course' });
  await expect(lessons.getByRole('button', { name: /^1\. / })).toHaveAttribute('aria-current', 'page');
  const lesson = viewer.locator('.course-lesson section.fp-lesson');
  await expect(lesson.locator('h2')).toBeVisible();
  await expect(lesson.getByRole('table')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/course-01-lesson.png' });

  // An exercise's answer, shown on demand.
  const reveal = lesson.locator('[data-fp-action="reveal-answer"]').first();
  await expect(reveal).toHaveText('Show answer');
  await expect(lesson.locator('.fp-answer').first()).toBeHidden();
  await reveal.click();
  await expect(reveal).toHaveAttribute('aria-expanded', 'true');
  await expect(reveal).toHaveText('Hide answer');
  await expect(lesson.locator('.fp-answer').first()).toBeVisible();
  await expect(lesson.locator('.fp-answer').nth(1)).toBeHidden();

  // Translations of the dialogue, hidden and shown.
  const toggle = lesson.getByRole('button', { name: 'Translations' });
  if (await toggle.count()) {
    await toggle.click();
    await expect(lesson.locator('.fp-dialogue .fp-translation').first()).toBeHidden();
    await toggle.click();
  }

  // The quiz, answered to the end: each question says right or wrong, then the score.
  const questions = lesson.locator('[data-fp-question]');
  const count = await questions.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    await questions.nth(i).locator('[data-fp-action="pick-option"]').first().click();
    await expect(questions.nth(i).locator('[data-fp-feedback]')).toHaveText(/^(Right\.|Not quite: the answer is)/);
    await expect(questions.nth(i).locator('[data-fp-explanation]')).toBeVisible();
  }
  await expect(lesson.locator('[data-fp-score]')).toHaveText(new RegExp(`^Score: \\d+ of ${count}`));
  await page.screenshot({ path: 'test-results/e2e/course-02-quiz.png', fullPage: true });

  // The keyboard moves to the next lesson and says so.
  await page.keyboard.press('ArrowRight');
  await expect(lessons.getByRole('button', { name: /^2\. / })).toHaveAttribute('aria-current', 'page');
  await expect(viewer.getByRole('status', { name: 'Lesson shown' })).toHaveText(/^Lesson 2 of \d+: /);
  await page.keyboard.press('Home');
  await expect(lessons.getByRole('button', { name: /^1\. / })).toHaveAttribute('aria-current', 'page');

  // The quality report sits beside the course.
  await expect(viewer.getByRole('heading', { name: 'Quality' })).toBeVisible();

  // Export to HTML: in a browser the file goes into the course's exports/ folder, and the page says where.
  await viewer.getByRole('button', { name: 'Export' }).click();
  await viewer.getByRole('menuitem', { name: 'Printable web page (.html)' }).click();
  const saved = viewer.getByText(/^Saved Printable web page \(\.html\) to /);
  await expect(saved).toBeVisible({ timeout: 15_000 });
  const path = (await saved.textContent())!.replace(/^Saved Printable web page \(\.html\) to /, '');
  expect(path).toMatch(/[\\/]exports[\\/]spanish-for-travellers\.html$/);
  expect(path.startsWith(served.dir)).toBe(true);
  expect(existsSync(path)).toBe(true);
  expect(readFileSync(path, 'utf8')).toContain('<title>Spanish for Travellers</title>');
  await page.screenshot({ path: 'test-results/e2e/course-03-exported.png' });

  // Back to the jobs.
  await viewer.getByRole('button', { name: '‹ Jobs' }).click();
  await expect(job).toBeVisible();
});
