import type { LessonContent, Outline } from './course-schema.js';

// Checks the JSON schema cannot express. Each problem is phrased so that it can be sent back
// to the model as feedback and also read by a person.

export function outlineProblems(outline: Outline): string[] {
  const problems: string[] = [];
  outline.lessons.forEach((lesson, i) => {
    if (lesson.number !== i + 1) problems.push(`lessons.${i}.number: is ${lesson.number}, expected ${i + 1} (number the lessons 1, 2, 3, … in order)`);
  });
  const firstSeen = new Map<string, number>();
  for (const lesson of outline.lessons) {
    for (const term of lesson.vocabulary) {
      const key = term.trim().toLocaleLowerCase();
      const earlier = firstSeen.get(key);
      if (earlier !== undefined && earlier !== lesson.number) {
        problems.push(`lesson ${lesson.number} introduces "${term}" again, already introduced in lesson ${earlier}; give it a new term`);
      } else firstSeen.set(key, lesson.number);
    }
  }
  return problems;
}

export function lessonProblems(lesson: LessonContent): string[] {
  const problems: string[] = [];
  lesson.quiz?.forEach((question, i) => {
    if (question.answerIndex >= question.options.length) {
      problems.push(`quiz.${i}.answerIndex: is ${question.answerIndex} but there are only ${question.options.length} options (count from 0)`);
    }
  });
  return problems;
}
