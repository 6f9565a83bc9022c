import type { Course, CourseLesson } from '../course/course-schema.js';
import type { ExportFormat } from './export-format.js';
import { moodleMatchAnswer } from './moodle-match-answer.js';
import { termLabel } from '../../shared/course-html/readings.js';

// Moodle XML (docs.moodle.org/en/Moodle_XML_format), the question bank's machine format: a
// category per lesson, the quiz as single-answer multiple choice (the explanation as general
// feedback) and the vocabulary as a matching question (short answer per term under three terms).

/** Text for an XML element or attribute; characters XML 1.0 cannot hold become U+FFFD. */
function xml(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

/**
 * HTML text in a CDATA section: the text HTML-escaped, and any "]]>" split across two sections.
 * Its paragraph is dir="auto": the model's text may be in either language, and an Arabic question
 * in an English course must run right to left (its quotes and ellipsis on the right side).
 */
function htmlCdata(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, '<br>')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
  return `<![CDATA[<p dir="auto">${escaped.replace(/]]>/g, ']]]]><![CDATA[>')}</p>]]>`;
}

function categoryPath(course: Course, lesson: CourseLesson): string {
  const segment = (t: string) => t.replace(/[\r\n]+/g, ' ').replace(/\//g, '//');
  return `$course$/top/${segment(`FluentPro: ${course.title}`)}/${segment(`Lesson ${String(lesson.number).padStart(2, '0')}: ${lesson.title}`)}`;
}

const indent = (lines: string[], by = '    ') => lines.map((l) => by + l);

function question(type: string, name: string, text: string, body: string[], generalFeedback = ''): string[] {
  return [
    `<question type="${type}">`,
    ...indent([
      `<name><text>${xml(name)}</text></name>`,
      `<questiontext format="html"><text>${htmlCdata(text)}</text></questiontext>`,
      `<generalfeedback format="html"><text>${generalFeedback ? htmlCdata(generalFeedback) : ''}</text></generalfeedback>`,
      '<defaultgrade>1</defaultgrade>',
      '<hidden>0</hidden>',
      ...body,
    ], '  '),
    '</question>',
  ];
}

function lessonQuestions(course: Course, lesson: CourseLesson): string[] {
  const out = [
    '<question type="category">',
    `  <category><text>${xml(categoryPath(course, lesson))}</text></category>`,
    `  <info format="html"><text>${htmlCdata(lesson.summary)}</text></info>`,
    '</question>',
  ];
  (lesson.quiz ?? []).forEach((q, i) => {
    out.push(
      ...question('multichoice', `Lesson ${lesson.number} quiz ${i + 1}`, q.question, [
        '<penalty>0.3333333</penalty>',
        '<single>true</single>',
        '<shuffleanswers>true</shuffleanswers>',
        '<answernumbering>abc</answernumbering>',
        ...q.options.map((o, k) => `<answer fraction="${k === q.answerIndex ? 100 : 0}" format="html"><text>${htmlCdata(o)}</text><feedback format="html"><text></text></feedback></answer>`),
      ], q.explanation),
    );
  });
  const vocabulary = lesson.vocabulary ?? [];
  if (vocabulary.length >= 3) {
    // Matching needs three pairs or more in Moodle.
    out.push(
      ...question('matching', `Lesson ${lesson.number} vocabulary`, `Match each ${course.language} word with its meaning in ${course.nativeLanguage}.`, [
        '<penalty>0.3333333</penalty>',
        '<shuffleanswers>true</shuffleanswers>',
        // The meanings are offered in a menu as plain text, at most 255 characters (moodle-match-answer.ts).
        ...vocabulary.map((v) => `<subquestion format="html"><text>${htmlCdata(termLabel(v))}</text><answer><text>${xml(moodleMatchAnswer(v.translation))}</text></answer></subquestion>`),
      ]),
    );
  } else {
    // Too few pairs to match: a short-answer question per term.
    vocabulary.forEach((v, i) => out.push(
      ...question('shortanswer', `Lesson ${lesson.number} vocabulary ${i + 1}`, `Write in ${course.language}: ${v.translation}`, [
        '<usecase>0</usecase>',
        `<answer fraction="100" format="moodle_auto_format"><text>${xml(v.term)}</text><feedback format="html"><text></text></feedback></answer>`,
      ], `${v.example} — ${v.exampleTranslation}`),
    ));
  }
  return out;
}

export function exportMoodleXml(course: Course): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<!-- ${xml(course.title).replace(/--/g, '- -')}: written by FluentPro -->`, '<quiz>', ...indent(course.lessons.flatMap((l) => lessonQuestions(course, l)), '  '), '</quiz>', ''].join('\n');
}

export const moodleXmlFormat: ExportFormat = {
  id: 'moodle-xml',
  label: 'Moodle question bank, Moodle XML (.xml)',
  extension: 'moodle.xml',
  mimeType: 'application/xml',
  async export(course) {
    return exportMoodleXml(course);
  },
};
