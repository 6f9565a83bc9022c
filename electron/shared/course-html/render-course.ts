import type { CourseView, DialogueView, ExerciseView, GrammarView, LessonView, QuizQuestionView, ReadingView, VocabularyItemView } from './course-view.js';
import { escapeHtml as e } from './escape.js';
import { langAttributes, languageTag, textDirection } from './language.js';
import { genderMark, readingText, rubyText, usesRuby } from './readings.js';

// The one HTML layout of a course: the app's viewer, the HTML handout, the PDF and the SCORM
// package all show what this writes. Pure string building (no DOM, no Node), so the sandboxed
// renderer can use it as well as the exporters.
//
// No inline script, style or event handler: behaviour is added by whoever shows it, by event
// delegation on the data-fp-* attributes below, and the look comes from course-css.ts.
//   data-fp-action="reveal-answer"        button; aria-controls names the hidden answer (`hidden`)
//   data-fp-action="toggle-translations"  button in a [data-fp-translations="shown"|"hidden"] block
//   data-fp-action="pick-option"          quiz option button, data-fp-option="<index>"
//   [data-fp-question]                    a question, data-fp-correct="<index>"; its
//                                         [data-fp-explanation] and [data-fp-feedback] are hidden
//   [data-fp-quiz]                        a lesson's quiz, with [data-fp-score] (hidden) for the result
//   data-fp-action="play-audio"           button beside a text that has a clip; aria-controls names
//                                         its <audio data-fp-clip preload="none"> (written only when
//                                         RenderOptions.audio is given; the handout, which has no
//                                         script, gets the <audio controls> alone)
//
// Direction: the page runs in the native language's direction and text in the target language
// carries its own lang/dir. Free text the model wrote in either language (quiz questions, options
// and explanations, exercises, the grammar explanation, answer-key lines) gets dir="auto", so the
// browser takes each block's direction from its first strong letter: an Arabic question in an
// English course is right to left, with its quotes and ellipsis on the right side. Blocks (<p>,
// <button>) carry it themselves; text inside a list item goes in a <span dir="auto"> (an isolate),
// so the item's number or letter stays where the list puts it.

/**
 * - `reading`: for the screen; answers hidden behind buttons, the quiz playable, translations toggleable.
 * - `handout`: for print; a page per lesson, no buttons, all answers on an answer key at the end.
 * - `scorm`: the reading layout for an LMS package (the package's script plays the quiz).
 */
export type RenderMode = 'reading' | 'handout' | 'scorm';

export interface RenderOptions {
  mode: RenderMode;
  /** Prefix of every id written, so two renders on one page do not collide. Default `fp-`. */
  idPrefix?: string;
  /**
   * The clip that speaks a text, by the JSON Pointer into course.json that audio/clips.json keys
   * it by ("/lessons/0/vocabulary/2/term"): the `src` of its <audio>, relative to the page, or
   * undefined for a text without one. Absent: no audio anywhere, as before clips existed.
   */
  audio?: (pointer: string) => string | undefined;
}

interface Context {
  course: CourseView;
  mode: RenderMode;
  id: (name: string) => string;
  /** Attributes for text in the target language. */
  target: string;
  /** The direction of the page (the native language's). */
  dir: 'ltr' | 'rtl';
  audio: ((pointer: string) => string | undefined) | undefined;
  /** Japanese and Chinese: a term's reading is ruby text over it. */
  ruby: boolean;
  /** `lang`/`dir` of a reading: the language in the Latin script, left to right (`ar-Latn`). */
  reading: string;
}

const DEMO_NOTE = 'Demo content: written by FluentPro’s offline demo, without an AI model: short built-in lessons for the example specs, marked placeholders for any other. Connect a provider for a course of your own.';

function context(course: CourseView, options: RenderOptions): Context {
  const prefix = options.idPrefix ?? 'fp-';
  const dir = textDirection(languageTag(course.nativeLanguage));
  const tag = languageTag(course.language);
  const reading = tag ? ` lang="${e(tag.split('-')[0]!)}-Latn" dir="ltr"` : ' dir="ltr"';
  return { course, mode: options.mode, id: (name) => `${prefix}${name}`, target: langAttributes(course.language, dir), dir, audio: options.audio, ruby: usesRuby(course.language), reading };
}

