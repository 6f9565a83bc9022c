import { timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import type { FluentProService } from '../../core/api/fluentpro-service.js';
import { toApiError } from '../../core/api/app-core.js';
import { isApiMethod, parseApiArgs } from '../../shared/api-schemas.js';
import type { ApiMethod } from '../../shared/api.js';
import { SCHEDULE_ERROR_FIELDS } from '../../shared/schedules.js';

const BODY_LIMIT = 8 * 1024 * 1024;
const STATUS_BY_CODE: Record<string, number> = {
  INVALID_INPUT: 400,
  JOB_NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  NO_OUTPUT: 409,
  // A finished job whose course folder was moved, deleted or broken by hand.
  NOT_A_COURSE: 409,
  // Changing a lesson: no such lesson, an edit the schema refuses (with its field), nothing to undo, another change being saved.
  LESSON_NOT_FOUND: 404,
  INVALID_LESSON_EDIT: 422,
  NOTHING_TO_UNDO: 409,
  COURSE_BUSY: 409,
  // A PDF export with no Chromium on this machine.
  CHROMIUM_NOT_FOUND: 501,
  // A PDF whose text no installed font can draw (the message names the font package): the machine lacks it.
  MISSING_GLYPHS: 501,
  NOT_SUPPORTED: 501,
  // A clip the course's audio/clips.json does not name (or the disk lacks): nothing else is served.
  CLIP_NOT_FOUND: 404,
  UNAUTHORIZED: 401,
  SCHEDULE_NOT_FOUND: 404,
  NAME_TAKEN: 409,
  // A schedule described wrongly: the code names the field (SCHEDULE_ERROR_FIELDS).
  ...Object.fromEntries(Object.keys(SCHEDULE_ERROR_FIELDS).filter((code) => code !== 'NAME_TAKEN').map((code) => [code, 422])),
};
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.ico': 'image/x-icon' };
// The same policy as the app's window: own scripts and styles only, API calls and clips from this origin.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
/** GET /api/course-audio/<jobId>/<file>: a clip of a finished course, for the viewer's <audio>. */
const CLIP_ROUTE = /^\/api\/course-audio\/([^/]+)\/([^/]+)$/;

export interface HttpApiOptions {
  service: FluentProService;
  token: string;
  rendererDir: string;
  /** Host headers accepted ("127.0.0.1:4711", "localhost:4711"): refuses DNS-rebinding pages. */
  allowedHosts: () => string[];
}

/**
 * The request handler of `fluentpro serve`: static renderer files, POST /api/<method> with a
 * JSON array of arguments, and GET /api/events as Server-Sent Events. Every API request carries
 * the token (Authorization: Bearer, or ?token= for EventSource and <audio>, which cannot set
 * headers). GET /api/course-audio/<jobId>/<file> plays a course's clip.
 */
export function createHttpApi(options: HttpApiOptions) {
  const expected = Buffer.from(options.token);
  const authorized = (req: IncomingMessage, url: URL) => {
    const header = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const given = Buffer.from(header ?? url.searchParams.get('token') ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      await handle(req, res);
    } catch (error) {
      // A malformed URL or a dropped connection must never take the server down.
      if (!res.headersSent) sendError(res, 400, { name: 'BadRequest', message: (error as Error).message, code: 'BAD_REQUEST' });
      else res.destroy();
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!options.allowedHosts().includes(req.headers.host ?? '')) return sendError(res, 403, { name: 'Forbidden', message: 'unknown Host header', code: 'FORBIDDEN' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (!authorized(req, url)) return sendError(res, 401, { name: 'Unauthorized', message: 'missing or wrong token: open the URL that "fluentpro serve" printed', code: 'UNAUTHORIZED' });
      if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(options.service, req, res);
      const clip = CLIP_ROUTE.exec(url.pathname);
      if (clip && (req.method === 'GET' || req.method === 'HEAD')) return sendClip(options.service, decodeURIComponent(clip[1]!), decodeURIComponent(clip[2]!), req, res);
      const method = url.pathname.slice('/api/'.length);
      if (req.method !== 'POST' || !isApiMethod(method)) return sendError(res, 404, { name: 'NotFound', message: `no API method ${method}`, code: 'NOT_FOUND' });
      return callMethod(options.service, method, req, res);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { name: 'MethodNotAllowed', message: 'method not allowed', code: 'METHOD_NOT_ALLOWED' });
    return serveStatic(options.rendererDir, url.pathname, res);
  }
}

async function callMethod(service: FluentProService, method: ApiMethod, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let args: unknown[];
  try {
    args = parseApiArgs(method, JSON.parse(await readBody(req)));
  } catch (error) {
    const e = toApiError(error);
    return sendError(res, 400, e.code === 'INTERNAL' ? { name: 'InvalidInputError', message: `${method}: the body must be a JSON array of arguments (${e.message})`, code: 'INVALID_INPUT' } : e);
  }
  try {
    const result = await (service[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    sendJson(res, 200, { result: result ?? null });
  } catch (error) {
    const e = toApiError(error);
    sendError(res, STATUS_BY_CODE[e.code] ?? 500, e);
  }
}

/** A clip's MP3 as a whole (a few kilobytes: the media element needs no ranges), or CLIP_NOT_FOUND. */
async function sendClip(service: FluentProService, jobId: string, file: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await service.courses.readClip(jobId, file);
  } catch (error) {
    const e = toApiError(error);
    return sendError(res, STATUS_BY_CODE[e.code] ?? 500, e);
  }
  res.writeHead(200, {
    'content-type': 'audio/mpeg',
    'content-length': bytes.byteLength,
    'x-content-type-options': 'nosniff',
    // A clip's name is a hash of what makes its sound: the same name never holds other audio.
    'cache-control': 'private, max-age=86400, immutable',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function streamEvents(service: FluentProService, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(': connected\n\n');
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const offChanged = service.onDidChangeJobs((jobs) => send('jobsChanged', jobs));
  const offRemoved = service.onDidRemoveJobs((ids) => send('jobsRemoved', ids));
  const offSchedules = service.schedules.onDidChangeSchedules((schedules) => send('schedulesChanged', schedules));
  const offPause = service.schedules.onDidChangeQueuePause((pause) => send('queuePauseChanged', pause));
  const offCourse = service.lessons.onDidChangeCourse((change) => send('courseChanged', change));
  // A comment now and then keeps proxies and the browser from closing an idle stream.
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
  req.on('close', () => {
    offChanged();
    offRemoved();
    offSchedules();
    offPause();
    offCourse();
    clearInterval(keepAlive);
  });
}

async function serveStatic(rootDir: string, pathname: string, res: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  const file = join(rootDir, relative === '' ? 'index.html' : relative);
  if (!file.startsWith(rootDir + sep) && file !== rootDir) return sendError(res, 404, { name: 'NotFound', message: 'not found', code: 'NOT_FOUND' });
  let target = file;
  try {
    if (!(await stat(target)).isFile()) target = join(rootDir, 'index.html');
  } catch {
    target = join(rootDir, 'index.html'); // client-side routes fall back to the app
  }
  try {
    await stat(target);
  } catch {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('The FluentPro interface is not built: run "npm run build" and start "fluentpro serve" again.\n');
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  createReadStream(target).pipe(res);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(new Error('the request is larger than 8 MiB'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, error: { name: string; message: string; code: string; field?: string }): void {
  sendJson(res, status, { error });
}
