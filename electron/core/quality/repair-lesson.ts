import type { z } from 'zod';
import { dialogueLineSchema, grammarExampleSchema, sectionSchemas, type LessonContent, type PlannedLesson } from '../course/course-schema.js';
import type { LanguageFacts } from '../language/index.js';
import { languageProblems, type LanguageProblem, type TextSection } from './language-check.js';
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
  | { kind: 'quiz-questions'; count: number; problem: string }
  /**
   * Target-language texts whose language is wrong (another script, no reading, no gender): each
   * item is asked for again alone, all of a lesson's in one request; the rest of the lesson stays.
   */
  | { kind: 'texts'; items: TextFix[]; problem: string };

/** One vocabulary entry, dialogue line or grammar example to write again, with what a model needs to know of it. */
export interface TextFix {
  section: TextSection;
  /** Its index in the section's list. */
  index: number;
  /** JSON Pointer into the lesson of the field found wrong: `/dialogue/lines/2/reading`. */
  pointer: string;
  problem: string;
  /** What it said (the term, for a vocabulary entry). */
  was: string;
  /** Its translation, so the text written again means the same. */
  meaning: string;
  /** Who says a dialogue line. */
  speaker?: string;
}

/**
 * The language problems of a lesson that the model can fix, as one part to ask for again; a
 * term's own script is the plan's (the term is given), so it is reported, not asked for.
 */
export function languagePart(content: LessonContent, facts: LanguageFacts): Extract<BrokenPart, { kind: 'texts' }> | undefined {
  const problems = languageProblems(content, facts).filter((p) => !(p.rule.startsWith('wrong-') && p.pointer.endsWith('/term')));
  // One fix per item, however many of its fields are wrong.
  const byItem = new Map<string, LanguageProblem[]>();
  for (const p of problems) byItem.set(`${p.section}/${p.index}`, [...(byItem.get(`${p.section}/${p.index}`) ?? []), p]);
  const items = [...byItem.values()].map((ps): TextFix => {
    const { section, index, pointer } = ps[0]!;
    const problem = ps.map((p) => p.problem).join('; ');
    if (section === 'vocabulary') {
      const item = content.vocabulary![index]!;
      return { section, index, pointer, problem, was: item.term, meaning: item.translation };
    }
    if (section === 'dialogue') {
      const line = content.dialogue!.lines[index]!;
      return { section, index, pointer, problem, was: line.line, meaning: line.translation, speaker: line.speaker };
    }
    const example = content.grammar!.examples[index]!;
    return { section, index, pointer, problem, was: example.sentence, meaning: example.translation };
  });
  return items.length ? { kind: 'texts', items, problem: items.map((i) => i.problem).join('; ') } : undefined;
}

/** "vocabulary "市場"", "dialogue line 2", "grammar example 1". */
export function textFixWhere(item: TextFix): string {
  return item.section === 'vocabulary' ? `vocabulary "${item.was}"` : item.section === 'dialogue' ? `dialogue line ${item.index + 1}` : `grammar example ${item.index + 1}`;
}

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
export function applyLessonPart(content: LessonContent, plan: PlannedLesson, part: BrokenPart, raw: unknown, facts?: LanguageFacts): BrokenPart | undefined {
  const answer = tidyAnswer(raw);
  if (part.kind === 'texts') return applyTexts(content, plan, part, answer, facts ?? { name: '', direction: 'ltr' });
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

/**
 * The texts written again, each put in its place only when its language is now right (and the
 * rest of the entry still usable); the ones still wrong are returned with their new problem.
 */
function applyTexts(content: LessonContent, plan: PlannedLesson, part: Extract<BrokenPart, { kind: 'texts' }>, answer: Record<string, unknown>, facts: LanguageFacts): BrokenPart | undefined {
  const terms = part.items.filter((i) => i.section === 'vocabulary').map((i) => i.was);
  const entries = terms.length ? new Map(salvageVocabulary(answer.vocabulary, { ...plan, vocabulary: terms }).items.map((item) => [normalizeTerm(item.term), item])) : new Map();
  const lines = Array.isArray(answer.lines) ? answer.lines : [];
  const examples = Array.isArray(answer.examples) ? answer.examples : [];
  let line = 0;
  let example = 0;
  const left: TextFix[] = [];
  for (const item of part.items) {
    let candidate: unknown;
    let lesson: Pick<LessonContent, 'vocabulary' | 'dialogue' | 'grammar'>;
    if (item.section === 'vocabulary') {
      candidate = entries.get(normalizeTerm(item.was));
      lesson = { vocabulary: candidate ? [candidate as NonNullable<LessonContent['vocabulary']>[number]] : [] };
    } else if (item.section === 'dialogue') {
      const parsed = dialogueLineSchema.safeParse({ ...(lines[line++] as object), speaker: item.speaker });
      candidate = parsed.success ? parsed.data : undefined;
      lesson = { dialogue: { setting: '', lines: candidate ? [parsed.data!] : [] } };
    } else {
      const parsed = grammarExampleSchema.safeParse(examples[example++]);
      candidate = parsed.success ? parsed.data : undefined;
      lesson = { grammar: { point: '', explanation: '', examples: candidate ? [parsed.data!] : [] } };
    }
    const still = candidate ? languageProblems(lesson, facts).filter((p) => !(p.rule.startsWith('wrong-') && p.pointer.endsWith('/term'))) : [];
    if (!candidate || still.length) {
      left.push({ ...item, problem: candidate ? still.map((p) => p.problem).join('; ') : `no usable ${textFixWhere(item)} in the answer` });
      continue;
    }
    if (item.section === 'vocabulary') content.vocabulary![item.index] = candidate as NonNullable<LessonContent['vocabulary']>[number];
    else if (item.section === 'dialogue') content.dialogue!.lines[item.index] = candidate as NonNullable<LessonContent['dialogue']>['lines'][number];
    else content.grammar!.examples[item.index] = candidate as NonNullable<LessonContent['grammar']>['examples'][number];
  }
  return left.length ? { kind: 'texts', items: left, problem: left.map((i) => i.problem).join('; ') } : undefined;
}

/** What a broken part is, in words for a report: "lesson 4 quiz", "lesson 4 vocabulary". */
export function partWhere(plan: PlannedLesson, part: BrokenPart): string {
  if (part.kind === 'texts') return `lesson ${plan.number} ${part.items.map(textFixWhere).join(', ')}`;
  return `lesson ${plan.number} ${part.kind === 'section' ? part.section : part.kind === 'vocabulary' ? 'vocabulary' : 'quiz'}`;
}
