import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    // Explicit, so Playwright specs (test/e2e/*.spec.ts) are never picked up by Vitest.
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    // No audio unless a test asks for it: espeak-ng is the default speech engine where it is
    // installed, and speaking every course the suite generates would slow every test that does.
    env: { FLUENTPRO_SPEECH: 'none' },
    hookTimeout: 30_000,
  },
});
