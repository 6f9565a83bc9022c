import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Course } from '../../electron/core/course/course-schema.js';
import { MASTERY_SCORE, exportScorm } from '../../electron/core/export/scorm.js';
import { CHROMIUM, trickyCourse } from './export-fixtures.js';

// The SCORM package played by a real SCORM 1.2 run-time: scorm-again's Scorm12API
// (github.com/jcputney/scorm-again, the run-time several LMSs embed) as window.API in Chromium,
// committing to this test's server as it would to an LMS's back end (settings.lmsCommitUrl:
// LMSCommit is a synchronous POST of the whole cmi as JSON, LMSFinish a sendBeacon). What the
// server received is what an LMS would have stored, so a crashed tab is judged by it alone.
// scorm.test.ts keeps the recording API, which sees every call in order.

const SCORM12_JS = readFileSync(createRequire(import.meta.url).resolve('scorm-again/scorm12'), 'utf8');

/** The LMS launch page: scorm-again's API, given the learner's data in the URL's fragment, and the SCO in an iframe. */
const LMS_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>LMS</title>
<script src="/scorm-again/scorm12.js"></script>
<script>
  var launch = JSON.parse(decodeURIComponent(location.hash.slice(1) || '{}'));
  // Errors logged (logLevel 4) reach the console, and the tests expect none: a call the run-time
  // refuses, or a commit that fails (as a synchronous XHR does during page dismissal), fails them.
  window.API = new Scorm12API({ lmsCommitUrl: '/commit', logLevel: 4 });
  // What the LMS hands the SCO before it starts (cmi.student_data.mastery_score, an earlier attempt's data).
  window.API.loadFromJSON(launch.cmi || {});
