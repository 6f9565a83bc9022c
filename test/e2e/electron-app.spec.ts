import { mkdtempSync } from 'node:fs';
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
  const app = await electron.launch({ args: ['.'], env: { ...process.env, FLUENTPRO_DATA_DIR: dataDir, OPENAI_API_KEY: '' } });
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
