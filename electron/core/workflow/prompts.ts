import { TERMS_ASKED } from '../course/answer-schemas.js';
import type { PlannedLesson } from '../course/course-schema.js';
import { languageFacts } from '../language/index.js';
import type { LlmMessage } from '../providers/provider.js';
import type { PartRange } from '../quality/repair-outline.js';
import type { BrokenPart, TextFix } from '../quality/repair-lesson.js';
import type { CourseSpec } from '../spec/spec-schema.js';

// Every prompt carries only what its answer needs, so no prompt grows with the course: a lesson
// sees its own plan, its neighbours' titles and a few recent terms to recycle, never the whole
// outline. Each user message names the course in quotes first (the test server keys on it).

/** Terms of this many preceding lessons are offered for review in a lesson. */
export const REVIEW_LESSONS = 2;

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

export interface PlanContext {
  /** The course summary, once the first part wrote it. */
  summary?: string;
  /** Every lesson planned so far, in order. */
  planned: readonly PlannedLesson[];
}

/** Lessons `range.from` … of the plan; the first part also writes the course summary. */
export function outlinePartMessages(spec: CourseSpec, range: PartRange, context: PlanContext): LlmMessage[] {
  const last = range.from + range.count - 1;
  const topics = spec.topics.slice(range.from - 1, last);
  const topicText = topics.length
    ? `Use these topics, in this order, for the first ${topics.length} of these lessons:\n${topics.map((t) => `- ${t}`).join('\n')}\n${topics.length < range.count ? 'Choose fitting topics for the rest.\n' : ''}`
    : 'Choose a sensible progression of topics.\n';
  const earlier = context.planned.length
    ? `Course summary: ${context.summary ?? ''}\n` +
      `Lessons already planned: ${context.planned.map((l) => `${l.number}. ${l.title} (${l.grammarPoint})`).join('; ')}\n` +
      `Terms already planned (never use any of them again): ${context.planned.flatMap((l) => l.vocabulary).join(', ')}\n`
    : '';
  return [
    system(spec),
    {
      role: 'user',
      content:
        `Plan lessons ${range.from} to ${last} of the course "${spec.title}" (${spec.lessons} lessons in all, each about ${spec.lessonMinutes} minutes)` +
        `${context.planned.length ? '' : ' and write a short summary of the whole course'}.\n` +
        earlier +
        topicText +
        `Give exactly ${range.count} lessons, in order. For each: a title (without a number), 1-5 learning goals, the ${TERMS_ASKED.min}-${TERMS_ASKED.max} ${spec.language} terms it introduces, and one grammar point. ` +
        `No term may be introduced by more than one lesson. Each lesson will have these sections: ${spec.sections.join(', ')}.` +
        notes(spec),
    },
  ];
}

/** Replacement terms for one lesson whose planned terms earlier lessons had already taken. */
export function newTermsMessages(spec: CourseSpec, lesson: PlannedLesson, need: number, taken: readonly string[]): LlmMessage[] {
  return [
    system(spec),
    {
      role: 'user',
      content:
        `Course "${spec.title}" (${spec.level}). New terms for lesson ${lesson.number}: "${lesson.title}" (${lesson.grammarPoint}).\n` +
        `It already introduces: ${lesson.vocabulary.join(', ') || 'nothing yet'}.\n` +
        `Give ${need} more ${spec.language} terms that fit this lesson and are none of these, which other lessons already teach: ${taken.join(', ')}`,
    },
  ];
}

export interface LessonContext {
  summary: string;
  previous?: PlannedLesson;
  next?: PlannedLesson;
  /** Terms of the lessons just before, for review (reused, not taught again). */
  reviewTerms: readonly string[];
  /** Terms the other lessons teach, not to be introduced here (a lesson written again; absent otherwise). */
  otherTerms?: readonly string[];
  /** The author's wish for this lesson ("simpler dialogue"), when it is written again. */
  note?: string;
}

