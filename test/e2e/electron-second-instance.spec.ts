/// <reference lib="dom" />
import { expect, test } from '@playwright/test';
import { appTestsOnly, closeApp, job, launchApp, launchSecondInstance, mainWindow, makeAppDirs, snap, spec, useSettings, writeSpec } from './electron-app-fixture.js';

// FluentPro runs once: opening it again (`open -a FluentPro spec.course.yaml`, a second
// double-click) hands the files to the running app and exits.
appTestsOnly();

test('a second launch hands its spec file to the first and exits', async () => {
  const dirs = makeAppDirs();
  const app = await launchApp(dirs);
  try {
    const window = await mainWindow(app);
    await useSettings(window, { outDir: dirs.out });
    const path = writeSpec(dirs, 'forwarded.course.yaml', spec('Forwarded Course', 3));

    // The same userData (the single-instance lock is per userData), the spec on the command line.
    // Started without Playwright: it exits before it has a window, which Playwright's launch cannot attach to.
    const exitCode = await launchSecondInstance(dirs, [path]);
    expect(exitCode, 'the second FluentPro quits once it has handed its file over').toBe(0);

    await expect(job(window, 'Forwarded Course', /Queued|Running|Finished/)).toBeVisible();
    await expect(job(window, 'Forwarded Course', 'Finished')).toBeVisible({ timeout: 30_000 });
    // Still one app with one window.
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(app.windows()).toHaveLength(1);
    await snap(window, 'second-instance');
  } finally {
    await closeApp(app);
  }
});
