import type { z } from 'zod';
import { sectionSchemas, type LessonContent, type PlannedLesson } from '../course/course-schema.js';
import type { Section } from '../spec/spec-schema.js';
import type { Repair } from './quality-types.js';
import { normalizeTerm } from './term-match.js';

// Local repairs of one lesson's answer. Each section is judged on its own, so a broken quiz
// does not cost a good dialogue; inside the vocabulary, exercises and quiz each item is judged on
// its own too. What only the model can fix is reported as a broken part, to be asked for alone.

/** A part of a lesson only the model can supply, with the problem in words it can act on. */
export type BrokenPart =
  | { kind: 'section'; section: Exclude<Section, 'vocabulary'>; problem: string }
  /** Planned terms without a (usable) vocabulary entry. */
  | { kind: 'vocabulary'; terms: string[]; problem: string }
  /** Quiz questions to stand in for broken ones; the good ones are already in the content. */
  | { kind: 'quiz-questions'; count: number; problem: string };

export interface SalvagedLesson {
  content: LessonContent;
  broken: BrokenPart[];
  repairs: Repair[];
  /** Why nothing in the answer could be used; empty when something could. */
  problems: string[];
}

type Items<S extends 'vocabulary' | 'exercises' | 'quiz'> = NonNullable<LessonContent[S]>;

/** The answer's usable parts, with the lesson's title and (if missing) summary from its plan. */
export function salvageLesson(raw: unknown, sections: readonly Section[], plan: PlannedLesson): SalvagedLesson {
  const answer = tidyAnswer(raw);
  const n = plan.number;
  const repairs: Repair[] = [];
  const broken: BrokenPart[] = [];
  const content: LessonContent = { title: plan.title, summary: '' };

  for (const section of sections) {
    const value = answer[section];
    if (section === 'vocabulary') {
      const { items, missing, notes } = salvageVocabulary(value, plan);
      if (items.length) content.vocabulary = items;
      repairs.push(...notes);
      if (missing.length) broken.push({ kind: 'vocabulary', terms: missing, problem: `no usable entry for ${missing.map((t) => `"${t}"`).join(', ')}` });
    } else if (section === 'quiz') {
      const { good, bad } = salvageItems(value, sectionSchemas.quiz.element, quizProblem);
      if (good.length) content.quiz = good;
      if (!good.length) broken.push({ kind: 'section', section, problem: bad[0] ?? 'the quiz is missing or empty' });
      else if (bad.length) broken.push({ kind: 'quiz-questions', count: bad.length, problem: bad.join('; ') });
    } else if (section === 'exercises') {
      const { good, bad } = salvageItems(value, sectionSchemas.exercises.element);
      if (good.length) content.exercises = good;
      if (!good.length) broken.push({ kind: 'section', section, problem: bad[0] ?? 'the exercises are missing or empty' });
      else if (bad.length) repairs.push({ kind: 'part-dropped', lesson: n, where: `lesson ${n} exercises`, detail: `${bad.length} unusable exercise(s) left out (${bad[0]}); ${good.length} kept` });
    } else {
      const parsed = sectionSchemas[section].safeParse(value);
      if (parsed.success) (content as Record<string, unknown>)[section] = parsed.data;
      else broken.push({ kind: 'section', section, problem: value === undefined ? `the ${section} section is missing` : `the ${section} section is unusable: ${firstIssue(parsed.error)}` });
    }
  }

  const wholeSectionsBroken = broken.filter((b) => b.kind === 'section' || (b.kind === 'vocabulary' && b.terms.length === plan.vocabulary.length)).length;
  if (wholeSectionsBroken === sections.length) {
    return { content, broken, repairs, problems: broken.map((b) => b.problem) };
  }
  if (typeof answer.summary === 'string' && answer.summary.trim()) content.summary = answer.summary.trim();
  else {
    content.summary = `${plan.title}: ${plan.goals.join('; ')}.`;
    repairs.push({ kind: 'filled-in', lesson: n, where: `lesson ${n} summary`, detail: 'the summary was missing; it was written from the lesson\'s goals' });
  }
  return { content, broken, repairs, problems: [] };
}

/**
 * The answer as the course keeps it: strict Structured Outputs says "no gender" (a verb's) with
 * null, the course by leaving the field out; a blank reading is no reading (the quality checks
 * then ask for it again), not a reason to throw the whole entry away.
 */
export function tidyAnswer(raw: unknown): Record<string, unknown> {
  const tidy = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(tidy);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'gender' || key === 'article') && v === null) continue;
      if (key === 'reading' || key === 'exampleReading') {
        const reading = v as { text?: unknown; kana?: unknown } | null;
        if (!reading || typeof reading !== 'object' || blank(reading.text)) continue;
        const { kana, ...rest } = reading;
        out[key] = blank(kana) ? rest : reading;
        continue;
      }
      out[key] = tidy(v);
    }
    return out;
  };
  const tidied = tidy(raw);
  return (tidied && typeof tidied === 'object' && !Array.isArray(tidied) ? tidied : {}) as Record<string, unknown>;
}

const blank = (value: unknown) => typeof value !== 'string' || !value.trim();

