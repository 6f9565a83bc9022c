import type { CheckedLesson, CourseContent } from '../../electron/core/quality/check-course.js';

// Small hand-written Spanish lessons whose every figure can be worked out on paper.

export interface LessonText {
  terms: string[];
  /** Dialogue lines: the lesson's practice text. */
  lines: string[];
  exercises?: number;
  quiz?: number;
}

/**
 * A lesson with the given terms and dialogue lines. Every term's own example sentence contains
 * it (as a model writes them), and exercises, quiz and grammar use no vocabulary, so the
 * dialogue alone decides what counts as used.
 */
export function lesson(number: number, { terms, lines, exercises = 3, quiz = 2 }: LessonText): CheckedLesson {
  return {
    number,
    vocabulary: terms.map((term) => ({ term, translation: 'meaning', example: `Una frase con ${term}.`, exampleTranslation: 'A sentence.' })),
    dialogue: { setting: 'A café.', lines: lines.map((line, i) => ({ speaker: i % 2 ? 'Ben' : 'Ana', line, translation: 'translation' })) },
    // 3 words of explanation, 2 words of example.
    grammar: { point: 'Word order', explanation: 'Subjects come first.', examples: [{ sentence: 'Ana come.', translation: 'Ana eats.' }] },
    exercises: Array.from({ length: exercises }, (_, i) => ({ instruction: 'Write the number.', prompt: `${i + 1} + 1`, answer: String(i + 2) })),
    quiz: Array.from({ length: quiz }, () => ({ question: '¿Cuántos?', options: ['uno', 'dos', 'tres'], answerIndex: 1, explanation: 'Dos.' })),
  };
}

/** Two lessons that pass every rule at 10 minutes a lesson. */
export function cleanCourse(): CourseContent {
  return {
    sections: ['vocabulary', 'dialogue', 'grammar', 'exercises', 'quiz'],
    lessonMinutes: 10,
    lessons: [
      lesson(1, { terms: ['hola', 'gracias', 'adiós'], lines: ['¡Hola, Ana!', 'Gracias, adiós.'] }),
      lesson(2, { terms: ['la mesa', 'el vaso', 'la silla'], lines: ['La mesa y la silla.', '¡Hola! El vaso, por favor.'] }),
    ],
  };
}
