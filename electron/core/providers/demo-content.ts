import type { LessonContent, Outline } from '../course/course-schema.js';
import type { CourseSpec } from '../spec/spec-schema.js';

// Sample content for the offline demo. It is deterministic (same spec, same course) and
// says on every page that it is a demo, so nobody mistakes it for a real course.

const DEMO = '[demo]';

const DEFAULT_TOPICS = ['Greetings and introductions', 'Numbers and time', 'Food and drink', 'Getting around', 'Shopping', 'Family and friends', 'Work and study', 'Free time', 'Health', 'Travel plans'];

export function demoOutline(spec: CourseSpec): Outline {
  return {
    summary: `${DEMO} A ${spec.level} ${spec.language} course in ${spec.lessons} lessons, explained in ${spec.nativeLanguage}. This is sample content from FluentPro's demo provider, not a real course.`,
    lessons: Array.from({ length: spec.lessons }, (_, i) => {
      const n = i + 1;
      const topic = spec.topics[i] ?? DEFAULT_TOPICS[i % DEFAULT_TOPICS.length]!;
      return {
        number: n,
        title: `${topic}`,
        goals: [`${DEMO} Talk about ${topic.toLowerCase()} at level ${spec.level}`, `${DEMO} Use the grammar point of lesson ${n}`],
        vocabulary: [1, 2, 3, 4].map((k) => `demo-word-${n}-${k}`),
        grammarPoint: `${DEMO} Grammar point ${n}`,
      };
    }),
  };
}

export function demoLesson(spec: CourseSpec, outline: Outline, lessonNumber: number): LessonContent {
  const planned = outline.lessons.find((l) => l.number === lessonNumber) ?? outline.lessons[lessonNumber - 1]!;
  const lesson: LessonContent = {
    title: planned.title,
    summary: `${DEMO} Lesson ${lessonNumber} of a ${spec.level} ${spec.language} course: ${planned.title}.`,
  };
  for (const section of spec.sections) {
    if (section === 'vocabulary') {
      lesson.vocabulary = planned.vocabulary.map((term, k) => ({
        term,
        translation: `${DEMO} meaning of word ${k + 1}`,
        example: `${DEMO} An example sentence in ${spec.language} with ${term}.`,
        exampleTranslation: `${DEMO} The example in ${spec.nativeLanguage}.`,
      }));
    } else if (section === 'dialogue') {
      lesson.dialogue = {
        setting: `${DEMO} Two people talk about ${planned.title.toLowerCase()}.`,
        lines: ['Ana', 'Ben', 'Ana', 'Ben'].map((speaker, k) => ({
          speaker,
          line: `${DEMO} Line ${k + 1} in ${spec.language}.`,
          translation: `${DEMO} Line ${k + 1} in ${spec.nativeLanguage}.`,
        })),
      };
    } else if (section === 'grammar') {
      lesson.grammar = {
        point: planned.grammarPoint,
        explanation: `${DEMO} An explanation of ${planned.grammarPoint} in ${spec.nativeLanguage}.`,
        examples: [1, 2].map((k) => ({ sentence: `${DEMO} Example ${k} in ${spec.language}.`, translation: `${DEMO} Example ${k} in ${spec.nativeLanguage}.` })),
      };
    } else if (section === 'exercises') {
      lesson.exercises = [1, 2, 3].map((k) => ({
        instruction: `${DEMO} Translate into ${spec.language}.`,
        prompt: `${DEMO} Sentence ${k}.`,
        answer: `${DEMO} Answer ${k}.`,
      }));
    } else if (section === 'quiz') {
      lesson.quiz = [1, 2].map((k) => ({
        question: `${DEMO} Question ${k} about ${planned.title.toLowerCase()}?`,
        options: ['Option A', 'Option B', 'Option C'],
        answerIndex: k % 3,
        explanation: `${DEMO} Option ${'ABC'[k % 3]} is right in this sample.`,
      }));
    }
  }
  return lesson;
}
