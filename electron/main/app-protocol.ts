import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The page's origin: a scheme of our own, so 'self' in the CSP means our files and nothing else on disk. */
export const APP_ORIGIN = 'app://fluentpro';
export const APP_HOME = `${APP_ORIGIN}/index.html`;

/** Where the viewer's <audio> finds a course's clips: app://fluentpro/course-audio/<jobId>/<file> (the preload builds the same URL). */
const CLIP_PATH = /^\/course-audio\/([^/]+)\/([^/]+)$/;

/**
 * Must run before the app is ready. `stream`: <audio> and <video> expect a custom scheme to buffer
 * its answers unless told it streams them (docs/api/protocol.md, registerSchemesAsPrivileged), and
 * the viewer plays clips from it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

/** A clip of a finished course's audio, by job and file name; throws when the course does not name it. */
export type ClipReader = (jobId: string, file: string) => Promise<Uint8Array>;

/**
 * Serves app://fluentpro/<path> from the built renderer folder, and nothing outside it; and
 * app://fluentpro/course-audio/<jobId>/<file> from `readClip` (core's CourseService.readClip, which
 * opens only files the course's audio/clips.json names).
 */
export function serveRenderer(rendererDir: string, readClip?: ClipReader): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const clip = url.host === 'fluentpro' ? CLIP_PATH.exec(url.pathname) : null;
    if (clip) return clipResponse(readClip, decodeURIComponent(clip[1]!), decodeURIComponent(clip[2]!));
    const file = resolveInside(rendererDir, url.host === 'fluentpro' ? decodeURIComponent(url.pathname) : '');
    if (!file) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
}

async function clipResponse(readClip: ClipReader | undefined, jobId: string, file: string): Promise<Response> {
  try {
    if (!readClip) throw new Error('no courses open');
    const bytes = new Uint8Array(await readClip(jobId, file)); // a copy on an ArrayBuffer of its own, as Response's types want
    return new Response(bytes, { headers: { 'content-type': 'audio/mpeg', 'content-length': String(bytes.byteLength), 'x-content-type-options': 'nosniff' } });
  } catch {
    return new Response('not found', { status: 404 });
  }
}

/** The file a request path names inside `root`, or undefined if it would leave it. */
export function resolveInside(root: string, requestPath: string): string | undefined {
  if (!requestPath) return undefined;
  const relative = normalize(requestPath).replace(/^([/\\])+/, '');
  const file = join(root, relative || 'index.html');
  return file.startsWith(root + sep) ? file : undefined;
}
