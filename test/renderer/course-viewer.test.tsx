// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeCourse, fakeCourseDetail, fakeLesson } from './course-fixture.js';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

afterEach(cleanup);
// The whole suite runs many files at once: give a busy machine time to render.
configure({ asyncUtilTimeout: 5000 });

/** The app with one finished job whose course the bridge knows; the course opened with Read. */
async function openCourse(course = fakeCourse()) {
  const job = fakeJob({ title: 'Market', state: 'succeeded', lessonsDone: 3, lessonsTotal: 3, outputPath: '/out/market', finishedAt: new Date().toISOString() });
  const bridge = new FakeBridge([job]);
  bridge.courses.set(job.id, fakeCourseDetail(job.id, course));
  renderApp(bridge);
  fireEvent.click(await screen.findByRole('button', { name: 'Read Market' }));
  const viewer = await screen.findByRole('region', { name: `Course ${course.title}` });
  return { bridge, job, viewer };
}

/** The lesson shown: the shared renderer's <section>. */
const text = (el: Element | null | undefined) => el?.textContent ?? '';
const visible = (el: Element | null | undefined) => Boolean(el) && !el!.closest('[hidden]');
const shownLesson = (viewer: HTMLElement) => viewer.querySelector<HTMLElement>('.course-lesson section.fp-lesson')!;