</script></head>
<body><iframe id="sco" src="/sco/index.html" width="1000" height="700"></iframe></body></html>`;

/** The cmi that scorm-again's commit carries (dataCommitFormat "json"). */
interface CommittedCmi {
  core: { lesson_status: string; lesson_location: string; exit?: string; score: { raw: string; min: string; max: string } };
  suspend_data: string;
  student_data?: { mastery_score: string };
}

interface Lms {
  server: Server;
  /** Every commit the LMS's back end received, in order. */
  commits: CommittedCmi[];
  url: string;
}

function startLms(files: Record<string, string>): Promise<Lms> {
  const commits: CommittedCmi[] = [];
  const types: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method === 'POST' && path === '/commit') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { cmi?: CommittedCmi } & CommittedCmi;
        commits.push(parsed.cmi ?? parsed);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: 'true', errorCode: 0 }));
      });
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const body = path === '/' ? LMS_PAGE : path === '/scorm-again/scorm12.js' ? SCORM12_JS : path.startsWith('/sco/') ? files[path.slice(5)] : undefined;
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': `${types[path.split('.').pop() ?? 'html'] ?? 'text/html'}; charset=utf-8` }).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, commits, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })));
}

function unzip(pkg: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(pkg)).map(([name, data]) => [name, strFromU8(data)]));
}

/** A course of four questions (two lessons of two): 3 right is 75 %, below the manifest's 80. */
const course = trickyCourse();
const questions = course.lessons.flatMap((l) => (l.quiz ?? []).map((q, i) => ({ lesson: l.number, id: `${l.number}-${i + 1}`, q })));

describe.skipIf(!existsSync(CHROMIUM))(`scorm export played by scorm-again's SCORM 1.2 run-time in Chromium (skipped: needs ${CHROMIUM}; .ci/run installs it)`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function launch(cmi: Record<string, unknown> = {}): Promise<{ lms: Lms; page: Page; sco: Frame; errors: string[]; close: () => Promise<void> }> {
    const lms = await startLms(unzip(exportScorm(course)));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${lms.url}#${encodeURIComponent(JSON.stringify({ cmi }))}`);
    const sco = page.frame({ url: /\/sco\/index\.html$/ })!;
    await sco.waitForSelector('html[data-fp-lms="connected"]');
    return {
      lms,
      page,
      sco,
      errors,
      close: async () => {
        if (!page.isClosed()) await page.close();
        await new Promise((r) => lms.server.close(r));
      },
    };
  }

  /** Answers question `i` (in course order), right or wrong, going to its lesson's page first. */
  async function answer(sco: Frame, i: number, right: boolean): Promise<void> {
    const { lesson, id, q } = questions[i]!;
    while (!(await sco.locator(`[data-fp-lesson="${lesson}"]`).isVisible())) await sco.locator('.fp-scorm-nav button', { hasText: 'Next' }).click();
    await sco.locator(`[data-fp-question="${id}"] [data-fp-option="${right ? q.answerIndex : (q.answerIndex + 1) % q.options.length}"]`).click();
    await expect.poll(() => sco.locator(`[data-fp-question="${id}"] [data-fp-explanation]`).isVisible()).toBe(true);
  }

  /** Plays the whole quiz, answering right where `right(i)`; then the learner leaves (LMSFinish). */
  async function playAndLeave(cmi: Record<string, unknown>, right: (i: number) => boolean): Promise<{ lms: Lms; page: Page; errors: string[]; close: () => Promise<void> }> {
    const run = await launch(cmi);
    for (let i = 0; i < questions.length; i++) await answer(run.sco, i, right(i));
    const before = run.lms.commits.length;
    await run.sco.evaluate(() => window.location.assign('about:blank'));
    // LMSFinish's commit arrives by sendBeacon.
    await expect.poll(() => run.lms.commits.length).toBeGreaterThan(before);
    return run;
  }

  const last = (lms: Lms) => lms.commits.at(-1)!;

  it('with no mastery score from the LMS, passes at the manifest’s 80 % and fails 75 % (not "completed")', async () => {
    expect(MASTERY_SCORE).toBe(80);
    const allRight = await playAndLeave({}, () => true);
    expect(last(allRight.lms).student_data?.mastery_score ?? '').toBe('');
    expect(last(allRight.lms).core.score.raw).toBe('100');
    expect(last(allRight.lms).core.lesson_status).toBe('passed');
    expect(allRight.errors).toEqual([]);
    expect(allRight.errors).toEqual([]);
    await allRight.close();

    const threeOfFour = await playAndLeave({}, (i) => i !== 2);
    expect(last(threeOfFour.lms).core.score).toMatchObject({ raw: '75', min: '0', max: '100' });
    expect(last(threeOfFour.lms).core.lesson_status).toBe('failed');
    expect(threeOfFour.lms.commits.map((c) => c.core.lesson_status)).not.toContain('completed');
    expect(threeOfFour.errors).toEqual([]);
    await threeOfFour.close();

    const oneOfFour = await playAndLeave({}, (i) => i === 0);
    expect(last(oneOfFour.lms).core.score.raw).toBe('25');
    expect(last(oneOfFour.lms).core.lesson_status).toBe('failed');
    await oneOfFour.close();
  });

  it('with a mastery score from the LMS, judges by it (75 % passes at 70, fails at 80)', async () => {
    const at70 = await playAndLeave({ student_data: { mastery_score: '70' } }, (i) => i !== 2);
    expect(last(at70.lms).student_data?.mastery_score).toBe('70');
    expect(last(at70.lms).core.score.raw).toBe('75');
    expect(last(at70.lms).core.lesson_status).toBe('passed');
    expect(at70.errors).toEqual([]);
    await at70.close();

    const at80 = await playAndLeave({ student_data: { mastery_score: '80' } }, (i) => i !== 2);
    expect(last(at80.lms).core.lesson_status).toBe('failed');
    await at80.close();
  });

  it('commits after each answer, so a tab that crashes mid-quiz keeps its answers and resumes from them', async () => {
    const run = await launch();
    const answered = ['fp1:1---', 'fp1:11--', 'fp1:111-'];
    for (let i = 0; i < answered.length; i++) {
      const before = run.lms.commits.length;
      await answer(run.sco, i, i !== 1);
      // The back end has the answer before the learner does anything else: a commit per answer.
      expect(run.lms.commits.length).toBe(before + 1);
      expect(last(run.lms).suspend_data).toBe(answered[i]);
      expect(last(run.lms).core.lesson_status).toBe('incomplete');
    }
    // The renderer crashes: no pagehide, no unload, no LMSFinish.
    const commitsBeforeCrash = run.lms.commits.length;
    const crashed = new Promise<void>((resolve) => run.page.once('crash', () => resolve()));
    run.page.goto('chrome://crash').catch(() => {});
    await crashed;
    expect(run.lms.commits.length).toBe(commitsBeforeCrash);
    const kept = last(run.lms);
    expect(kept.suspend_data).toBe('fp1:111-');
    expect(kept.core.lesson_location).toBe('2');
    expect(kept.core.lesson_status).toBe('incomplete');
    await run.close();

    // The LMS launches the attempt again with what it stored; the learner answers the last question.
    const again = await launch({ core: { lesson_status: kept.core.lesson_status, lesson_location: kept.core.lesson_location }, suspend_data: kept.suspend_data });
    expect(await again.sco.locator('[data-fp-question="1-2"] [data-fp-option="1"]').getAttribute('data-fp-result')).toBe('wrong');
    expect(await again.sco.locator('[data-fp-lesson="2"]').isVisible()).toBe(true);
    await answer(again.sco, 3, true);
    expect(last(again.lms).core.score.raw).toBe('75');
    expect(last(again.lms).core.lesson_status).toBe('failed');
    await again.close();
  });

  it('never sets "passed" on unload: leaving an unfinished quiz commits the answers with status incomplete and exit suspend', async () => {
    const run = await launch({ student_data: { mastery_score: '50' } });
    await answer(run.sco, 0, true);
    await answer(run.sco, 1, true);
    const before = run.lms.commits.length;
    await run.sco.evaluate(() => window.location.assign('about:blank'));
    await expect.poll(() => run.lms.commits.length).toBeGreaterThan(before);
    const final = last(run.lms);
    expect(final.core.lesson_status).toBe('incomplete');
    expect(final.core.score.raw).toBe('');
    expect(final.core.exit).toBe('suspend');
    expect(final.suspend_data).toBe('fp1:10--');
    expect(run.errors).toEqual([]);
    await run.close();
  });
});
