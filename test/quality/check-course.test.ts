import { describe, expect, it } from 'vitest';
import { checkCourse, countWords, estimateLessonMinutes, type CourseContent } from '../../electron/core/quality/check-course.js';
import type { QualityReport, Repair } from '../../electron/core/quality/quality-types.js';
import { cleanCourse, lesson } from './course-fixtures.js';

const messages = (report: QualityReport, rule: string) => report.findings.filter((f) => f.rule === rule).map((f) => f.message);

function withLessons(...lessons: CourseContent['lessons']): CourseContent {
  return { ...cleanCourse(), lessons };
}

describe('a clean course', () => {
  it('holds, with no findings, full coverage and recycling, and each lesson’s estimated minutes', () => {
    const report = checkCourse(cleanCourse(), []);
    expect(report.findings).toEqual([]);
    expect(report.holds).toBe(true);
    // 3 terms × 0.5 + 6 target words / 100 + 3 native words / 200 + 3 exercises × 1 + 2 questions × 0.5 = 5.575;
    // lesson 2 has 12 target words: 5.635.
    expect(report.metrics).toEqual({ coveragePct: 100, recyclingPct: 100, duplicateTerms: 0, invalidQuizAnswers: 0, emptySections: 0, estimatedMinutes: [5.6, 5.6] });
  });

  it('passes the repairs it is given through to the report, and still holds', () => {
    const repairs: Repair[] = [{ kind: 'duplicate-term-dropped', lesson: 2, where: 'lesson 2 vocabulary', detail: 'dropped "hola", already introduced in lesson 1' }];
    const report = checkCourse(cleanCourse(), repairs);
    expect(report.repairs).toEqual(repairs);
    expect(report.holds).toBe(true);
  });
});

describe('vocabulary-unique', () => {
  it('fails when a later lesson introduces a term again, naming the term and both lessons', () => {
    const course = cleanCourse();
    course.lessons = [...course.lessons, lesson(3, { terms: ['  La  Mesa. ', 'el pan', 'el agua'], lines: ['El pan y el agua en la mesa.', 'Gracias.'] })];
    const report = checkCourse(course, []);
    expect(report.holds).toBe(false);
    expect(messages(report, 'vocabulary-unique')).toEqual(['lesson 3 introduces "La  Mesa." again (first in lesson 2)']);
    expect(report.findings[0]).toMatchObject({ rule: 'vocabulary-unique', severity: 'fail', lesson: 3 });
    expect(report.metrics.duplicateTerms).toBe(1);
  });

  it('fails when one lesson lists a term twice', () => {
    const report = checkCourse(withLessons(lesson(1, { terms: ['hola', 'adiós', 'Hola'], lines: ['Hola.', 'Adiós.'] })), []);
    expect(messages(report, 'vocabulary-unique')).toEqual(['lesson 1 introduces "Hola" twice']);
  });

  it('counts a term repeated by several lessons once', () => {
    const report = checkCourse(
      withLessons(
        lesson(1, { terms: ['hola', 'sí'], lines: ['Hola, sí.', 'Sí.'] }),
        lesson(2, { terms: ['hola', 'no'], lines: ['Hola, no.', 'No.'] }),
        lesson(3, { terms: ['hola', 'vale'], lines: ['Hola, vale.', 'Vale.'] }),
      ),
      [],
    );
    expect(messages(report, 'vocabulary-unique')).toEqual(['lesson 2 introduces "hola" again (first in lesson 1)', 'lesson 3 introduces "hola" again (first in lesson 1)']);
    expect(report.metrics.duplicateTerms).toBe(1);
  });

  it('sees through case, width, spacing and surrounding punctuation, but not a changed letter', () => {
    const report = checkCourse(
      withLessons(
        lesson(1, { terms: ['qué tal', 'ABC', 'el tren'], lines: ['¿Qué tal?', 'ABC, el tren.'] }),
        lesson(2, { terms: ['  ¿Qué   TAL? ', 'ＡＢＣ', 'el trén'], lines: ['¿Qué tal? ABC.', 'El trén.'] }),
      ),
      [],
    );
    expect(messages(report, 'vocabulary-unique')).toEqual(['lesson 2 introduces "¿Qué   TAL?" again (first in lesson 1)', 'lesson 2 introduces "ＡＢＣ" again (first in lesson 1)']);
  });
});