/** Keeps the entries for the lesson's planned terms, each once; reports planned terms left without one. */
export function salvageVocabulary(value: unknown, plan: PlannedLesson): { items: Items<'vocabulary'>; missing: string[]; notes: Repair[] } {
  const n = plan.number;
  const planned = new Map(plan.vocabulary.map((t) => [normalizeTerm(t), t]));
  const byTerm = new Map<string, Items<'vocabulary'>[number]>();
  const notes: Repair[] = [];
  const { good } = salvageItems(value, sectionSchemas.vocabulary.element);
  for (const item of good) {
    const key = normalizeTerm(item.term);
    const term = planned.get(key);
    if (term === undefined) {
      notes.push({ kind: 'extra-dropped', lesson: n, where: `lesson ${n} vocabulary`, detail: `"${item.term}" is not one of the lesson's planned terms; left out` });
    } else if (byTerm.has(key)) {
      notes.push({ kind: 'duplicate-term-dropped', lesson: n, where: `lesson ${n} vocabulary`, detail: `"${item.term}" had two entries; the second was left out` });
    } else byTerm.set(key, { ...item, term });
  }
  // In the plan's order, so the lesson reads as planned whatever order the model used.
  const items = [...planned.keys()].flatMap((key) => (byTerm.has(key) ? [byTerm.get(key)!] : []));
  const missing = [...planned].filter(([key]) => !byTerm.has(key)).map(([, term]) => term);
  return { items, missing, notes };
}

/** Each item of a list section judged alone: the usable ones, and a problem for each other one. */
function salvageItems<T>(value: unknown, schema: z.ZodType<T>, extraCheck?: (item: T, index: number) => string | undefined): { good: T[]; bad: string[] } {
  if (!Array.isArray(value)) return { good: [], bad: [] };
  const good: T[] = [];
  const bad: string[] = [];
  value.forEach((item, i) => {
    const parsed = schema.safeParse(item);
    const problem = parsed.success ? extraCheck?.(parsed.data, i) : `item ${i + 1}: ${firstIssue(parsed.error)}`;
    if (problem) bad.push(problem);
    else if (parsed.success) good.push(parsed.data);
  });
  return { good, bad };
}

function quizProblem(question: { answerIndex: number; options: string[] }, i: number): string | undefined {
  return question.answerIndex < question.options.length
    ? undefined
    : `question ${i + 1}: the answer index ${question.answerIndex} points at no option (there are ${question.options.length}; count from 0)`;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${issue.path.join('.') || '(the whole section)'}: ${issue.message}`;
}

/**
 * Merges the answer to a broken part into the lesson. Returns what is still broken (fewer
 * terms or questions than before, or the same section with its new problem), or nothing.
 */
export function applyLessonPart(content: LessonContent, plan: PlannedLesson, part: BrokenPart, raw: unknown): BrokenPart | undefined {
  const answer = tidyAnswer(raw);
  if (part.kind === 'vocabulary') {
    const { items, missing } = salvageVocabulary(answer.vocabulary, { ...plan, vocabulary: part.terms });
    const have = new Map([...(content.vocabulary ?? []), ...items].map((item) => [normalizeTerm(item.term), item]));
    const ordered = plan.vocabulary.flatMap((t) => (have.has(normalizeTerm(t)) ? [have.get(normalizeTerm(t))!] : []));
    if (ordered.length) content.vocabulary = ordered;
    return missing.length ? { kind: 'vocabulary', terms: missing, problem: `still no usable entry for ${missing.map((t) => `"${t}"`).join(', ')}` } : undefined;
  }
  if (part.kind === 'quiz-questions') {
    const { good, bad } = salvageItems(answer.quiz, sectionSchemas.quiz.element, quizProblem);
    const taken = good.slice(0, part.count);
    content.quiz = [...(content.quiz ?? []), ...taken];
    const left = part.count - taken.length;
    return left > 0 ? { kind: 'quiz-questions', count: left, problem: bad.join('; ') || 'no usable question in the answer' } : undefined;
  }
  const { section } = part;
  if (section === 'quiz' || section === 'exercises') {
    const { good, bad } = salvageItems(answer[section], sectionSchemas[section].element as z.ZodType<unknown>, section === 'quiz' ? (quizProblem as never) : undefined);
    if (good.length) {
      (content as Record<string, unknown>)[section] = good;
      return undefined;
    }
    return { kind: 'section', section, problem: bad[0] ?? `the ${section} section is still missing or empty` };
  }
  const parsed = sectionSchemas[section].safeParse(answer[section]);
  if (parsed.success) {
    (content as Record<string, unknown>)[section] = parsed.data;
    return undefined;
  }
  return { kind: 'section', section, problem: `the ${section} section is still unusable: ${firstIssue(parsed.error)}` };
}

/** What a broken part is, in words for a report: "lesson 4 quiz", "lesson 4 vocabulary". */
export function partWhere(plan: PlannedLesson, part: BrokenPart): string {
  return `lesson ${plan.number} ${part.kind === 'section' ? part.section : part.kind === 'vocabulary' ? 'vocabulary' : 'quiz'}`;
}
