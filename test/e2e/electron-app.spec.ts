/// <reference lib="dom" />
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { API_METHODS } from '../../electron/shared/api.js';
import {
  appTestsOnly,
  closeApp,
  dropFiles,
  job,
  launchApp,
  mainWindow,
  makeAppDirs,
  openFile,
  ROOT,
  shownDialogs,
  snap,
  spec,
  useSettings,
  writeSpec,
} from './electron-app-fixture.js';

// The real app, through Playwright's Electron driver: what a person sees from the first launch to
// a finished course, with the demo provider. Runs on macOS only (npm run test:app; the CI's macOS
// runners); elsewhere every test here is skipped and says why.
appTestsOnly();

test('the first launch: a locked-down window offering a first course, in demo mode', async () => {
  const dirs = makeAppDirs();
  const app = await launchApp(dirs);
  try {
    const window = await mainWindow(app);
    await expect(window).toHaveTitle('FluentPro');
    await expect(window.getByRole('heading', { name: 'Drop a course spec here' })).toBeVisible();
    await expect(window.getByRole('button', { name: 'Try an example' })).toBeVisible();
    await expect(window.getByText('Demo mode: courses are offline sample content.')).toBeVisible();
    await snap(window, '01-first-launch');

    // No Node in the page: sandboxed, isolated, nothing but window.fluentpro crosses the bridge.
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    const bridge = await window.evaluate(() => Object.keys((window as unknown as { fluentpro: object }).fluentpro));
    expect(bridge.sort()).toEqual([...API_METHODS, 'on', 'pathForFile', 'clipUrl'].sort());

    // One window, shown, on the app's own page (app://fluentpro), not a file:// or a dev server.
    const shown = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => ({ visible: w.isVisible(), title: w.getTitle(), origin: new URL(w.webContents.getURL()).host })));
    expect(shown).toEqual([{ visible: true, title: 'FluentPro', origin: 'fluentpro' }]);
    expect(window.url()).toMatch(/^app:\/\/fluentpro\//);
    // The queue lives in the test's own data folder, never in the person's.
    expect(existsSync(join(dirs.data, 'queue.sqlite'))).toBe(true);
  } finally {
    await closeApp(app);
  }
});

test('a spec dropped on the window: Queued, Running, Finished, then its details and quality report', async () => {
  const dirs = makeAppDirs();
  const app = await launchApp(dirs);
  try {
    const window = await mainWindow(app);
    // One course at a time, one lesson at a time: the second course waits where it can be seen.
    await useSettings(window, { outDir: dirs.out, concurrency: 1, lessonConcurrency: 1 });

    await dropFiles(window, [
      { name: 'first.course.yaml', content: spec('First Course', 8) },
      { name: 'second.course.yaml', content: spec('Second Course', 8) },
      { name: 'broken.course.yaml', content: 'title: Broken\nlanguage: Spanish\nlevel: Z9\nlesons: 3\n' },
    ]);
    // The invalid file is explained by name and stays out of the queue.
    const rejected = window.getByRole('alert', { name: 'Files not added' });
    await expect(rejected).toContainText('broken.course.yaml');
    await expect(rejected).toContainText('did you mean "lessons"?');
    await expect(window.getByRole('article', { name: /^Broken,/ })).toHaveCount(0);

    await expect(job(window, 'First Course', 'Running')).toBeVisible();
    await expect(job(window, 'Second Course', 'Queued')).toBeVisible();
    await expect(window.getByText('1 running · 1 queued · 0 finished')).toBeVisible();
    await snap(window, '02-queued-and-running');

    await expect(job(window, 'Second Course', 'Running')).toBeVisible({ timeout: 30_000 });
    await expect(job(window, 'First Course', 'Finished')).toBeVisible();
    await expect(window.getByRole('progressbar', { name: 'Lessons of Second Course' })).toHaveAttribute('aria-valuenow', /^[1-8]$/, { timeout: 15_000 });
    await snap(window, '03-running');

    await expect(job(window, 'Second Course', 'Finished')).toBeVisible({ timeout: 30_000 });
    await expect(window.getByText('0 running · 0 queued · 2 finished')).toBeVisible();
    await snap(window, '04-finished');
    // Written where Settings said, as a course folder.
    expect(existsSync(join(dirs.out, 'second-course', 'course.json'))).toBe(true);

    await window.getByRole('button', { name: 'Details of Second Course' }).click();
    const detail = window.getByRole('dialog', { name: 'Job Second Course' });
    const lessons = detail.getByRole('list', { name: 'Lessons' });
    await expect(lessons.getByRole('listitem')).toHaveCount(8);
    await expect(lessons).not.toContainText('Waiting');
    const quality = detail.getByRole('region', { name: 'Quality' });
    await expect(quality).toBeVisible();
    await expect(quality).toContainText(/All checks hold|needs? attention/);
    await expect(quality.getByLabel('Quality figures')).toContainText('New terms used in their lesson');
    await expect(quality).toContainText(/Repairs made \(\d+\)/);
    await expect(detail.getByLabel('Log')).toContainText('finished:');
    await snap(window, '05-details');
    await window.keyboard.press('Escape');
    await expect(detail).toHaveCount(0);

    // The course itself, in the viewer (the app's own page, its CSP, the bundled course styles).
    await window.getByRole('button', { name: 'Read Second Course' }).click();
    const viewer = window.getByRole('region', { name: 'Course Second Course' });
    await expect(viewer.getByRole('heading', { name: 'Second Course', level: 2 })).toBeVisible();
    await expect(viewer.getByRole('navigation', { name: 'Lessons of the course' }).getByRole('button', { name: /^1\. / })).toHaveAttribute('aria-current', 'page');
    await snap(window, '06-course');
  } finally {
    await closeApp(app);
  }
});