describe('the course viewer', () => {
  it('opens a finished course from its row: the lessons with their goals, the totals, the first lesson', async () => {
    const { bridge, job, viewer } = await openCourse();
    expect(bridge.calls).toContainEqual(['getCourse', [job.id]]);
    const list = within(viewer).getByRole('navigation', { name: 'Lessons of the course' });
    expect(within(list).getAllByRole('button', { name: /^\d\. At the market/ })).toHaveLength(3);
    expect(text(within(list).getByRole('list', { name: 'Goals of lesson 2' }))).toContain('Ask for prices 2');
    expect(text(viewer)).toContain('3 lessons · about 60 minutes · 6 terms · 6 exercises · 6 quiz questions');
    expect(text(within(shownLesson(viewer)).getByRole('heading', { level: 2 }))).toContain('At the market 1');
    expect(text(within(shownLesson(viewer)).getByRole('table'))).toContain('manzana 1');
  });

  it('opens it from the job’s details too, and goes back to the jobs', async () => {
    const job = fakeJob({ title: 'Market', state: 'succeeded', lessonsDone: 3, lessonsTotal: 3 });
    const bridge = new FakeBridge([job]);
    bridge.courses.set(job.id, fakeCourseDetail(job.id));
    renderApp(bridge);
    fireEvent.click(await screen.findByRole('button', { name: 'Details of Market' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Read course' }));
    const viewer = await screen.findByRole('region', { name: 'Course Spanish at the Market' });
    fireEvent.click(within(viewer).getByRole('button', { name: '‹ Jobs' }));
    expect(await screen.findByRole('article', { name: 'Market, Finished' })).toBeTruthy();
  });

  it('reveals exercise answers one by one', async () => {
    const { viewer } = await openCourse();
    const lesson = shownLesson(viewer);
    const [first, second] = within(lesson).getAllByRole('button', { name: 'Show answer' });
    const answer = (button: HTMLElement) => document.getElementById(button.getAttribute('aria-controls')!)!;
    expect(visible(answer(first!))).toBe(false);
    fireEvent.click(first!);
    expect(visible(answer(first!))).toBe(true);
    expect(text(answer(first!))).toContain('manzana');
    expect(first!.getAttribute('aria-expanded')).toBe('true');
    expect(text(first)).toContain('Hide answer');
    expect(visible(answer(second!))).toBe(false);
    fireEvent.click(second!);
    expect(text(answer(second!))).toContain('pan');
  });

  it('shows and hides the dialogue’s translations', async () => {
    const { bridge, viewer } = await openCourse();
    // Once the viewer has loaded what it loads after opening (the lesson's history): on a loaded
    // machine the click came before, and the toggle clicked was not the one then shown.
    await waitFor(() => expect(bridge.calls.some(([method]) => method === 'getLessonHistory')).toBe(true));
    const toggle = within(shownLesson(viewer)).getByRole('button', { name: 'Translations' });
    const block = toggle.closest('[data-fp-translations]')!;
    expect((block).getAttribute('data-fp-translations')).toBe('shown');
    fireEvent.click(toggle);
    expect((block).getAttribute('data-fp-translations')).toBe('hidden');
    expect((toggle).getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect((block).getAttribute('data-fp-translations')).toBe('shown');
  });

  it('plays the quiz: right or wrong with the explanation, once per question, and a score at the end', async () => {
    const { viewer } = await openCourse();
    const lesson = shownLesson(viewer);
    const questions = [...lesson.querySelectorAll<HTMLElement>('[data-fp-question]')];
    const score = lesson.querySelector('[data-fp-score]')!;
    fireEvent.click(within(questions[0]!).getByRole('button', { name: 'water' }));
    expect(text(questions[0])).toContain('Not quite: the answer is b) bread.');
    expect(visible(within(questions[0]!).getByText('Pan is bread.'))).toBe(true);
    expect((within(questions[0]!).getByRole('button', { name: 'bread' }) as HTMLButtonElement).disabled).toBe(true);
    expect(visible(score)).toBe(false);
    fireEvent.click(within(questions[0]!).getByRole('button', { name: 'bread' })); // answered already: no second try
    fireEvent.click(within(questions[1]!).getByRole('button', { name: 'apple' }));
    expect(text(questions[1])).toContain('Right.');
    expect(visible(score)).toBe(true);
    expect(text(score)).toContain('Score: 1 of 2');
  });

  it('moves between lessons with the arrow keys, j and k, Home and End, and says which lesson is shown', async () => {
    const { viewer } = await openCourse();
    const title = () => within(shownLesson(viewer)).getByRole('heading', { level: 2 }).textContent;
    const status = within(viewer).getByRole('status', { name: 'Lesson shown' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    await waitFor(() => expect(title()).toBe('At the market 2'));
    expect(text(status)).toContain('Lesson 2 of 3: At the market 2');
    fireEvent.keyDown(window, { key: 'j' });
    await waitFor(() => expect(title()).toBe('At the market 3'));
    fireEvent.keyDown(window, { key: 'ArrowRight' }); // stays on the last
    expect(title()).toBe('At the market 3');
    fireEvent.keyDown(window, { key: 'Home' });
    await waitFor(() => expect(title()).toBe('At the market 1'));
    fireEvent.keyDown(window, { key: 'End' });
    await waitFor(() => expect(title()).toBe('At the market 3'));
    fireEvent.keyDown(window, { key: 'k' });
    await waitFor(() => expect(title()).toBe('At the market 2'));
    fireEvent.keyDown(window, { key: 'ArrowLeft', metaKey: true }); // a shortcut of the browser, not ours
    expect(title()).toBe('At the market 2');
    fireEvent.click(within(viewer).getByRole('button', { name: '‹ Previous' }));
    await waitFor(() => expect(title()).toBe('At the market 1'));
    expect((within(viewer).getByRole('button', { name: '‹ Previous' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows the quality report, and a finding about a lesson opens that lesson', async () => {
    const { viewer } = await openCourse();
    const findings = within(viewer).getByRole('list', { name: 'Findings' });
    expect(text(findings)).toContain('Few lessons reuse earlier terms');
    fireEvent.click(within(findings).getByRole('button', { name: 'Lesson 3: lesson 3: quiz question 2 has no right answer' }));
    await waitFor(() => expect(text(within(shownLesson(viewer)).getByRole('heading', { level: 2 }))).toContain('At the market 3'));
    expect((within(viewer).getByRole('button', { name: '3. At the market 3' })).getAttribute('aria-current')).toBe('page');
  });

  it('keeps model text as text: markup in a lesson is shown, never run', async () => {
    const course = fakeCourse({}, [fakeLesson(1, { title: 'Hola <img src=x onerror="window.pwned=1">', summary: '<script>window.pwned=2</script>' })]);
    const { viewer } = await openCourse(course);
    const lesson = shownLesson(viewer);
    expect(lesson.querySelector('img, script')).toBeNull();
    expect(text(within(lesson).getByRole('heading', { level: 2 }))).toContain('Hola <img src=x onerror="window.pwned=1">');
    expect(text(lesson)).toContain('<script>window.pwned=2</script>');
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('sets lang and dir from the course: right-to-left native language, target text marked with its language', async () => {
    const course = fakeCourse({ title: 'Japanese for Arabic speakers', language: 'Japanese', nativeLanguage: 'Arabic' }, [fakeLesson(1, { title: 'في السوق' })]);
    const { viewer } = await openCourse(course);
    const container = viewer.querySelector('.course-lesson')!;
    expect((container).getAttribute('lang')).toBe('ar');
    expect((container).getAttribute('dir')).toBe('rtl');
    const term = shownLesson(viewer).querySelector('.fp-term')!;
    expect((term).getAttribute('lang')).toBe('ja');
    expect((term).getAttribute('dir')).toBe('ltr');
  });

  it('says why a course cannot be shown', async () => {
    const job = fakeJob({ title: 'Gone', state: 'succeeded', lessonsDone: 1, lessonsTotal: 1 });
    renderApp(new FakeBridge([job]));
    fireEvent.click(await screen.findByRole('button', { name: 'Read Gone' }));
    expect(text(await screen.findByRole('alert'))).toContain(`This course cannot be shown: job ${job.id} has no finished course yet`);
  });
});

describe('exporting from the viewer', () => {
  it('lists every format and says where the file went', async () => {
    const { bridge, job, viewer } = await openCourse();
    fireEvent.click(within(viewer).getByRole('button', { name: 'Export' }));
    const menu = within(viewer).getByRole('menu', { name: 'Export as' });
    expect(within(menu).getAllByRole('menuitem').map((m) => m.textContent)).toEqual([
      'Anki deck (.apkg)',
      'Printable web page (.html)',
      'PDF handout (.pdf), A4',
      'PDF handout (.pdf), US Letter',
      'SCORM 1.2 package (.zip)',
      'Moodle question bank, GIFT (.gift.txt)',
      'Moodle question bank, Moodle XML (.xml)',
    ]);
    fireEvent.click(within(menu).getByRole('menuitem', { name: 'PDF handout (.pdf), US Letter' }));
    expect(await within(viewer).findByText('Saved PDF handout (.pdf), US Letter to /Users/ana/Documents/FluentPro/course/exports/course.pdf')).toBeTruthy();
    expect(bridge.calls).toContainEqual(['exportCourse', [job.id, 'pdf', { pageSize: 'Letter' }]]);
  });

  it('says so when the save dialog was cancelled, and when the export failed', async () => {
    const { bridge, viewer } = await openCourse();
    bridge.exportAnswer = async (_id, format) => ({ format, path: null });
    fireEvent.click(within(viewer).getByRole('button', { name: 'Export' }));
    fireEvent.click(within(viewer).getByRole('menuitem', { name: 'Anki deck (.apkg)' }));
    expect(await within(viewer).findByText('Export cancelled.')).toBeTruthy();
    bridge.exportAnswer = async () => {
      throw Object.assign(new Error('printing a PDF needs Chromium or Google Chrome'), { code: 'CHROMIUM_NOT_FOUND' });
    };
    fireEvent.click(within(viewer).getByRole('button', { name: 'Export' }));
    fireEvent.click(within(viewer).getByRole('menuitem', { name: 'PDF handout (.pdf), A4' }));
    expect(text(await within(viewer).findByRole('alert'))).toContain('PDF handout (.pdf), A4 could not be exported: printing a PDF needs Chromium');
  });

  it('opens the Export menu when File › Export… asks, and says how to open a course when none is', async () => {
    const { bridge, viewer } = await openCourse();
    bridge.emit('exportRequested', null);
    expect(await within(viewer).findByRole('menu', { name: 'Export as' })).toBeTruthy();
    fireEvent.click(within(viewer).getByRole('button', { name: '‹ Jobs' }));
    bridge.emit('exportRequested', null);
    expect(text(await screen.findByRole('alert'))).toContain('To export a course, open it with Read on its finished job');
  });
});
