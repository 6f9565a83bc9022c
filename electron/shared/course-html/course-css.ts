// The course stylesheet as a string, for exports that inline it. course.css beside this file is the
// same text, for the viewer to link; test/export/course-html.test.ts keeps the two equal.
export const COURSE_CSS = `/* FluentPro course layout: the viewer, the HTML handout, the PDF and SCORM pages. Light and dark, print. */
.fp-course {
  --fp-text: #1d1d1f;
  --fp-muted: #5f6368;
  --fp-bg: #ffffff;
  --fp-panel: #f5f5f7;
  --fp-line: #d2d2d7;
  --fp-accent: #0a5cc2;
  --fp-right: #1a7f37;
  --fp-wrong: #c62828;
  --fp-note: #fff4d6;
  color: var(--fp-text);
  background: var(--fp-bg);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Hiragino Sans", "PingFang SC", "Noto Sans CJK JP", "Noto Sans Arabic", "Geeza Pro", "Noto Sans Hebrew", sans-serif;
  max-width: 52rem;
  margin: 0 auto;
  padding: 1.5rem;
  text-align: start;
}
@media (prefers-color-scheme: dark) {
  .fp-course {
    --fp-text: #f2f2f7;
    --fp-muted: #a1a1aa;
    --fp-bg: #1c1c1e;
    --fp-panel: #2c2c2e;
    --fp-line: #48484a;
    --fp-accent: #64a8ff;
    --fp-right: #4ade80;
    --fp-wrong: #ff7b72;
    --fp-note: #3a3320;
  }
}
.fp-body { margin: 0; background: var(--fp-bg, #fff); }
@media (prefers-color-scheme: dark) { .fp-body { background: #1c1c1e; } }
.fp-course [hidden] { display: none !important; }
.fp-course h1, .fp-course h2, .fp-course h3, .fp-course h4 { line-height: 1.25; margin: 1.2em 0 0.5em; }
.fp-course-title { font-size: 2rem; margin-top: 0; }
.fp-meta, .fp-lesson-number, .fp-setting, .fp-instruction, .fp-answer-key-note { color: var(--fp-muted); }
.fp-lesson-number { margin: 0; font-size: 0.9rem; text-transform: uppercase; letter-spacing: 0.04em; }
.fp-lesson-title { margin-top: 0.2em; }
.fp-demo-note { background: var(--fp-note); border-radius: 6px; padding: 0.5rem 0.75rem; }
.fp-toc ol { padding-inline-start: 0; list-style: none; columns: 2 18rem; }
.fp-toc a { color: var(--fp-accent); text-decoration: none; }
.fp-toc-number { color: var(--fp-muted); display: inline-block; min-width: 2.2em; }
.fp-lesson { border-top: 1px solid var(--fp-line); margin-top: 2rem; padding-top: 1rem; }
.fp-section { margin: 1.5rem 0; }
.fp-vocabulary-table { border-collapse: collapse; width: 100%; }
.fp-vocabulary-table th, .fp-vocabulary-table td { border-bottom: 1px solid var(--fp-line); padding: 0.4rem 0.5rem; text-align: start; vertical-align: top; }
.fp-vocabulary-table th { background: var(--fp-panel); font-weight: 600; }
.fp-term { font-weight: 600; white-space: nowrap; }
.fp-translation { color: var(--fp-muted); font-style: italic; }
.fp-example .fp-translation, .fp-grammar-examples .fp-translation { display: block; }
.fp-article { font-weight: 400; color: var(--fp-muted); }
.fp-reading, .fp-pos, .fp-gender { font-weight: 400; color: var(--fp-muted); }
.fp-pos, .fp-gender { font-size: 0.8em; font-style: italic; }
.fp-gender { text-decoration: none; }
.fp-term ruby rt { font-size: 0.55em; font-weight: 400; }
.fp-example .fp-reading, .fp-grammar-examples .fp-reading, .fp-dialogue-line .fp-reading { display: block; font-size: 0.9em; }
.fp-dialogue-line .fp-reading { margin-inline-start: 1.5rem; }
.fp-dialogue-lines { list-style: none; padding-inline-start: 0; }
.fp-dialogue-line { margin: 0.5rem 0; }
.fp-speaker { font-weight: 600; margin-inline-end: 0.4em; }
.fp-speaker::after { content: ":"; }
.fp-dialogue-line .fp-translation { display: block; margin-inline-start: 1.5rem; }
.fp-dialogue[data-fp-translations="hidden"] .fp-translation { display: none; }
.fp-explanation-text, .fp-explanation { white-space: pre-line; }
.fp-exercise-list, .fp-question-list { padding-inline-start: 1.5rem; }
.fp-exercise, .fp-question { margin: 0.8rem 0; }
.fp-exercise p, .fp-question p { margin: 0.2rem 0; }
.fp-prompt { font-weight: 500; }
.fp-answer { background: var(--fp-panel); border-radius: 6px; padding: 0.3rem 0.6rem; }
.fp-answer-label { font-weight: 600; }
.fp-button, .fp-option {
  font: inherit;
  color: var(--fp-accent);
  background: transparent;
  border: 1px solid var(--fp-line);
  border-radius: 6px;
  padding: 0.2rem 0.7rem;
  cursor: pointer;
}
.fp-button:hover, .fp-option:hover { border-color: var(--fp-accent); }
.fp-button:focus-visible, .fp-option:focus-visible { outline: 2px solid var(--fp-accent); outline-offset: 2px; }
.fp-options { padding-inline-start: 1.5rem; }
.fp-options li { margin: 0.3rem 0; }
.fp-options .fp-option { color: var(--fp-text); text-align: start; min-width: 12rem; }
.fp-option[aria-pressed="true"] { border-width: 2px; }
.fp-option[data-fp-result="right"] { border-color: var(--fp-right); color: var(--fp-right); }
.fp-option[data-fp-result="wrong"] { border-color: var(--fp-wrong); color: var(--fp-wrong); }
.fp-option:disabled { cursor: default; }
.fp-feedback[data-fp-result="right"] { color: var(--fp-right); font-weight: 600; }
.fp-feedback[data-fp-result="wrong"] { color: var(--fp-wrong); font-weight: 600; }
.fp-score { font-weight: 600; font-size: 1.1rem; }
.fp-write-in { border-bottom: 1px dotted var(--fp-line); height: 1.6rem; }
.fp-answer-key { border-top: 1px solid var(--fp-line); margin-top: 2rem; }
.fp-key-explanation { color: var(--fp-muted); }
.fp-scorm-nav { display: flex; gap: 0.5rem; align-items: center; justify-content: space-between; margin: 1.5rem 0; }
.fp-scorm-status { color: var(--fp-muted); }
/* A handout is a page per lesson and the answer key on a page of its own. */
.fp-mode-handout .fp-lesson, .fp-mode-handout .fp-answer-key { break-before: page; border-top: 0; margin-top: 0; }
.fp-mode-handout .fp-toc ol { columns: 1; }
.fp-play {
  font: inherit; font-size: 0.75em; line-height: 1; vertical-align: middle;
  margin-inline-start: 0.3em; padding: 0.25em 0.45em; border-radius: 999px;
  border: 1px solid var(--fp-line); background: var(--fp-bg); color: var(--fp-accent); cursor: pointer;
}
.fp-play:hover, .fp-play[data-fp-playing] { border-color: var(--fp-accent); }
.fp-play:focus-visible { outline: 2px solid var(--fp-accent); outline-offset: 2px; }
.fp-clip { height: 2em; width: 12em; max-width: 100%; vertical-align: middle; margin-inline-start: 0.3em; }
@media print {
  @page { margin: 1.5cm; }
  .fp-body { background: #fff; }
  .fp-course {
    --fp-text: #000;
    --fp-muted: #444;
    --fp-bg: #fff;
    --fp-panel: #f2f2f2;
    --fp-line: #999;
    --fp-accent: #000;
    --fp-note: #f2f2f2;
    max-width: none;
    padding: 0;
    font-size: 11pt;
  }
  .fp-lesson { break-before: page; border-top: 0; margin-top: 0; }
  .fp-answer-key { break-before: page; }
  .fp-button, .fp-scorm-nav, .fp-play, .fp-clip { display: none !important; }
  .fp-toc a { color: inherit; }
  .fp-vocabulary-table tr, .fp-exercise, .fp-question, .fp-dialogue-line, .fp-grammar-examples li { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  .fp-dialogue[data-fp-translations="hidden"] .fp-translation { display: block; }
}
`;