describe('quiz-answers-valid', () => {
  it('fails for an answer index that points at no option, saying how many there are', () => {
    const course = cleanCourse();
    course.lessons[1]!.quiz![1]!.answerIndex = 4;
    const report = checkCourse(course, []);
    expect(report.holds).toBe(false);
    expect(messages(report, 'quiz-answers-valid')).toEqual(['lesson 2 quiz question 2: the answer index 4 points at no option (there are 3, counted from 0); set it to the right option']);
    expect(report.metrics.invalidQuizAnswers).toBe(1);
  });

  it('accepts the last option (index one less than the count)', () => {
    const course = cleanCourse();
    course.lessons[0]!.quiz![0]!.answerIndex = 2;
    expect(checkCourse(course, []).holds).toBe(true);
  });
});

describe('no-empty-section', () => {
  it('fails for a section the course asks for that a lesson lacks or leaves empty', () => {
    const course = cleanCourse();
    delete course.lessons[0]!.dialogue;
    course.lessons[1]!.exercises = [];
    course.lessons[1]!.grammar!.explanation = '  ';
    const report = checkCourse(course, []);
    expect(report.holds).toBe(false);
    expect(messages(report, 'no-empty-section')).toEqual([
      'lesson 1 has no dialogue section, though the course asks for one',
      "lesson 2's grammar section is empty: it has no explanation",
      "lesson 2's exercises section is empty: it has no exercises",
    ]);
    expect(report.metrics.emptySections).toBe(3);
  });

  it('ignores a section the course does not ask for', () => {
    const course = { ...cleanCourse(), sections: ['vocabulary', 'dialogue'] as CourseContent['sections'] };
    for (const l of course.lessons) delete l.quiz;
    expect(messages(checkCourse(course, []), 'no-empty-section')).toEqual([]);
  });
});

describe('vocabulary-used', () => {
  it('warns for a lesson that uses under half its new terms outside their own examples, and names them', () => {
    const report = checkCourse(
      withLessons(
        lesson(1, { terms: ['hola', 'gracias', 'adiós'], lines: ['Hola, Ana.', 'Hola, Ben.'] }),
        lesson(2, { terms: ['la mesa', 'el vaso'], lines: ['Hola, la mesa.', 'El vaso, gracias.'] }),
      ),
      [],
    );
    expect(messages(report, 'vocabulary-used')).toEqual(['lesson 1 uses only 1 of its 3 new terms in its dialogue, exercises, grammar examples or quiz; not used: "gracias", "adiós"']);
    expect(report.findings.find((f) => f.rule === 'vocabulary-used')).toMatchObject({ severity: 'warn', lesson: 1 });
    // 1 of 3 plus 2 of 2: 3 of 5 terms.
    expect(report.metrics.coveragePct).toBe(60);
    expect(report.holds).toBe(true);
  });

  it('does not warn at exactly half', () => {
    const report = checkCourse(withLessons(lesson(1, { terms: ['hola', 'adiós'], lines: ['Hola.', 'Buenas.'] })), []);
    expect(messages(report, 'vocabulary-used')).toEqual([]);
    expect(report.metrics.coveragePct).toBe(50);
  });

  it('matches whole words only, whatever the case and punctuation around them', () => {
    const report = checkCourse(withLessons(lesson(1, { terms: ['mesa', 'el tren', 'sol'], lines: ['¡MESA!', 'Las mesas, el trenecito, el girasol.'] })), []);
    expect(messages(report, 'vocabulary-used')).toEqual(['lesson 1 uses only 1 of its 3 new terms in its dialogue, exercises, grammar examples or quiz; not used: "el tren", "sol"']);
    expect(report.metrics.coveragePct).toBe(33.3);
  });

  it('finds a whole word after the same letters inside a longer word, and beside letters outside the Basic Plane', () => {
    // U+10428, a Deseret letter: one character in two UTF-16 units, as NFKC leaves it.
    const report = checkCourse(withLessons(lesson(1, { terms: ['sol', 'mar', 'pan'], lines: ['El girasol y el sol.', '\u{10428}mar y mar\u{10428}', 'pan'] })), []);
    expect(report.metrics.coveragePct).toBe(66.7);
  });

  it('finds a term written with a typographic apostrophe in text written with a plain one', () => {
    const report = checkCourse(withLessons(lesson(1, { terms: ['c’est', "aujourd'hui"], lines: ["C'est bon.", 'Aujourd’hui.'] })), []);
    expect(report.metrics.coveragePct).toBe(100);
  });

  it('finds Japanese terms inside text written without spaces', () => {
    const report = checkCourse(withLessons(lesson(1, { terms: ['水', 'ください', 'お茶'], lines: ['水をください。', 'はい。'] })), []);
    expect(report.metrics.coveragePct).toBe(66.7);
    expect(messages(report, 'vocabulary-used')).toEqual([]);
  });

  it('counts terms in exercises, grammar examples and quiz options too', () => {
    const course = withLessons(lesson(1, { terms: ['uno', 'dos', 'come', 'cuatro'], lines: ['Buenas.', 'Buenas.'] }));
    course.lessons[0]!.exercises![0]!.answer = 'cuatro';
    // "dos" and "uno" are quiz options; "come" is in the grammar example "Ana come.".
    expect(checkCourse(course, []).metrics.coveragePct).toBe(100);
  });
});

