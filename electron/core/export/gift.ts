import type { Course, CourseLesson } from '../course/course-schema.js';
import type { ExportFormat } from './export-format.js';
import { moodleMatchAnswer } from './moodle-match-answer.js';
import { termLabel } from '../../shared/course-html/readings.js';

// GIFT, Moodle's text format for its question bank (docs.moodle.org/en/GIFT_format):
// each lesson's quiz as multiple choice (the explanation as general feedback, after ####) and
// its vocabulary as a matching question (short-answer questions when a lesson has under three terms),
// in a category per lesson.

/** GIFT's special characters ~ = # { } : (and the backslash itself) escaped with a backslash; line breaks as \n. */
export function escapeGift(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Text shown as HTML (questions, options, feedback): <, > and & as entities, then GIFT-escaped. */
function html(text: string): string {
  return escapeGift(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** A category path segment: one line, its slashes doubled (Moodle reads a single / as a subcategory). */
function categorySegment(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\//g, '//');
}

export function lessonCategory(course: Pick<Course, 'title'>, lesson: Pick<CourseLesson, 'number' | 'title'>): string {
  return `$course$/top/${categorySegment(`FluentPro: ${course.title}`)}/${categorySegment(`Lesson ${String(lesson.number).padStart(2, '0')}: ${lesson.title}`)}`;
}

function lessonQuestions(course: Course, lesson: CourseLesson): string[] {
  const out: string[] = [`$CATEGORY: ${lessonCategory(course, lesson)}`];
  (lesson.quiz ?? []).forEach((q, i) => {
    const options = q.options.map((o, k) => `\t${k === q.answerIndex ? '=' : '~'}${html(o)}`);
    out.push(`::${escapeGift(`Lesson ${lesson.number} quiz ${i + 1}`)}::[html]${html(q.question)} {\n${options.join('\n')}\n\t####${html(q.explanation)}\n}`);
  });
  const vocabulary = lesson.vocabulary ?? [];
  if (vocabulary.length >= 3) {
    // Matching (Moodle wants three pairs or more): the right-hand side is shown as plain text in a
    // menu, so it is not HTML-escaped, and Moodle stores at most 255 characters of it (moodle-match-answer.ts).
    const pairs = vocabulary.map((v) => `\t=${html(termLabel(v))} -> ${escapeGift(moodleMatchAnswer(v.translation.replace(/->/g, '→')))}`);
    out.push(`::${escapeGift(`Lesson ${lesson.number} vocabulary`)}::[html]${html(`Match each ${course.language} word with its meaning in ${course.nativeLanguage}.`)} {\n${pairs.join('\n')}\n}`);
  } else {
    // Too few pairs to match: a short-answer question per term.
    vocabulary.forEach((v, i) => {
      out.push(`::${escapeGift(`Lesson ${lesson.number} vocabulary ${i + 1}`)}::[html]${html(`Write in ${course.language}: ${v.translation}`)} {\n\t=${escapeGift(v.term)}\n\t####${html(`${v.example} — ${v.exampleTranslation}`)}\n}`);
    });
  }
  return out;
}

export function exportGift(course: Course): string {
  const header = `// ${course.title.replace(/[\r\n]+/g, ' ')}: quizzes and vocabulary for Moodle's question bank (GIFT), written by FluentPro.\n`;
  return header + '\n' + course.lessons.flatMap((l) => lessonQuestions(course, l)).join('\n\n') + '\n';
}

export const giftFormat: ExportFormat = {
  id: 'gift',
  label: 'Moodle question bank, GIFT (.gift.txt)',
  extension: 'gift.txt',
  mimeType: 'text/plain',
  async export(course) {
    return exportGift(course);
  },
};