/**
 * A term as format 2 shows it: the article before the noun (*der* Markt), the reading as ruby
 * over Japanese and Chinese (`<ruby>市場<rt>いちば</rt></ruby>`); then, after its player, the
 * romanization where ruby did not give it, and a gender mark where no article shows the gender.
 */
function termHtml(c: Context, v: VocabularyItemView): { text: string; after: string } {
  const article = v.article ? `<span class="fp-article">${e(v.article)}</span>${/['’]$/.test(v.article) ? '' : ' '}` : '';
  const ruby = c.ruby && v.reading ? `<ruby>${e(v.term)}<rt>${e(rubyText(v.reading))}</rt></ruby>` : e(v.term);
  // Ruby carries pinyin whole; over Japanese it carries the kana, so the romaji follows.
  const romanization = v.reading && !(c.ruby && rubyText(v.reading) === v.reading.text) ? ` <span class="fp-reading"${c.reading}>${e(v.reading.text)}</span>` : '';
  const gender = v.gender && !v.article ? ` <abbr class="fp-gender" title="${e(v.gender)}">${e(genderMark(v.gender))}</abbr>` : '';
  const pos = v.partOfSpeech ? ` <span class="fp-pos">${e(v.partOfSpeech)}</span>` : '';
  return { text: article + ruby, after: romanization + gender + pos };
}

/** A sentence's reading, after it (kana and romaji for Japanese), or nothing. */
function readingHtml(c: Context, reading: ReadingView | undefined): string {
  return reading ? ` <span class="fp-reading"${c.reading}>${e(readingText(reading))}</span>` : '';
}

/**
 * What plays the text at `pointer`, after it: a play button and its <audio> (played by the page's
 * script), or in a handout, which has no script, the browser's own <audio controls>. Nothing when
 * the text has no clip. preload="none": a page of a hundred clips loads none until one is played.
 */
function player(c: Context, pointer: string, text: string): string {
  const src = c.audio?.(pointer);
  if (!src) return '';
  const label = e(`Play: ${text}`);
  if (c.mode === 'handout') return ` <audio class="fp-clip" controls preload="none" src="${e(src)}" aria-label="${label}"></audio>`;
  const id = c.id(`clip${pointer.replace(/\//g, '-')}`);
  return (
    ` <button type="button" class="fp-play" data-fp-action="play-audio" aria-controls="${e(id)}" aria-label="${label}" title="Play">▶</button>` +
    `<audio id="${e(id)}" data-fp-clip preload="none" src="${e(src)}"></audio>`
  );
}

/** The index of a lesson in course.json's `lessons` (what clip pointers count by). */
function lessonIndex(c: Context, lesson: LessonView): number {
  return c.course.lessons.indexOf(lesson);
}

/** `lang`/`dir` of the native language: for the root element that holds a course or lesson. */
export function nativeLanguageAttributes(course: CourseView): string {
  return langAttributes(course.nativeLanguage);
}

/** The id a lesson's <section> has, for links from a table of contents. */
export function lessonAnchor(lesson: Pick<LessonView, 'number'>, idPrefix = 'fp-'): string {
  return `${idPrefix}lesson-${lesson.number}`;
}

/** The whole course as an <article>: header, table of contents, every lesson and, for a handout, the answer key. */
export function renderCourseHtml(course: CourseView, options: RenderOptions): string {
  const c = context(course, options);
  const parts = [
    `<article class="fp-course fp-mode-${c.mode}"${nativeLanguageAttributes(course)}>`,
    renderCourseHeader(c),
    ...course.lessons.map((lesson) => lessonSection(c, lesson)),
    c.mode === 'handout' ? answerKey(c) : '',
    '</article>',
  ];
  return parts.filter(Boolean).join('\n');
}

/** One lesson as a <section>, for a viewer that shows a lesson at a time. */
export function renderLessonHtml(course: CourseView, lesson: LessonView, options: RenderOptions): string {
  return lessonSection(context(course, options), lesson);
}

