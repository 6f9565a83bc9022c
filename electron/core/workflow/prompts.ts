import type { Outline } from '../course/course-schema.js';
import type { LlmMessage } from '../providers/provider.js';
import type { CourseSpec } from '../spec/spec-schema.js';

function system(spec: CourseSpec): LlmMessage {
  return {
    role: 'system',
    content:
      `You are an experienced language teacher and course author. You write ${spec.language} courses for ` +
      `speakers of ${spec.nativeLanguage} at CEFR level ${spec.level}. Explanations and translations are in ` +
      `${spec.nativeLanguage}; everything the learner practises is in ${spec.language}. Answer only with JSON ` +
      `that matches the given schema.`,
  };
}

function notes(spec: CourseSpec): string {
  return spec.notes ? `\nThe author's notes (follow them):\n${spec.notes}\n` : '';
}

export function outlineMessages(spec: CourseSpec): LlmMessage[] {
  const topics = spec.topics.length
    ? `Use these topics, in this order, for the first ${spec.topics.length} lessons:\n${spec.topics.map((t, i) => `${i + 1}. ${t}`).join('\n')}\nChoose fitting topics for the rest.`
    : 'Choose a sensible progression of topics.';
  return [
    system(spec),
    {
      role: 'user',
      content:
        `Plan the course "${spec.title}": exactly ${spec.lessons} lessons, numbered 1 to ${spec.lessons}, ` +
        `each about ${spec.lessonMinutes} minutes.\n${topics}\n` +
        `For each lesson give a title, 1-5 learning goals, the 4-12 ${spec.language} terms it introduces and one grammar point. ` +
        `Spread vocabulary across the course: no term may be introduced by more than one lesson. ` +
        `Each lesson will have these sections: ${spec.sections.join(', ')}.` +
        notes(spec),
    },
  ];
}

export function lessonMessages(spec: CourseSpec, outline: Outline, lessonNumber: number): LlmMessage[] {
  const planned = outline.lessons[lessonNumber - 1]!;
  const earlier = outline.lessons.slice(0, lessonNumber - 1);
  // Earlier lessons' vocabulary comes from the outline, known before any lesson is written, so
  // lessons can be written in parallel and still not repeat each other.
  const alreadyTaught = earlier.length
    ? `Earlier lessons already taught (reuse for review, do not teach again):\n` +
      earlier.map((l) => `- Lesson ${l.number}: ${l.vocabulary.join(', ')}; grammar: ${l.grammarPoint}`).join('\n')
    : 'This is the first lesson: assume no prior knowledge beyond the level.';
  return [
    system(spec),
    {
      role: 'user',
      content:
        `Course "${spec.title}" (${spec.level}, ${spec.lessons} lessons). Course summary: ${outline.summary}\n` +
        `Plan: ${outline.lessons.map((l) => `${l.number}. ${l.title}`).join('; ')}\n\n` +
        `Write lesson ${lessonNumber} of ${spec.lessons}: "${planned.title}", about ${spec.lessonMinutes} minutes.\n` +
        `Goals: ${planned.goals.join('; ')}\n` +
        `Introduce exactly these terms: ${planned.vocabulary.join(', ')}\n` +
        `Grammar point: ${planned.grammarPoint}\n${alreadyTaught}\n` +
        `Sections to write: ${spec.sections.join(', ')}. Quiz answers are given as the index (from 0) of the right option.` +
        notes(spec),
    },
  ];
}