test('a spec opened from Finder or the Dock (open-file) is queued by path; a bad one is explained', async () => {
  const dirs = makeAppDirs();
  const app = await launchApp(dirs);
  try {
    const window = await mainWindow(app);
    await useSettings(window, { outDir: dirs.out });

    // The same event macOS sends for a double-click in Finder, a drop on the Dock icon or Open With.
    await openFile(app, writeSpec(dirs, 'finder.course.yaml', spec('Finder Course', 3)));
    await expect(job(window, 'Finder Course', /Queued|Running|Finished/)).toBeVisible();
    await expect(job(window, 'Finder Course', 'Finished')).toBeVisible({ timeout: 30_000 });
    expect(existsSync(join(dirs.out, 'finder-course', 'course.json'))).toBe(true);

    // A spec the app refuses: the page shows why, as for a drop (main sends it to the page).
    await openFile(app, writeSpec(dirs, 'typo.course.yaml', 'title: Typo\nlanguage: Spanish\nlevel: Z9\nlessons: 2\n'));
    const rejected = window.getByRole('alert', { name: 'Files not added' });
    await expect(rejected).toContainText('typo.course.yaml');
    await expect(rejected).toContainText('level must be one of A1, A2, B1, B2, C1, C2');
    await expect(window.getByRole('article', { name: /^Typo,/ })).toHaveCount(0);
    await snap(window, '07-open-file');
  } finally {
    await closeApp(app);
  }
});

test('a damaged queue database: the person is told where it is and can start with a fresh one, the old kept', async () => {
  // The dialog comes at start-up, before Playwright could stub it: only a module loaded before
  // the app (development) answers it in time.
  test.skip(Boolean(process.env.FLUENTPRO_APP_PATH), 'the start-up dialog can be answered only in the development app (a module loaded with -r before the app)');
  const dirs = makeAppDirs();
  // The app's own choice of data folder with a userData of its own: <userData>/Data.
  const dataDir = join(dirs.userData, 'Data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'queue.sqlite'), 'this is not a database');
  const app = await launchApp(dirs, { defaultDataDir: true, answers: ['Start with a New Queue'] });
  try {
    const window = await mainWindow(app);
    await expect(window.getByRole('heading', { name: 'Drop a course spec here' })).toBeVisible({ timeout: 30_000 });
    const dialogs = await shownDialogs(app);
    expect(dialogs[0]).toMatchObject({ message: 'FluentPro’s queue database is damaged.', buttons: ['Start with a New Queue', 'Show in Finder', 'Quit'], response: 0 });
    expect(dialogs[0]!.detail).toContain(dataDir);
    // The second start registered nothing twice (Electron throws "Failed to register protocol: app"
    // on a second protocol.handle): no "could not start" dialog follows, and the app stays up.
    expect(dialogs).toHaveLength(1);
    expect(app.process().exitCode).toBeNull();
    expect(existsSync(join(dataDir, 'queue.sqlite'))).toBe(true);
    expect(readdirSync(dataDir).some((f) => /^queue-damaged-\d{8}-\d{6}\.sqlite$/.test(f))).toBe(true);
    await snap(window, '08-fresh-queue');

    // The page and its API work on the new queue: a course is written.
    await useSettings(window, { outDir: dirs.out });
    await dropFiles(window, [{ name: 'after.course.yaml', content: spec('After Recovery', 2) }]);
    await expect(job(window, 'After Recovery', 'Finished')).toBeVisible({ timeout: 60_000 });
  } finally {
    await closeApp(app);
  }
});

test('a worker that cannot load: the job says why, as the worker told it over parentPort', async () => {
  // A worker of the test's own, started by the app as its worker (FLUENTPRO_WORKER_ENTRY, read by
  // the development app only): the real bootstrap, loading a module that does not exist. Electron
  // drops a utility process's stderr on exit, so only its message over parentPort can say why.
  test.skip(Boolean(process.env.FLUENTPRO_APP_PATH), 'a packaged app always starts its own worker');
  const dirs = makeAppDirs();
  const entry = join(dirs.root, 'broken-worker-entry.mjs');
  const bootstrap = pathToFileURL(join(ROOT, 'dist', 'electron', 'worker', 'worker-bootstrap.js')).href;
  writeFileSync(entry, `import { bootstrapWorker } from ${JSON.stringify(bootstrap)};\nvoid bootstrapWorker(() => import('./no-such-worker-module.js'));\n`);
  const app = await launchApp(dirs, { env: { FLUENTPRO_WORKER_ENTRY: entry } });
  try {
    const window = await mainWindow(app);
    await useSettings(window, { outDir: dirs.out });
    await dropFiles(window, [{ name: 'doomed.course.yaml', content: spec('Doomed Course', 2) }]);
    const row = job(window, 'Doomed Course', 'Failed');
    // Three attempts, each a worker that says why and exits.
    await expect(row).toBeVisible({ timeout: 90_000 });
    await expect(row).toContainText('the worker could not start: Cannot find module');
    await expect(row).toContainText('no-such-worker-module.js');
    expect(app.process().exitCode).toBeNull(); // the app is still up
    await snap(window, '09-worker-load-failure');
  } finally {
    await closeApp(app);
  }
});
