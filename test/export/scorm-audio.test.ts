import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../electron/core/export/formats.js';
import { SCORM_AUDIO_FOLDER, exportScorm } from '../../electron/core/export/scorm.js';
import { courseFolderWithAudio } from './audio-fixtures.js';
import { CHROMIUM, trickyCourse } from './export-fixtures.js';
import { child, elements, parseXml } from './xml-reader.js';

// The SCORM package of a course with clips: the MP3s inside it and listed in imsmanifest.xml,
// and a play button beside each spoken text that, in Chromium, plays that text's clip.

/** The ADL SCORM 1.2 schemas (FIELD-NOTES: `../shared/scorm12-xsd/` beside the project), looked for upward from here. */
const XSD = [1, 2, 3, 4].map((up) => resolve(__dirname, '../'.repeat(up), 'shared/scorm12-xsd/adlcp_rootv1p2.xsd')).find((p) => existsSync(p));
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

const course = trickyCourse();
// The first lesson's second dialogue line has no clip (as a text the engine could not say).
const unspoken = '/lessons/0/dialogue/lines/1/line';
const fixture = courseFolderWithAudio(course, [unspoken]);

describe('scorm export with the course’s audio: the package', () => {
  it('carries every clip under audio/, byte for byte, and lists each in the SCO’s resource', async () => {
    const { audio } = await fixture;
    const files = unzipSync((await EXPORT_FORMATS.scorm.export(course, { audio })) as Uint8Array);
    const resource = child(child(parseXml(strFromU8(files['imsmanifest.xml']!)), 'resources'), 'resource');
    const listed = elements(resource, 'file').map((f) => f.attributes.href!);
    expect(listed.sort()).toEqual(Object.keys(files).filter((f) => f !== 'imsmanifest.xml').sort());
    const clips = listed.filter((f) => f.startsWith(`${SCORM_AUDIO_FOLDER}/`));
    expect(clips.length).toBe(audio.files.size);
    for (const [file, bytes] of audio.files) expect(Buffer.from(files[`${SCORM_AUDIO_FOLDER}/${file}`]!).equals(Buffer.from(bytes))).toBe(true);
  });

  it('gives each spoken text with a clip a play button and its <audio>, none to a text without one', async () => {
    const { audio, manifest } = await fixture;
    const html = strFromU8(unzipSync(exportScorm(course, audio))['index.html']!);
    const buttons = [...html.matchAll(/data-fp-action="play-audio" aria-controls="([^"]+)"/g)].map((m) => m[1]);
    expect(buttons.length).toBe(Object.keys(manifest.clips).length);
    for (const [pointer, { file }] of Object.entries(manifest.clips)) {
      const id = `fp-clip${pointer.replace(/\//g, '-')}`;
      expect(buttons).toContain(id);
      expect(html).toContain(`<audio id="${id}" data-fp-clip preload="none" src="audio/${file}"></audio>`);
    }
    expect(html).not.toContain(`fp-clip${unspoken.replace(/\//g, '-')}`);
    // The page may play its own files and nothing else.
    expect(html).toContain('media-src &#39;self&#39;');
  });

  it.skipIf(!hasXmllint || !XSD)('has a manifest the ADL SCORM 1.2 schemas accept (skipped without xmllint or ../shared/scorm12-xsd)', async () => {
    const { audio } = await fixture;
    const dir = mkdtempSync(join(tmpdir(), 'fp-scorm-xsd-'));
    writeFileSync(join(dir, 'imsmanifest.xml'), unzipSync(exportScorm(course, audio))['imsmanifest.xml']!);
    expect(() => execFileSync('xmllint', ['--noout', '--schema', XSD!, join(dir, 'imsmanifest.xml')], { stdio: 'pipe' })).not.toThrow();
  });

  it('without audio, is the package of before: no audio/ folder, no play button', () => {
    const files = unzipSync(exportScorm(course));
    expect(Object.keys(files).sort()).toEqual(['course.css', 'imsmanifest.xml', 'index.html', 'scorm-player.js']);
    expect(strFromU8(files['index.html']!)).not.toMatch(/play-audio|<audio|media-src/);
  });
});

function serve(files: Record<string, Uint8Array>): Promise<Server> {
  const types: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript', css: 'text/css', mp3: 'audio/mpeg' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
    if (path === 'favicon.ico') return void res.writeHead(204).end();
    const body = files[path];
    if (!body) return void res.writeHead(404).end(`not in the package: ${path}`);
    res.writeHead(200, { 'content-type': types[req.url!.split('.').pop()!] ?? 'application/octet-stream', 'content-length': body.byteLength }).end(Buffer.from(body));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

describe.skipIf(!existsSync(CHROMIUM))(`scorm export with audio, played in Chromium (skipped: needs ${CHROMIUM})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    // No user gesture rule in a test browser: what is checked is that the button plays the right file.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('plays the clip of the term, the example and the line whose button is clicked, one at a time, from the package', async () => {
    const { audio, manifest } = await fixture;
    const server = await serve(unzipSync(exportScorm(course, audio)));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await page.goto(`${base}/index.html`);
      await page.waitForSelector('html[data-fp-lms]');
      // A page at a time: "Next" until the first lesson shows.
      while (!(await page.locator('[data-fp-lesson="1"]').isVisible())) await page.locator('.fp-scorm-nav button', { hasText: 'Next' }).click();
      // preload="none": nothing is fetched before a button is pressed.
      expect(requested.filter((p) => p.endsWith('.mp3'))).toEqual([]);
      const state = (id: string) =>
        page.evaluate((id) => {
          const a = document.getElementById(id) as HTMLAudioElement;
          return { src: a.currentSrc, paused: a.paused, time: a.currentTime, error: a.error?.code ?? null };
        }, id);
      let previous: string | undefined;
      for (const pointer of ['/lessons/0/vocabulary/0/term', '/lessons/0/vocabulary/1/example', '/lessons/0/dialogue/lines/0/line']) {
        const id = `fp-clip${pointer.replace(/\//g, '-')}`;
        await page.locator(`[aria-controls="${id}"]`).click();
        await expect.poll(() => state(id).then((s) => !s.paused && s.time > 0), { timeout: 10_000 }).toBe(true);
        const s = await state(id);
        expect(s.src).toBe(`${base}/audio/${manifest.clips[pointer]!.file}`);
        expect(s.error).toBeNull();
        // Starting a clip stops the one before.
        if (previous) expect((await state(previous)).paused).toBe(true);
        previous = id;
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await new Promise((r) => server.close(r));
    }
  });
});
