import type { LessonContent, Outline, PlannedLesson } from '../course/course-schema.js';
import type { PartRange } from '../quality/repair-outline.js';
import type { BrokenPart } from '../quality/repair-lesson.js';
import type { CourseSpec, Section } from '../spec/spec-schema.js';

// Placeholder content for the offline demo, for specs it has no written course for
// (demo-library.ts holds the example specs' real ones). It is deterministic (same spec, same
// course) and says on every page that it is a demo, so nobody mistakes it for a real course.
// Answers have the shape a real model is asked for (answer-schemas.ts): no numbers, no lesson titles.

const DEMO = '[demo]';

const DEFAULT_TOPICS = ['Greetings and introductions', 'Numbers and time', 'Food and drink', 'Getting around', 'Shopping', 'Family and friends', 'Work and study', 'Free time', 'Health', 'Travel plans'];

function demoSummary(spec: CourseSpec): string {
  return `${DEMO} A ${spec.level} ${spec.language} course in ${spec.lessons} lessons, explained in ${spec.nativeLanguage}. This is sample content from FluentPro's demo provider, not a real course.`;
}

function demoPlan(spec: CourseSpec, n: number): PlannedLesson {
  const topic = spec.topics[n - 1] ?? DEFAULT_TOPICS[(n - 1) % DEFAULT_TOPICS.length]!;
  return {
    number: n,
    title: topic,
    goals: [`${DEMO} Talk about ${topic.toLowerCase()} at level ${spec.level}`, `${DEMO} Use the grammar point of lesson ${n}`],
    vocabulary: [1, 2, 3, 4].map((k) => `demo-word-${n}-${k}`),
    grammarPoint: `${DEMO} Grammar point ${n}`,
  };
}

/** Lesson `n` of the placeholder plan, as an outline answer gives it (numbers are the program's, so none). */
export function demoPlanAnswer(spec: CourseSpec, n: number): Omit<PlannedLesson, 'number'> {
  const { number: _n, ...answer } = demoPlan(spec, n);
  return answer;
}

/** The answer to "plan lessons from … to …". */
export function demoOutlinePart(spec: CourseSpec, range: PartRange, withSummary: boolean) {
  const lessons = Array.from({ length: range.count }, (_, i) => demoPlanAnswer(spec, range.from + i));
  return withSummary ? { summary: demoSummary(spec), lessons } : { lessons };
}

/** The whole plan at once, as the workflow assembles it from its parts. */
export function demoOutline(spec: CourseSpec): Outline {
  return { summary: demoSummary(spec), lessons: Array.from({ length: spec.lessons }, (_, i) => demoPlan(spec, i + 1)) };
}

export function demoNewTerms(lesson: PlannedLesson, need: number) {
  return { terms: Array.from({ length: need }, (_, k) => `demo-extra-${lesson.number}-${k + 1}`) };
}

function demoSection(spec: CourseSpec, plan: PlannedLesson, section: Section, terms: readonly string[] = plan.vocabulary): unknown {
  const title = plan.title.toLowerCase();
  switch (section) {
    case 'vocabulary':
      return terms.map((term, k) => ({
        term,
        translation: `${DEMO} meaning of word ${k + 1}`,
        example: `${DEMO} An example sentence in ${spec.language} with ${term}.`,
        exampleTranslation: `${DEMO} The example in ${spec.nativeLanguage}.`,
      }));
    case 'dialogue':
      return {
        setting: `${DEMO} Two people talk about ${title}.`,
        // Each line uses a new term, so the demo course shows what the quality report counts as "used".
        lines: ['Ana', 'Ben', 'Ana', 'Ben'].map((speaker, k) => ({
          speaker,
          line: `${DEMO} Line ${k + 1} in ${spec.language} with ${plan.vocabulary[k % plan.vocabulary.length]}.`,
          translation: `${DEMO} Line ${k + 1} in ${spec.nativeLanguage}.`,
        })),
      };
    case 'grammar':
      return {
        point: plan.grammarPoint,
        explanation: `${DEMO} An explanation of ${plan.grammarPoint} in ${spec.nativeLanguage}.`,
        examples: [1, 2].map((k) => ({ sentence: `${DEMO} Example ${k} in ${spec.language}.`, translation: `${DEMO} Example ${k} in ${spec.nativeLanguage}.` })),
      };
    case 'exercises':
      // About as much practice as the spec's lesson length asks for, reviewing the previous
      // lesson's words, so the demo course passes its own quality checks as a real one should.
      return Array.from({ length: Math.max(3, Math.ceil(spec.lessonMinutes / 2.2)) }, (_, i) => {
        const k = i + 1;
        const review = plan.number > 1 ? ` (review: demo-word-${plan.number - 1}-${(i % 4) + 1})` : '';
        return { instruction: `${DEMO} Translate into ${spec.language}.`, prompt: `${DEMO} Sentence ${k}${review}.`, answer: `${DEMO} Answer ${k}.` };
      });
    case 'quiz':
      return Array.from({ length: Math.max(2, Math.ceil(spec.lessonMinutes / 5)) }, (_, i) => demoQuestion(title, i + 1, plan.vocabulary[i % plan.vocabulary.length]!));
  }
}

function demoQuestion(title: string, k: number, term: string) {
  return {
    question: `${DEMO} Question ${k} about ${title}: what does ${term} mean?`,
    options: ['Option A', 'Option B', 'Option C'],
    answerIndex: k % 3,
    explanation: `${DEMO} Option ${'ABC'[k % 3]} is right in this sample.`,
  };
}

/** The answer to "write lesson N": its summary and sections (the title is the plan's). */
export function demoLessonAnswer(spec: CourseSpec, plan: PlannedLesson): Record<string, unknown> {
  const answer: Record<string, unknown> = { summary: `${DEMO} Lesson ${plan.number} of a ${spec.level} ${spec.language} course: ${plan.title}.` };
  for (const section of spec.sections) answer[section] = demoSection(spec, plan, section);
  return answer;
}

/** A lesson as the course keeps it. */
export function demoLesson(spec: CourseSpec, outline: Outline, lessonNumber: number): LessonContent {
  const plan = outline.lessons.find((l) => l.number === lessonNumber)!;
  return { title: plan.title, ...demoLessonAnswer(spec, plan) } as LessonContent;
}

export function demoLessonPart(spec: CourseSpec, plan: PlannedLesson, part: BrokenPart): Record<string, unknown> {
  if (part.kind === 'vocabulary') return { vocabulary: demoSection(spec, plan, 'vocabulary', part.terms) };
  // The demo's placeholders are never judged by language (write-lesson.ts), so never asked for again.
  if (part.kind === 'texts') return {};
  if (part.kind === 'quiz-questions') return { quiz: Array.from({ length: part.count }, (_, k) => demoQuestion(plan.title.toLowerCase(), k + 1, plan.vocabulary[0]!)) };
  return { [part.section]: demoSection(spec, plan, part.section) };
}
