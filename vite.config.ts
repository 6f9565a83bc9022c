import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * `npm run dev` only: Vite's dev server injects the React refresh preamble and styles inline and
 * talks to the page over a WebSocket, which the app's CSP forbids. The built page keeps the strict
 * CSP of renderer/index.html; this loosens it for the dev server alone.
 */
function devCsp(): Plugin {
  return {
    name: 'fluentpro-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

// The renderer: built into dist/renderer, loaded by the app from disk (hence the relative base)
// and served by `fluentpro serve`; `npm run dev` serves it with hot reload.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), devCsp()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
});