function lessonHeader(spec: CourseSpec, plan: PlannedLesson, context: LessonContext): string {
  const around = [
    context.previous && `Previous lesson: ${context.previous.number}. ${context.previous.title}`,
    context.next && `Next lesson: ${context.next.number}. ${context.next.title}`,
  ].filter(Boolean);
  return (
    `Course "${spec.title}" (${spec.level}, ${spec.lessons} lessons). Course summary: ${context.summary}\n` +
    (around.length ? `${around.join(' · ')}\n` : '') +
    `Lesson ${plan.number}: "${plan.title}", about ${spec.lessonMinutes} minutes.\n` +
    `Goals: ${plan.goals.join('; ')}\n` +
    `New terms: ${plan.vocabulary.join(', ')}\n` +
    `Grammar point: ${plan.grammarPoint}\n`
  );
}

/** What the course's language asks of a lesson beyond its text: parts of speech, genders, readings (as its schema does). */
function languageAsks(spec: CourseSpec): string {
  const facts = languageFacts(spec.language);
  const asks = ["Give each term's part of speech."];
  if (facts.gender) {
    const withArticle = Object.keys(facts.gender.articles).length ? ' and the definite article said with it' : '';
    asks.push(`Give each noun's grammatical gender${withArticle} (null for a word that is not a noun).`);
  }
  if (facts.reading) asks.push(`Give the reading of every ${spec.language} term, example, dialogue line and grammar example: ${facts.reading.instruction}.`);
  return `Write every example, dialogue line and grammar example in ${spec.language}. ${asks.join(' ')}\n`;
}

export function lessonMessages(spec: CourseSpec, plan: PlannedLesson, context: LessonContext): LlmMessage[] {
  const review = context.reviewTerms.length
    ? `Review terms from the lessons just before (use some in the dialogue and exercises; do not teach them again): ${context.reviewTerms.join(', ')}\n`
    : 'This is the first lesson: assume no prior knowledge beyond the level.\n';
  return [
    system(spec),
    {
      role: 'user',
      content:
        `Write lesson ${plan.number} of ${spec.lessons}. ` +
        lessonHeader(spec, plan, context) +
        review +
        (context.otherTerms?.length ? `Terms other lessons teach (do not introduce them here): ${context.otherTerms.join(', ')}\n` : '') +
        (context.note ? `The author asks for this lesson: ${context.note}\n` : '') +
        languageAsks(spec) +
        `Give one vocabulary entry for each new term, and use every new term at least once in the dialogue, the exercises or the grammar examples. ` +
        `Sections to write: ${spec.sections.join(', ')}. Quiz answers are given as the index (from 0) of the right option.` +
        notes(spec),
    },
  ];
}

/** One text to write again, as the model is told of it. */
function textFixAsk(item: TextFix): string {
  if (item.section === 'vocabulary') return `- the vocabulary entry for "${item.was}" ("${item.meaning}"): ${item.problem}`;
  const what = item.section === 'dialogue' ? `dialogue line ${item.index + 1} (spoken by ${item.speaker})` : `grammar example ${item.index + 1}`;
  return `- ${what}, meaning "${item.meaning}", was "${item.was}": ${item.problem}`;
}

/** One broken part of a lesson asked for alone, with the problem stated; the rest of the lesson is kept. */
export function lessonPartMessages(spec: CourseSpec, plan: PlannedLesson, context: LessonContext, part: BrokenPart): LlmMessage[] {
  const ask =
    part.kind === 'texts'
      ? `Write these again, each in ${spec.language} and fixing its problem; keep what each means:\n${part.items.map(textFixAsk).join('\n')}\n` +
        'Answer with the vocabulary entries for those terms, then the dialogue lines and the grammar examples in the order listed.'
      : part.kind === 'vocabulary'
      ? `Write the vocabulary entries for exactly these terms: ${part.terms.join(', ')}.`
      : part.kind === 'quiz-questions'
        ? `Write ${part.count} new quiz question(s) for this lesson. Give the right option's index counting from 0.`
        : `Write the ${part.section} section of this lesson.`;
  return [
    system(spec),
    {
      role: 'user',
      content: `Fix lesson ${plan.number} of ${spec.lessons}. ` + lessonHeader(spec, plan, context) + `The first answer had a problem: ${part.problem}.\n${ask}\n` + languageAsks(spec) + notes(spec),
    },
  ];
}
