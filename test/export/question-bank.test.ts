import { describe, expect, it } from 'vitest';
import { escapeGift, exportGift } from '../../electron/core/export/gift.js';
import { exportMoodleXml } from '../../electron/core/export/moodle-xml.js';
import { NASTY, demoCourse, trickyCourse } from './export-fixtures.js';
import { child, elements, parseXml, textOf } from './xml-reader.js';

// ---- A small GIFT reader, as Moodle's qformat_gift reads a file -------------------------------

interface GiftQuestion {
  category: string;
  name: string;
  text: string;
  answers: { mark: '=' | '~'; text: string }[];
  feedback?: string;
}

const unescapeGift = (s: string) => s.replace(/\\n/g, '\n').replace(/\\([\\~=#{}:])/g, '$1');

/** Splits at an unescaped `sep` (a backslash escapes the next character). */
function splitUnescaped(text: string, test: (rest: string) => number): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      current += text.slice(i, i + 2);
      i++;
      continue;
    }
    const len = test(text.slice(i));
    if (len > 0) {
      parts.push(current);
      current = '';
      i += len - 1;
      continue;
    }
    current += text[i];
  }
  parts.push(current);
  return parts;
}

function parseGift(file: string): GiftQuestion[] {
  let category = '';
  const questions: GiftQuestion[] = [];
  for (const block of file.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => !l.startsWith('//') && l.trim());
    if (lines.length === 0) continue;
    if (lines[0]!.startsWith('$CATEGORY: ')) {
      category = lines[0]!.slice('$CATEGORY: '.length);
      lines.shift();
      if (lines.length === 0) continue;
    }
    const source = lines.join('\n');
    const [empty, name, rest, ...extra] = splitUnescaped(source, (r) => (r.startsWith('::') ? 2 : 0));
    expect(empty, `a question starts with its ::name::\n${source}`).toBe('');
    expect(extra, `no unescaped :: in the question\n${source}`).toEqual([]);
    const [text, body, ...after] = splitUnescaped(rest!, (r) => (r[0] === '{' || r[0] === '}' ? 1 : 0));
    expect(after.join('').trim(), `one unescaped { … } per question\n${source}`).toBe('');
    const [answersPart, ...feedback] = splitUnescaped(body!, (r) => (r.startsWith('####') ? 4 : 0));
    const answers: GiftQuestion['answers'] = [];
    const tokens = splitUnescaped(answersPart!, (r) => (r[0] === '=' || r[0] === '~' ? 1 : 0));
    // Recover each answer's mark from the source positions.
    let offset = tokens[0]!.length;
    for (const token of tokens.slice(1)) {
      answers.push({ mark: answersPart![offset] as '=' | '~', text: unescapeGift(token.trim()) });
      offset += 1 + token.length;
    }
    questions.push({ category, name: unescapeGift(name!), text: unescapeGift(text!.trim()), answers, ...(feedback.length ? { feedback: unescapeGift(feedback.join('').trim()) } : {}) });
  }
  return questions;
}

const decodeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('gift export', () => {
  it('escapes ~ = # { } : and the backslash with a backslash, line breaks as \\n', () => {
    expect(escapeGift('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni');
  });

  it('writes each quiz question as multiple choice with one right answer and the explanation after ####', () => {
    const course = demoCourse(3);
    const questions = parseGift(exportGift(course));
    const quiz = questions.filter((q) => /quiz/.test(q.name));
    expect(quiz.length).toBe(course.lessons.reduce((n, l) => n + (l.quiz?.length ?? 0), 0));
    const source = course.lessons[1]!.quiz![0]!;
    const q = quiz.find((x) => x.name === 'Lesson 2 quiz 1')!;
    expect(q.category).toBe(`$course$/top/FluentPro: ${course.title}/Lesson 02: ${course.lessons[1]!.title}`);
    expect(q.text).toBe(`[html]${source.question}`);
    expect(q.answers.map((a) => a.text)).toEqual(source.options);
    expect(q.answers.map((a) => a.mark)).toEqual(source.options.map((_, k) => (k === source.answerIndex ? '=' : '~')));
    expect(q.feedback).toBe(source.explanation);
  });

  it('writes each lesson’s vocabulary as a matching question', () => {
    const course = demoCourse(2);
    const matching = parseGift(exportGift(course)).filter((q) => q.name.endsWith('vocabulary'));
    expect(matching.length).toBe(2);
    expect(matching[0]!.answers.map((a) => a.text)).toEqual(course.lessons[0]!.vocabulary!.map((v) => `${v.term} -> ${v.translation}`));
  });

  it('writes a short-answer question per term when a lesson has under three (too few for Moodle’s matching)', () => {
    const base = demoCourse(1);
    const lesson = { ...base.lessons[0]!, vocabulary: base.lessons[0]!.vocabulary!.slice(0, 2) };
    const course = { ...base, lessons: [lesson] };
    const gift = parseGift(exportGift(course)).filter((q) => q.name.startsWith('Lesson 1 vocabulary'));
    expect(gift.map((q) => [q.name, q.text, q.answers])).toEqual(
      lesson.vocabulary.map((v, i) => [`Lesson 1 vocabulary ${i + 1}`, `[html]Write in Spanish: ${v.translation}`, [{ mark: '=', text: v.term }]]),
    );
    const xml = elements(parseXml(exportMoodleXml(course)), 'question').filter((q) => q.attributes.type === 'shortanswer');
    expect(xml.map((q) => textOf(child(child(q, 'answer'), 'text')))).toEqual(lesson.vocabulary.map((v) => v.term));
    expect(elements(parseXml(exportMoodleXml(course)), 'question').some((q) => q.attributes.type === 'matching')).toBe(false);
  });

  it('keeps model text full of GIFT and HTML characters intact through Moodle’s reading', () => {
    const course = trickyCourse();
    const questions = parseGift(exportGift(course));
    const q = questions.find((x) => x.name === 'Lesson 1 quiz 1')!;
    expect(decodeHtml(q.text)).toBe(`[html]What is 2 + 2 = ? ${NASTY}`);
    expect(q.text).not.toContain('<script>');
    expect(q.answers.map((a) => decodeHtml(a.text))).toEqual(['3', '4 ~ four', '{5}']);
    expect(q.answers.map((a) => a.mark)).toEqual(['~', '=', '~']);
    expect(decodeHtml(q.feedback!)).toBe(`Because 2+2=4 #math ${NASTY}`);
    const vocabulary = questions.find((x) => x.name === 'Lesson 1 vocabulary')!;
    expect(vocabulary.answers[0]!.text).toBe('hola -> meaning 1 = ~{x}');
    expect(questions.find((x) => x.name === 'Lesson 2 quiz 1')!.category).toBe('$course$/top/FluentPro: Tricky <script>alert("x")<//script> & ~ = # { } : \\ ]]> \'quote\'/Lesson 02: Farewells {and} more');
  });
});

describe('moodle-xml export', () => {
  it('is well-formed XML: a <quiz> of categories and questions', () => {
    const course = demoCourse(3);
    const quiz = parseXml(exportMoodleXml(course));
    expect(quiz.name).toBe('quiz');
    const questions = elements(quiz, 'question');
    expect(questions.filter((q) => q.attributes.type === 'category').map((q) => textOf(child(child(q, 'category'), 'text')))).toEqual(
      course.lessons.map((l) => `$course$/top/FluentPro: ${course.title}/Lesson ${String(l.number).padStart(2, '0')}: ${l.title}`),
    );
    expect(questions.filter((q) => q.attributes.type === 'multichoice').length).toBe(course.totals.quizQuestions);
    expect(questions.filter((q) => q.attributes.type === 'matching').length).toBe(3);
  });

  it('writes a quiz question as single-answer multiple choice, the right option at 100 %, the explanation as general feedback', () => {
    const course = demoCourse(1);
    const source = course.lessons[0]!.quiz![0]!;
    const q = elements(parseXml(exportMoodleXml(course)), 'question').find((x) => x.attributes.type === 'multichoice')!;
    expect(textOf(child(q, 'single'))).toBe('true');
    const answers = elements(q, 'answer');
    expect(answers.map((a) => textOf(child(a, 'text')))).toEqual(source.options.map((o) => `<p dir="auto">${o}</p>`));
    expect(answers.map((a) => a.attributes.fraction)).toEqual(source.options.map((_, k) => (k === source.answerIndex ? '100' : '0')));
    expect(textOf(child(child(q, 'generalfeedback'), 'text'))).toBe(`<p dir="auto">${source.explanation}</p>`);
  });

  it('keeps tricky model text as text: HTML escaped inside CDATA, matching answers as plain text', () => {
    const quiz = parseXml(exportMoodleXml(trickyCourse()));
    const questions = elements(quiz, 'question');
    const q = questions.find((x) => x.attributes.type === 'multichoice')!;
    const html = textOf(child(child(q, 'questiontext'), 'text'));
    expect(html).toBe(`<p dir="auto">What is 2 + 2 = ? ${NASTY.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`);
    expect(html).not.toContain('<script>');
    const matching = questions.find((x) => x.attributes.type === 'matching')!;
    expect(elements(matching, 'subquestion').map((s) => textOf(child(child(s, 'answer'), 'text')))).toEqual(['meaning 1 = ~{x}', 'second: term', 'third -> term']);
    expect(textOf(child(child(questions[0]!, 'category'), 'text'))).toBe(`$course$/top/FluentPro: Tricky ${NASTY.replace('</', '<//')}/Lesson 01: Greetings ${NASTY.replace('</', '<//')}`);
  });

  it('shortens a matching answer over 255 characters (Moodle stores it in a char(255)) to 255, ending in "…", in GIFT too', () => {
    const base = demoCourse(1);
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' '); // 409 characters
    const exact = 'x'.repeat(255);
    const noSpaces = '😀'.repeat(300); // 300 characters, 600 UTF-16 units
    const vocabulary = base.lessons[0]!.vocabulary!.slice(0, 3).map((v, i) => ({ ...v, translation: [long, exact, noSpaces][i]! }));
    const course = { ...base, lessons: [{ ...base.lessons[0]!, vocabulary }] };
    const matching = elements(parseXml(exportMoodleXml(course)), 'question').find((q) => q.attributes.type === 'matching')!;
    const answers = elements(matching, 'subquestion').map((s) => textOf(child(child(s, 'answer'), 'text')));
    const gift = parseGift(exportGift(course)).find((q) => q.name === 'Lesson 1 vocabulary')!.answers.map((a) => a.text.split(' -> ').slice(1).join(' -> '));
    for (const list of [answers, gift]) {
      for (const answer of list) expect(Array.from(answer).length).toBeLessThanOrEqual(255);
      // Cut at a word boundary, marked as shortened.
      expect(list[0]).toMatch(/^word0 word1 .* word\d+…$/);
      expect(long.startsWith(list[0]!.slice(0, -1))).toBe(true);
      expect(Array.from(list[0]!).length).toBeGreaterThan(200);
      // Exactly 255 fits and is kept whole; no surrogate pair is split.
      expect(list[1]).toBe(exact);
      expect(list[2]).toBe(`${'😀'.repeat(254)}…`);
    }
  });
});