/** A handout's answer key (exercise and quiz answers of every lesson) on its own. */
export function renderAnswerKeyHtml(course: CourseView, options: Omit<RenderOptions, 'mode'> = {}): string {
  return answerKey(context(course, { ...options, mode: 'handout' }));
}

export interface DocumentOptions extends RenderOptions {
  /** CSS to put in a <style> element (a self-contained file). */
  inlineCss?: string;
  /** Stylesheet files to link, relative to the page. */
  stylesheets?: readonly string[];
  /** Script files to load (never inline), relative to the page. */
  scripts?: readonly string[];
  /** The page's Content-Security-Policy; default: nothing from the network, inline style only if inlineCss. */
  contentSecurityPolicy?: string;
}

/** A complete HTML document of the course. */
export function renderCourseDocument(course: CourseView, options: DocumentOptions): string {
  const csp =
    options.contentSecurityPolicy ??
    `default-src 'none'; img-src data:; ${options.inlineCss ? "style-src 'unsafe-inline'" : "style-src 'self'"}${options.scripts?.length ? "; script-src 'self'" : ''}${options.audio ? "; media-src 'self'" : ''}`;
  const head = [
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${e(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="FluentPro">`,
    `<title>${e(course.title)}</title>`,
    ...(options.stylesheets ?? []).map((href) => `<link rel="stylesheet" href="${e(href)}">`),
    options.inlineCss ? `<style>\n${options.inlineCss.replace(/<\/style/gi, '<\\/style')}\n</style>` : '',
    ...(options.scripts ?? []).map((src) => `<script src="${e(src)}" defer></script>`),
  ].filter(Boolean);
  const tag = languageTag(course.nativeLanguage);
  const rootAttributes = tag ? ` lang="${tag}" dir="${textDirection(tag)}"` : '';
  return `<!doctype html>\n<html${rootAttributes}>\n<head>\n${head.join('\n')}\n</head>\n<body class="fp-body">\n${renderCourseHtml(course, options)}\n</body>\n</html>\n`;
}

function renderCourseHeader(c: Context): string {
  const { course } = c;
  const meta = `${e(course.language)} for ${e(course.nativeLanguage)} speakers · level ${e(course.level)} · ${course.lessons.length} ${course.lessons.length === 1 ? 'lesson' : 'lessons'} of ${course.lessonMinutes} minutes`;
  const toc = course.lessons
    .map((l) => `<li><a href="#${e(c.id(`lesson-${l.number}`))}"><span class="fp-toc-number">${l.number}.</span> ${e(l.title)}</a></li>`)
    .join('\n');
  return [
    '<header class="fp-course-header">',
    `<h1 class="fp-course-title">${e(course.title)}</h1>`,
    `<p class="fp-meta">${meta}</p>`,
    course.generator.demo ? `<p class="fp-demo-note" role="note">${e(DEMO_NOTE)}</p>` : '',
    `<p class="fp-course-summary">${e(course.summary)}</p>`,
    `<nav class="fp-toc" aria-label="Lessons"><h2 class="fp-toc-title">Lessons</h2><ol>\n${toc}\n</ol></nav>`,
    c.mode === 'handout' ? `<p class="fp-answer-key-note">Answers to the exercises and quizzes are in the answer key at the end.</p>` : '',
    '</header>',
  ]
    .filter(Boolean)
    .join('\n');
}

function lessonSection(c: Context, lesson: LessonView): string {
  const headingId = c.id(`lesson-${lesson.number}-title`);
  const parts = [
    `<section class="fp-lesson" id="${e(c.id(`lesson-${lesson.number}`))}" data-fp-lesson="${lesson.number}" aria-labelledby="${e(headingId)}">`,
    '<header class="fp-lesson-header">',
    `<p class="fp-lesson-number">Lesson ${lesson.number}</p>`,
    `<h2 class="fp-lesson-title" id="${e(headingId)}">${e(lesson.title)}</h2>`,
    `<p class="fp-lesson-summary">${e(lesson.summary)}</p>`,
    lesson.goals.length ? `<div class="fp-goals"><h3>Goals</h3><ul>${lesson.goals.map((g) => `<li>${e(g)}</li>`).join('')}</ul></div>` : '',
    '</header>',
  ];
  for (const section of c.course.sections) {
    if (section === 'vocabulary' && lesson.vocabulary?.length) parts.push(vocabulary(c, lesson, lesson.vocabulary));
    else if (section === 'dialogue' && lesson.dialogue) parts.push(dialogue(c, lesson, lesson.dialogue));
    else if (section === 'grammar' && lesson.grammar) parts.push(grammar(c, lesson, lesson.grammar));
    else if (section === 'exercises' && lesson.exercises?.length) parts.push(exercises(c, lesson, lesson.exercises));
    else if (section === 'quiz' && lesson.quiz?.length) parts.push(quiz(c, lesson, lesson.quiz));
  }
  parts.push('</section>');
  return parts.filter(Boolean).join('\n');
}

function vocabulary(c: Context, lesson: LessonView, items: readonly VocabularyItemView[]): string {
  const at = `/lessons/${lessonIndex(c, lesson)}/vocabulary`;
  const rows = items
    .map(
      (v, i) => {
        const term = termHtml(c, v);
        return (
          `<tr><td class="fp-term"${c.target}>${term.text}${player(c, `${at}/${i}/term`, v.term)}${term.after}</td><td class="fp-meaning">${e(v.translation)}</td>` +
          `<td class="fp-example"><span class="fp-target"${c.target}>${e(v.example)}</span>${player(c, `${at}/${i}/example`, v.example)}${readingHtml(c, v.exampleReading)} <span class="fp-translation">${e(v.exampleTranslation)}</span></td></tr>`
        );
      },
    )
    .join('\n');
  return [
    '<section class="fp-section fp-vocabulary">',
    '<h3>Vocabulary</h3>',
    '<table class="fp-vocabulary-table">',
    `<thead><tr><th scope="col">${e(c.course.language)}</th><th scope="col">${e(c.course.nativeLanguage)}</th><th scope="col">Example</th></tr></thead>`,
    `<tbody>\n${rows}\n</tbody>`,
    '</table>',
    '</section>',
  ].join('\n');
}

function dialogue(c: Context, lesson: LessonView, d: DialogueView): string {
  const interactive = c.mode !== 'handout';
  const at = `/lessons/${lessonIndex(c, lesson)}/dialogue/lines`;
  const lines = d.lines
    .map(
      (l, i) =>
        `<li class="fp-dialogue-line"><span class="fp-speaker">${e(l.speaker)}</span> ` +
        `<span class="fp-line fp-target"${c.target}>${e(l.line)}</span>${player(c, `${at}/${i}/line`, l.line)}${readingHtml(c, l.reading)} <span class="fp-translation">${e(l.translation)}</span></li>`,
    )
    .join('\n');
  return [
    `<section class="fp-section fp-dialogue" id="${e(c.id(`lesson-${lesson.number}-dialogue`))}" data-fp-translations="shown">`,
    '<h3>Dialogue</h3>',
    interactive ? '<button type="button" class="fp-button fp-toggle" data-fp-action="toggle-translations" aria-pressed="true">Translations</button>' : '',
    `<p class="fp-setting">${e(d.setting)}</p>`,
    `<ol class="fp-dialogue-lines">\n${lines}\n</ol>`,
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

function grammar(c: Context, lesson: LessonView, g: GrammarView): string {
  const at = `/lessons/${lessonIndex(c, lesson)}/grammar/examples`;
  return [
    '<section class="fp-section fp-grammar">',
    `<h3>Grammar: ${e(g.point)}</h3>`,
    `<p class="fp-explanation-text" dir="auto">${e(g.explanation)}</p>`,
    `<ul class="fp-grammar-examples">${g.examples.map((x, i) => `<li><span class="fp-target"${c.target}>${e(x.sentence)}</span>${player(c, `${at}/${i}/sentence`, x.sentence)}${readingHtml(c, x.reading)} <span class="fp-translation">${e(x.translation)}</span></li>`).join('')}</ul>`,
    '</section>',
  ].join('\n');
}

function exercises(c: Context, lesson: LessonView, items: readonly ExerciseView[]): string {
  const list = items
    .map((x, i) => {
      const answerId = c.id(`lesson-${lesson.number}-exercise-${i + 1}-answer`);
      const reveal =
        c.mode === 'handout'
          ? ''
          : ` <button type="button" class="fp-button fp-reveal" data-fp-action="reveal-answer" aria-controls="${e(answerId)}" aria-expanded="false">Show answer</button>` +
            `<p class="fp-answer" id="${e(answerId)}" hidden><span class="fp-answer-label">Answer:</span> <span class="fp-target"${c.target}>${e(x.answer)}</span></p>`;
      return `<li class="fp-exercise"><p class="fp-instruction" dir="auto">${e(x.instruction)}</p><p class="fp-prompt" dir="auto">${e(x.prompt)}</p>${c.mode === 'handout' ? '<p class="fp-write-in" aria-hidden="true"></p>' : ''}${reveal}</li>`;
    })
    .join('\n');
  return ['<section class="fp-section fp-exercises">', '<h3>Exercises</h3>', `<ol class="fp-exercise-list">\n${list}\n</ol>`, '</section>'].join('\n');
}

function quiz(c: Context, lesson: LessonView, questions: readonly QuizQuestionView[]): string {
  const interactive = c.mode !== 'handout';
  const list = questions
    .map((q, i) => {
      const qid = c.id(`lesson-${lesson.number}-quiz-${i + 1}`);
      const options = q.options
        .map((o, k) =>
          interactive
            ? `<li><button type="button" class="fp-option" data-fp-action="pick-option" data-fp-option="${k}" dir="auto">${e(o)}</button></li>`
            : `<li class="fp-option"><span dir="auto">${e(o)}</span></li>`,
        )
        .join('');
      if (!interactive) return `<li class="fp-question" id="${e(qid)}"><p class="fp-question-text" dir="auto">${e(q.question)}</p><ol class="fp-options" type="a">${options}</ol></li>`;
      return (
        `<li class="fp-question" id="${e(qid)}" data-fp-question="${lesson.number}-${i + 1}" data-fp-correct="${q.answerIndex}">` +
        `<p class="fp-question-text" dir="auto">${e(q.question)}</p><ol class="fp-options" type="a">${options}</ol>` +
        `<p class="fp-feedback" data-fp-feedback hidden aria-live="polite"></p>` +
        `<p class="fp-explanation" data-fp-explanation hidden dir="auto">${e(q.explanation)}</p></li>`
      );
    })
    .join('\n');
  return [
    `<section class="fp-section fp-quiz"${interactive ? ` data-fp-quiz="${lesson.number}" data-fp-questions="${questions.length}"` : ''}>`,
    '<h3>Quiz</h3>',
    `<ol class="fp-question-list">\n${list}\n</ol>`,
    interactive ? '<p class="fp-score" data-fp-score hidden aria-live="polite"></p>' : '',
    '</section>',
  ]
    .filter(Boolean)
    .join('\n');
}

const letter = (k: number) => String.fromCharCode(97 + k);

function answerKey(c: Context): string {
  const lessons = c.course.lessons
    .filter((l) => l.exercises?.length || l.quiz?.length)
    .map((l) => {
      const parts = [`<section class="fp-answer-key-lesson"><h3>Lesson ${l.number}: ${e(l.title)}</h3>`];
      if (l.exercises?.length) {
        parts.push(`<h4>Exercises</h4><ol class="fp-key-list">${l.exercises.map((x) => `<li><span class="fp-target"${c.target}>${e(x.answer)}</span></li>`).join('')}</ol>`);
      }
      if (l.quiz?.length) {
        parts.push(
          `<h4>Quiz</h4><ol class="fp-key-list">${l.quiz
            .map((q) => `<li><strong>${letter(q.answerIndex)})</strong> <span dir="auto">${e(q.options[q.answerIndex] ?? '')}</span> <span class="fp-key-explanation">— <span dir="auto">${e(q.explanation)}</span></span></li>`)
            .join('')}</ol>`,
        );
      }
      parts.push('</section>');
      return parts.join('\n');
    });
  if (lessons.length === 0) return '';
  return [`<section class="fp-answer-key" id="${e(c.id('answer-key'))}">`, '<h2>Answer key</h2>', ...lessons, '</section>'].join('\n');
}
