import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeElectron, type FakeElectron } from './fake-electron.js';

// `npm run dev` loads the page from Vite's dev server: only unpackaged, only on loopback, and only
// that origin may call the API besides app://fluentpro.

const fakeReady = vi.hoisted(async () => (await import('./fake-electron.js')).createFakeElectron());
vi.mock('electron', async () => await fakeReady);
let fake: FakeElectron;

beforeEach(async () => {
  fake = await fakeReady;
  resetFakeElectron(fake);
  vi.resetModules();
});

describe('the development page', () => {
  it('is the dev server on loopback, for an app that is not packaged, and never anything else', async () => {
    const { devServerUrl } = await import('../../electron/main/main-window.js');
    expect(devServerUrl({ FLUENTPRO_DEV_SERVER_URL: 'http://127.0.0.1:5173' }, false)).toBe('http://127.0.0.1:5173/');
    expect(devServerUrl({ FLUENTPRO_DEV_SERVER_URL: 'http://127.0.0.1:5173' }, true)).toBeUndefined(); // packaged
    expect(devServerUrl({ FLUENTPRO_DEV_SERVER_URL: 'http://evil.example:5173' }, false)).toBeUndefined();
    expect(devServerUrl({ FLUENTPRO_DEV_SERVER_URL: 'file:///tmp/x.html' }, false)).toBeUndefined();
    expect(devServerUrl({}, false)).toBeUndefined();
  });

  it('lets only that origin call the API, besides app://fluentpro', async () => {
    vi.stubEnv('FLUENTPRO_DEV_SERVER_URL', 'http://127.0.0.1:5173');
    try {
      const { isAppUrl } = await import('../../electron/main/main-window.js');
      expect(isAppUrl('app://fluentpro/index.html')).toBe(true);
      expect(isAppUrl('http://127.0.0.1:5173/index.html')).toBe(true);
      expect(isAppUrl('http://127.0.0.1:5174/')).toBe(false);
      expect(isAppUrl('https://example.com/')).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
    const { isAppUrl } = await import('../../electron/main/main-window.js');
    expect(isAppUrl('http://127.0.0.1:5173/index.html')).toBe(false); // without npm run dev
  });

  it('loads the dev server page when npm run dev set it', async () => {
    vi.stubEnv('FLUENTPRO_DEV_SERVER_URL', 'http://127.0.0.1:5173');
    try {
      const { createMainWindow } = await import('../../electron/main/main-window.js');
      const window = createMainWindow({ preload: '/x/preload.cjs' }) as unknown as { loadURL: { mock: { calls: unknown[][] } } };
      expect(window.loadURL.mock.calls[0]![0]).toBe('http://127.0.0.1:5173/');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
