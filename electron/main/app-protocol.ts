import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The page's origin: a scheme of our own, so 'self' in the CSP means our files and nothing else on disk. */
export const APP_ORIGIN = 'app://fluentpro';
export const APP_HOME = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves app://fluentpro/<path> from the built renderer folder, and nothing outside it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const file = resolveInside(rendererDir, url.host === 'fluentpro' ? decodeURIComponent(url.pathname) : '');
    if (!file) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

/** The file a request path names inside `root`, or undefined if it would leave it. */
export function resolveInside(root: string, requestPath: string): string | undefined {
  if (!requestPath) return undefined;
  const relative = normalize(requestPath).replace(/^([/\\])+/, '');
  const file = join(root, relative || 'index.html');
  return file.startsWith(root + sep) ? file : undefined;
}
