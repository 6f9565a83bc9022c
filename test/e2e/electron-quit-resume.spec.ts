/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { answerWith, appTestsOnly, closeApp, dropFiles, job, launchApp, lessonsDone, mainWindow, makeAppDirs, quitApp, shownDialogs, snap, spec, useSettings } from './electron-app-fixture.js';

// Quitting while a course is being written: the app asks, Cancel keeps it working, Quit puts the
// course back in the queue with its finished lessons, and the next launch resumes it there.
appTestsOnly();

test('quit with a course running: asked first, and the next launch resumes it from its finished lessons', async () => {
  const dirs = makeAppDirs();
  const first = await launchApp(dirs);
  let doneBeforeQuit = 0;
  try {
    const window = await mainWindow(first);
    // One lesson at a time (300 ms each with the demo provider): 40 lessons take long enough to quit halfway.
    await useSettings(window, { outDir: dirs.out, lessonConcurrency: 1 });
    await dropFiles(window, [{ name: 'long.course.yaml', content: spec('Long Course', 40) }]);
    await expect(job(window, 'Long Course', 'Running')).toBeVisible();
    await expect(window.getByRole('progressbar', { name: 'Lessons of Long Course' })).toHaveAttribute('aria-valuenow', /^([3-9]|[1-3]\d)$/, { timeout: 30_000 });
    await snap(window, 'quit-01-running');

    // ⌘Q, answered "Cancel": the app stays, the course keeps being written.
    await answerWith(first, ['Cancel']);
    await quitApp(first);
    const quitQuestions = async () => (await shownDialogs(first)).filter((d) => d.message.includes('being written'));
    await expect.poll(async () => (await quitQuestions()).length).toBe(1);
    const [question] = await quitQuestions();
    expect(question).toMatchObject({ message: '1 course is being written. Quit anyway?', buttons: ['Quit', 'Cancel'], response: 1 });
    expect(question!.detail).toContain('continue where they stopped');
    const afterCancel = await lessonsDone(window, 'Long Course');
    await expect(job(window, 'Long Course', 'Running')).toBeVisible();
    await expect.poll(() => lessonsDone(window, 'Long Course'), { timeout: 10_000 }).toBeGreaterThan(afterCancel);

    // ⌘Q, answered "Quit": the app closes its queue and exits.
    doneBeforeQuit = await lessonsDone(window, 'Long Course');
    expect(doneBeforeQuit).toBeLessThan(40);
    await answerWith(first, ['Quit']);
    const exited = first.waitForEvent('close', { timeout: 30_000 });
    await quitApp(first);
    await exited;
  } finally {
    await closeApp(first);
  }

  // The same data folder: the course is back in the queue and resumes from its checkpoints.
  const second = await launchApp(dirs);
  try {
    const window = await mainWindow(second);
    await expect(job(window, 'Long Course', /Queued|Running/)).toBeVisible();
    // Never starts over: at least the lessons shown done before the quit are still done.
    expect(await lessonsDone(window, 'Long Course')).toBeGreaterThanOrEqual(doneBeforeQuit);
    await snap(window, 'quit-02-resumed');
    await expect(job(window, 'Long Course', 'Finished')).toBeVisible({ timeout: 60_000 });

    await window.getByRole('button', { name: 'Details of Long Course' }).click();
    const detail = window.getByRole('dialog', { name: 'Job Long Course' });
    await expect(detail.getByRole('list', { name: 'Lessons' }).getByRole('listitem')).toHaveCount(40);
    await expect(detail.getByRole('list', { name: 'Lessons' })).not.toContainText('Waiting');
    await expect(detail.getByLabel('Log')).toContainText('resuming from its checkpoints');
    await expect(detail.getByLabel('Log')).toContainText('finished:');
    await snap(window, 'quit-03-finished-after-relaunch');
  } finally {
    await closeApp(second);
  }
});
