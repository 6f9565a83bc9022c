import { defineConfig } from '@playwright/test';

// The UI in real Chromium against `fluentpro serve`. Chromium is Debian's (/usr/bin/chromium):
// Playwright's own browser download is not reachable here; .ci/run installs it.
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1200, height: 760 },
    launchOptions: {
      executablePath: process.env.FLUENTPRO_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
  },
});
