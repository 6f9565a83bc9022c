import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

// The real app, through Playwright's Electron driver. It needs macOS and the Electron binary:
// the app targets macOS, and Electron's binary cannot be downloaded on the Linux CI machine, so
// there this test is skipped (and says so). On a Mac: npm start once (it rebuilds better-sqlite3
// for Electron), then npx playwright test test/e2e/electron-app.spec.ts.
test.skip(process.platform !== 'darwin', 'needs macOS and the Electron binary; the Linux CI machine has neither');

test('the app opens its window, queues the example in a utilityProcess and finishes it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fluentpro-app-'));
  // A userData of its own: runs beside an installed FluentPro (its single-instance lock is per userData).
  const app = await electron.launch({ args: ['.', `--user-data-dir=${join(dataDir, 'user-data')}`], env: { ...process.env, FLUENTPRO_DATA_DIR: dataDir, OPENAI_API_KEY: '' } });
  try {
    const window = await app.firstWindow();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined'); // no Node in the page
    expect(await window.evaluate(() => Object.keys((window as unknown as { fluentpro: object }).fluentpro).length)).toBe(15);
    await window.getByRole('button', { name: 'Try an example' }).click();
    await expect(window.getByRole('article', { name: 'Spanish for Travellers, Finished' })).toBeVisible({ timeout: 60_000 });
    await window.screenshot({ path: 'test-results/e2e/electron-finished.png' });
  } finally {
    await app.close();
  }
});

test('a damaged queue database: the person is told where it is and can start with a fresh one, the old kept', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'fluentpro-userdata-'));
  const dataDir = join(userData, 'Data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'queue.sqlite'), 'this is not a database');
  const app = await electron.launch({ args: ['.', `--user-data-dir=${userData}`], env: { ...process.env, OPENAI_API_KEY: '' } });
  try {
    // The native dialog cannot be clicked by Playwright: answer it from the main process.
    await app.evaluate(({ dialog }) => {
      const shown: unknown[] = [];
      (globalThis as { shownDialogs?: unknown[] }).shownDialogs = shown;
      dialog.showMessageBox = (async (options: { message: string; detail?: string; buttons?: string[] }) => {
        shown.push(options);
        return { response: 0, checkboxChecked: false }; // Start with a New Queue
      }) as typeof dialog.showMessageBox;
    });
    // The dialog may already have been shown before the stub: the window appears either way once the fresh queue opens.
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Drop a course spec here' })).toBeVisible({ timeout: 30_000 });
    expect(existsSync(join(dataDir, 'queue.sqlite'))).toBe(true);
    expect(readdirSync(dataDir).some((f) => /^queue-damaged-\d{8}-\d{6}\.sqlite$/.test(f))).toBe(true);
  } finally {
    await app.close();
  }
});
