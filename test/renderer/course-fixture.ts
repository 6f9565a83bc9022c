import type { CourseDetail, QualityView } from '../../electron/shared/api.js';
import type { CourseView, LessonView } from '../../electron/shared/course-html/index.js';

function lesson(number: number, overrides: Partial<LessonView> = {}): LessonView {
  return {
    number,
    slug: `lesson-${number}`,
    title: `At the market ${number}`,
    summary: `Buying food, part ${number}.`,
    goals: [`Ask for prices ${number}`, `Count to ${number * 10}`],
    grammarPoint: 'numbers',
    vocabulary: [
      { term: `manzana ${number}`, translation: 'apple', example: 'Quiero una manzana.', exampleTranslation: 'I want an apple.' },
      { term: 'pan', translation: 'bread', example: 'El pan está caliente.', exampleTranslation: 'The bread is warm.' },
    ],
    dialogue: {
      setting: 'A stall at the market.',
      lines: [
        { speaker: 'Ana', line: '¿Cuánto cuesta?', translation: 'How much is it?' },
        { speaker: 'Luis', line: 'Dos euros.', translation: 'Two euros.' },
      ],
    },
    grammar: { point: 'Numbers', explanation: 'Numbers come before the noun.', examples: [{ sentence: 'dos manzanas', translation: 'two apples' }] },
    exercises: [
      { instruction: 'Translate.', prompt: 'apple', answer: 'manzana' },
      { instruction: 'Translate.', prompt: 'bread', answer: 'pan' },
    ],
    quiz: [
      { question: 'What is "pan"?', options: ['apple', 'bread', 'water'], answerIndex: 1, explanation: 'Pan is bread.' },
      { question: 'What is "manzana"?', options: ['apple', 'milk'], answerIndex: 0, explanation: 'Manzana is apple.' },
    ],
    ...overrides,
  };
}

export function fakeCourse(overrides: Partial<CourseView> = {}, lessons: LessonView[] = [lesson(1), lesson(2), lesson(3)]): CourseView {
  return {
    title: 'Spanish at the Market',
    slug: 'spanish-at-the-market',
    language: 'Spanish',
    nativeLanguage: 'English',
    level: 'A1',
    summary: 'Shopping for food in Spanish.',
    lessonMinutes: 20,
    sections: ['vocabulary', 'dialogue', 'grammar', 'exercises', 'quiz'],
    lessons,
    totals: { lessons: lessons.length, minutes: lessons.length * 20, vocabulary: lessons.length * 2, exercises: lessons.length * 2, quizQuestions: lessons.length * 2 },
    generator: { demo: false },
    ...overrides,
  };
}

export { lesson as fakeLesson };

export const fakeQuality: QualityView = {
  holds: false,
  metrics: { coveragePct: 90, recyclingPct: 50, duplicateTerms: 0, invalidQuizAnswers: 1, emptySections: 0, estimatedMinutes: [20, 20, 20] },
  findings: [
    { rule: 'quiz-answer', severity: 'fail', lesson: 3, message: 'lesson 3: quiz question 2 has no right answer' },
    { rule: 'recycling', severity: 'warn', message: 'few lessons reuse earlier terms' },
  ],
  repairs: [],
};

export function fakeCourseDetail(jobId: string, course = fakeCourse()): CourseDetail {
  return { jobId, course, quality: fakeQuality };
}