describe('vocabulary-recycled', () => {
  it('warns for a later lesson that reuses no earlier term, suggesting the previous lesson’s', () => {
    const report = checkCourse(
      withLessons(
        lesson(1, { terms: ['hola', 'gracias'], lines: ['Hola.', 'Gracias.'] }),
        lesson(2, { terms: ['la mesa', 'el vaso', 'la silla', 'el pan'], lines: ['Hola, la mesa.', 'El vaso, la silla, el pan.'] }),
        lesson(3, { terms: ['el tren', 'la estación', 'el billete', 'el andén'], lines: ['El tren y la estación.', 'El billete, el andén.'] }),
      ),
      [],
    );
    expect(messages(report, 'vocabulary-recycled')).toEqual(['lesson 3 reuses no term of earlier lessons; bring a few back in its dialogue or exercises (for example "la mesa", "el vaso", "la silla")']);
    expect(report.findings.find((f) => f.rule === 'vocabulary-recycled')).toMatchObject({ severity: 'warn', lesson: 3 });
    expect(report.metrics.recyclingPct).toBe(50);
  });

  it('is 100 % for a course of one lesson', () => {
    expect(checkCourse(withLessons(lesson(1, { terms: ['hola'], lines: ['Hola.', 'Hola.'] })), []).metrics.recyclingPct).toBe(100);
  });
});

describe('lesson-length', () => {
  it('warns for a lesson under half of lessonMinutes, and one over twice it', () => {
    const report = checkCourse(
      withLessons(
        lesson(1, { terms: ['hola', 'gracias'], lines: ['Hola.', 'Gracias.'], exercises: 1, quiz: 1 }),
        lesson(2, { terms: ['la mesa'], lines: ['La mesa, hola.', 'Hola.'], exercises: 20, quiz: 2 }),
      ),
      [],
    );
    // 2 terms × 0.5 + 4 words / 100 + 3 / 200 + 1 exercise + 1 question × 0.5 = 2.555; 0.5 + 0.06 + 0.015 + 20 + 1 = 21.575.
    expect(report.metrics.estimatedMinutes).toEqual([2.6, 21.6]);
    expect(messages(report, 'lesson-length')).toEqual([
      'lesson 1 looks short for a 10-minute lesson: its content takes about 2.6 minutes; add practice or lower lessonMinutes',
      'lesson 2 looks long for a 10-minute lesson: its content takes about 21.6 minutes; trim it or raise lessonMinutes',
    ]);
    expect(report.holds).toBe(true);
  });

  it('reads target-language text at 100 words a minute and the explanation at 200', () => {
    const l = lesson(1, { terms: [], lines: [Array(100).fill('palabra').join(' '), Array(100).fill('otra').join(' ')], exercises: 0, quiz: 0 });
    l.grammar!.explanation = Array(200).fill('word').join(' ');
    // 200 dialogue words + 2 example words = 2.02 minutes, 200 explanation words = 1 minute.
    expect(estimateLessonMinutes(l)).toBe(3);
  });

  it('counts two Japanese characters as a word', () => {
    expect(countWords('水をください。')).toBe(3);
    expect(countWords('Hola, ¿qué tal?')).toBe(3);
  });
});

describe('findings', () => {
  it('list problems before warnings, each in lesson order', () => {
    const course = withLessons(
      lesson(1, { terms: ['hola', 'gracias', 'adiós'], lines: ['Buenas.', 'Buenas.'] }),
      lesson(2, { terms: ['hola', 'el vaso'], lines: ['Hola, el vaso.', 'Vale.'] }),
    );
    course.lessons[0]!.quiz![0]!.answerIndex = 3;
    const report = checkCourse(course, []);
    expect(report.findings.map((f) => `${f.severity} ${f.lesson} ${f.rule}`)).toEqual(['fail 1 quiz-answers-valid', 'fail 2 vocabulary-unique', 'warn 1 vocabulary-used']);
  });
});
