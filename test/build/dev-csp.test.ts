import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer } from 'vite';

// The renderer's CSP: strict in the built page the app and serve load; loosened only by Vite's dev
// server (npm run dev), which needs inline refresh code and a WebSocket.

const root = join(import.meta.dirname, '..', '..');
const csp = (html: string) => /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';

describe('the content security policy', () => {
  it('is strict in the built page: no inline script or style, no other origin', () => {
    const built = csp(readFileSync(join(root, 'dist', 'renderer', 'index.html'), 'utf8'));
    expect(built).toContain("script-src 'self';");
    expect(built).toContain("style-src 'self';");
    expect(built).not.toContain('unsafe-inline');
    expect(built).not.toContain('ws:');
  });

  it('is loosened by the dev server alone, for hot reload', async () => {
    const server = await createServer({ configFile: join(root, 'vite.config.ts'), server: { port: 0, strictPort: false }, logLevel: 'silent' });
    try {
      const html = await server.transformIndexHtml('/', readFileSync(join(root, 'renderer', 'index.html'), 'utf8'));
      expect(csp(html)).toContain("script-src 'self' 'unsafe-inline'");
      expect(csp(html)).toContain('ws://127.0.0.1:*');
    } finally {
      await server.close();
    }
  });
});
