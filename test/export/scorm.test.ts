import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../../electron/core/export/formats.js';
import { MASTERY_SCORE, exportScorm } from '../../electron/core/export/scorm.js';
import { scormPlayerJs } from '../../electron/core/export/scorm-player.js';
import type { Course } from '../../electron/core/course/course-schema.js';
import { CHROMIUM, demoCourse, trickyCourse } from './export-fixtures.js';
import { child, elements, parseXml, textOf } from './xml-reader.js';

function unzip(pkg: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(pkg)).map(([name, data]) => [name, strFromU8(data)]));
}

describe('scorm export: the package', () => {
  const files = unzip(exportScorm(demoCourse(3)));
  const manifest = parseXml(files['imsmanifest.xml']!);

  it('has a SCORM 1.2 manifest with one organization, one item and one SCO', () => {
    expect(manifest.name).toBe('manifest');
    expect(manifest.attributes.xmlns).toBe('http://www.imsproject.org/xsd/imscp_rootv1p1p2');
    expect(manifest.attributes['xmlns:adlcp']).toBe('http://www.adlnet.org/xsd/adlcp_rootv1p2');
    const metadata = child(manifest, 'metadata');
    expect([textOf(child(metadata, 'schema')), textOf(child(metadata, 'schemaversion'))]).toEqual(['ADL SCORM', '1.2']);
    const organizations = child(manifest, 'organizations');
    const organization = child(organizations, 'organization');
    expect(organizations.attributes.default).toBe(organization.attributes.identifier);
    const items = elements(organization, 'item');
    expect(items.length).toBe(1);
    expect(textOf(child(items[0]!, 'adlcp:masteryscore'))).toBe(String(MASTERY_SCORE));
    const resources = elements(child(manifest, 'resources'), 'resource');
    expect(resources.length).toBe(1);
    expect(resources[0]!.attributes).toMatchObject({ identifier: items[0]!.attributes.identifierref, type: 'webcontent', 'adlcp:scormtype': 'sco', href: 'index.html' });
  });

  it('lists every file it bundles and bundles every file it lists; nothing comes from the network', () => {
    const resource = child(child(manifest, 'resources'), 'resource');
    const listed = elements(resource, 'file').map((f) => f.attributes.href!);
    expect(listed.sort()).toEqual(Object.keys(files).filter((f) => f !== 'imsmanifest.xml').sort());
    expect(listed).toContain(resource.attributes.href);
    for (const [name, text] of Object.entries(files)) {
      if (name === 'imsmanifest.xml') continue;
      expect(text, name).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
      expect(text, name).not.toMatch(/url\(\s*['"]?https?:/);
    }
    // The page's script and stylesheet are files the manifest lists, never inline.
    expect(files['index.html']).toContain('<script src="scorm-player.js" defer></script>');
    expect(files['index.html']).toContain('<link rel="stylesheet" href="course.css">');
    expect(files['index.html']).not.toMatch(/<script>|<style>|\son[a-z]+=/);
  });

  it('uses SCORM 1.2 data elements only, never SCORM 2004’s', () => {
    const js = files['scorm-player.js']!;
    for (const element of ['cmi.core.score.raw', 'cmi.core.score.min', 'cmi.core.score.max', 'cmi.core.lesson_status', 'LMSInitialize', 'LMSCommit', 'LMSFinish']) expect(js).toContain(element);
    for (const v2004 of ['API_1484_11', 'cmi.completion_status', 'cmi.success_status', 'cmi.score.scaled', 'cmi.location', 'Initialize(', 'Terminate(']) expect(js.replace(/LMSInitialize\(/g, '')).not.toContain(v2004);
  });

  it('carries the manifest’s mastery score in the player, for an LMS that does not pass it on', () => {
    expect(files['scorm-player.js']).toContain(`var MANIFEST_MASTERY_SCORE = ${MASTERY_SCORE};`);
    expect(scormPlayerJs(72.5)).toContain('var MANIFEST_MASTERY_SCORE = 72.5;');
    expect(() => scormPlayerJs(120)).toThrow('Expected `masteryScore` to be a number from 0 to 100, got `120`');
    expect(() => scormPlayerJs(Number.NaN)).toThrow(TypeError);
  });

  it('is the registry’s scorm format', async () => {
    expect(Object.keys(unzip((await EXPORT_FORMATS.scorm.export(demoCourse(1))) as Uint8Array)).sort()).toEqual(['course.css', 'imsmanifest.xml', 'index.html', 'scorm-player.js']);
  });
});

// ---- Playing the SCO in Chromium against a recording SCORM 1.2 API ---------------------------

/** The LMS: a page whose window.API records every call and answers like a SCORM 1.2 LMS, with the SCO in an iframe. */
const LMS_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>LMS</title><script src="/lms.js"></script></head><body><iframe id="sco" src="/sco/index.html" width="1000" height="700"></iframe></body></html>`;
const LMS_JS = `
window.calls = [];
window.cmi = { 'cmi.core.lesson_status': 'not attempted', 'cmi.student_data.mastery_score': '${MASTERY_SCORE}', 'cmi.core.suspend_data': '', 'cmi.core.lesson_location': '' };
// A test hands the data of an earlier attempt in the URL's fragment.
if (location.hash.length > 1) Object.assign(window.cmi, JSON.parse(decodeURIComponent(location.hash.slice(1))));
function record(name, args, result) { window.calls.push([name].concat(Array.prototype.slice.call(args))); return result; }
window.API = {
  LMSInitialize: function () { return record('LMSInitialize', arguments, 'true'); },
  LMSFinish: function () { return record('LMSFinish', arguments, 'true'); },
  LMSGetValue: function (k) { return record('LMSGetValue', arguments, window.cmi[k] === undefined ? '' : window.cmi[k]); },
  LMSSetValue: function (k, v) { window.cmi[k] = v; return record('LMSSetValue', arguments, 'true'); },
  LMSCommit: function () { return record('LMSCommit', arguments, 'true'); },
  LMSGetLastError: function () { return '0'; },
  LMSGetErrorString: function () { return ''; },
  LMSGetDiagnostic: function () { return ''; },
};`;

function serve(files: Record<string, string>): Promise<Server> {
  const types: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css', xml: 'application/xml' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const body = path === '/' ? LMS_PAGE : path === '/lms.js' ? LMS_JS : path.startsWith('/sco/') ? files[path.slice(5)] : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': `${types[path.split('.').pop() ?? 'html'] ?? 'text/html'}; charset=utf-8` }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

type Call = [string, ...string[]];

describe.skipIf(!existsSync(CHROMIUM))(`scorm export: the SCO played in Chromium (skipped: needs ${CHROMIUM}; .ci/run installs it)`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(course: Course, cmi: Record<string, string> = {}): Promise<{ page: Page; sco: Frame; close: () => Promise<void> }> {
    const server = await serve(unzip(exportScorm(course)));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/#${encodeURIComponent(JSON.stringify(cmi))}`);
    const sco = page.frame({ url: /\/sco\/index\.html$/ })!;
    await sco.waitForSelector('html[data-fp-lms="connected"]');
    return {
      page,
      sco,
      close: async () => {
        expect(errors).toEqual([]);
        await page.close();
        await new Promise((r) => server.close(r));
      },
    };
  }

  const calls = (page: Page) => page.evaluate(() => (window as unknown as { calls: Call[] }).calls);
  const sets = (all: Call[], key: string) => all.filter((c) => c[0] === 'LMSSetValue' && c[1] === key).map((c) => c[2]);

  /** Answers the course's questions in order (the first `count`); `right(i)` says which to answer correctly. */
  async function answer(sco: Frame, course: Course, right: (i: number) => boolean, count = Infinity) {
    const questions = course.lessons.flatMap((l) => (l.quiz ?? []).map((q, i) => ({ lesson: l.number, id: `${l.number}-${i + 1}`, q })));
    for (const [i, { lesson, id, q }] of questions.entries()) {
      if (i >= count) break;
      // A lesson at a time: "Next" until the question's lesson shows.
      while (!(await sco.locator(`[data-fp-lesson="${lesson}"]`).isVisible())) await sco.locator('.fp-scorm-nav button', { hasText: 'Next' }).click();
      const option = right(i) ? q.answerIndex : (q.answerIndex + 1) % q.options.length;
      await sco.locator(`[data-fp-question="${id}"] [data-fp-option="${option}"]`).click();
      await expect.poll(() => sco.locator(`[data-fp-question="${id}"] [data-fp-explanation]`).isVisible()).toBe(true);
    }
  }

  it('initializes, marks a first launch incomplete, and on finishing the quiz reports score 0–100 with min/max and passed', async () => {
    const course = trickyCourse();
    const { page, sco, close } = await open(course);
    let all = await calls(page);
    expect(all[0]).toEqual(['LMSInitialize', '']);
    expect(sets(all, 'cmi.core.lesson_status')).toEqual(['incomplete']);
    await answer(sco, course, () => true);
    all = await calls(page);
    expect(sets(all, 'cmi.core.score.raw')).toEqual(['100']);
    expect(sets(all, 'cmi.core.score.min')).toEqual(['0']);
    expect(sets(all, 'cmi.core.score.max')).toEqual(['100']);
    expect(sets(all, 'cmi.core.lesson_status')).toEqual(['incomplete', 'passed']);
    const statusAt = all.findIndex((c) => c[1] === 'cmi.core.lesson_status' && c[2] === 'passed');
    expect(all.slice(statusAt).some((c) => c[0] === 'LMSCommit')).toBe(true);
    // The learner sees the lesson's score too.
    expect(await sco.locator('[data-fp-quiz="2"] [data-fp-score]').textContent()).toBe('Score: 2 of 2');
    // Leaving: LMSFinish (which persists everything set, SCORM 1.2 RTE 3.4.3.2; no LMSCommit during
    // page dismissal), and no status written on the way out.
    await sco.evaluate(() => window.location.assign('about:blank'));
    await expect.poll(async () => (await calls(page)).some((c) => c[0] === 'LMSFinish')).toBe(true);
    all = await calls(page);
    const finishAt = all.findIndex((c) => c[0] === 'LMSFinish');
    expect(all.slice(finishAt - 3, finishAt).map((c) => c[1])).toEqual(['cmi.core.lesson_location', 'cmi.core.session_time', 'cmi.core.exit']);
    expect(all.filter((c) => c[0] === 'LMSFinish').length).toBe(1);
    expect(sets(all, 'cmi.core.lesson_status')).toEqual(['incomplete', 'passed']);
    await close();
  });

  it('reports a score below mastery as failed, with at most two decimals', async () => {
    const base = trickyCourse();
    // Three questions, two right: 66.67.
    const course = { ...base, lessons: [base.lessons[0]!, { ...base.lessons[1]!, quiz: base.lessons[1]!.quiz!.slice(0, 1) }] };
    const { page, sco, close } = await open(course);
    await answer(sco, course, (i) => i !== 1);
    const all = await calls(page);
    expect(sets(all, 'cmi.core.score.raw')).toEqual(['66.67']);
    expect(sets(all, 'cmi.core.lesson_status')).toEqual(['incomplete', 'failed']);
    await close();
  });

  it('never reports a status for an unfinished quiz: on unload it saves the answers, exits "suspend" and finishes', async () => {
    const course = trickyCourse();
    const { page, sco, close } = await open(course);
    await answer(sco, course, () => true, 2);
    await sco.evaluate(() => window.location.assign('about:blank'));
    await expect.poll(async () => (await calls(page)).some((c) => c[0] === 'LMSFinish')).toBe(true);
    const all = await calls(page);
    expect(sets(all, 'cmi.core.lesson_status')).toEqual(['incomplete']);
    expect(sets(all, 'cmi.core.score.raw')).toEqual([]);
    expect(sets(all, 'cmi.core.exit')).toEqual(['suspend']);
    expect(sets(all, 'cmi.core.suspend_data').at(-1)).toBe('fp1:10--');
    expect(sets(all, 'cmi.core.session_time')[0]).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    expect(all.at(-2)!.slice(0, 3)).toEqual(['LMSSetValue', 'cmi.core.exit', 'suspend']);
    expect(all.at(-1)).toEqual(['LMSFinish', '']);
    await close();
  });

  it('resumes: a relaunch restores the answers from suspend_data, and finishing the rest reports the whole score', async () => {
    const course = trickyCourse();
    // As the LMS hands back a suspended attempt: two answers (the second wrong), on lesson 2's page.
    const { page, sco: reloaded, close } = await open(course, { 'cmi.core.lesson_status': 'incomplete', 'cmi.core.suspend_data': 'fp1:11--', 'cmi.core.lesson_location': '2' });
    expect(await reloaded.locator('[data-fp-question="1-2"] [data-fp-option="1"]').getAttribute('data-fp-result')).toBe('wrong');
    expect(await reloaded.locator('[data-fp-lesson="2"]').isVisible()).toBe(true);
    await reloaded.locator('[data-fp-question="2-1"] [data-fp-option="1"]').click();
    await reloaded.locator('[data-fp-question="2-2"] [data-fp-option="0"]').click();
    const all = await calls(page);
    expect(sets(all, 'cmi.core.score.raw')).toEqual(['75']);
    expect(sets(all, 'cmi.core.lesson_status')).toEqual(['failed']);
    await close();
  });
});

