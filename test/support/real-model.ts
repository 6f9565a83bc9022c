import { createHash } from 'node:crypto';
import { ENGLISH_SLIPS } from './fake-language.js';
import type { ChatRequest } from './fake-llm-server.js';

// "Real model" mode for the test server: answers that fit the JSON schema but are imperfect the
// way real models' answers are. Rates are per answer (or per term). Each answer's draws come from
// the seed and the request's own name and attempt, not from arrival order, so the same seed
// spoils the same answers however requests interleave: a run can be replayed exactly.

export interface RealModelOptions {
  /** Which answers are spoiled. Default 42. */
  seed?: number;
  /** Share of planned lessons whose title carries a made-up number ("Lesson 175: …"). Default 0.3. */
  numberedTitles?: number;
  /** Share of planned terms replaced by a term planned earlier (the prompt's or the answer's own). Default 0.02. */
  repeatedTerms?: number;
  /** Share of lessons whose dialogue and exercises use none of their new terms. Default 0.1. */
  unusedVocabulary?: number;
  /** Share of answers with a quiz where one answer index points past the options. Default 0.05. */
  quizIndexOutOfRange?: number;
  /** Share of lesson answers with one section left empty. Default 0.03. */
  missingSection?: number;
  /** Share of answers cut off before their end (finish_reason "length"). Default 0.02. */
  truncated?: number;
  /**
   * Share of target-language texts (examples, dialogue lines, grammar examples) written in
   * English instead, their reading too: schema-valid, and what models do when a prompt's English
   * pulls them out of the course's language. Default 0.05.
   */
  englishText?: number;
  /** Share of readings left unwritten: the text copied into its reading as it is (kana and all). Default 0.05. */
  omittedReading?: number;
}

/** A small seeded PRNG (public domain), enough for test draws. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEFAULTS = { numberedTitles: 0.3, repeatedTerms: 0.02, unusedVocabulary: 0.1, quizIndexOutOfRange: 0.05, missingSection: 0.03, truncated: 0.02, englishText: 0.05, omittedReading: 0.05 };

/** A request's name and attempt as a seed; a cryptographic hash, so neighbouring attempts draw independently. */
function hash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

type Json = Record<string, unknown>;

/** The answer spoiled as a real model might, and what was spoiled (for test messages). */
export function imperfectAnswer(answer: unknown, body: ChatRequest, options: RealModelOptions, request: { key: string; attempt: number }): { answer: unknown; flaws: string[]; truncate: boolean } {
  const random = mulberry32(hash(`${options.seed ?? 42}|${request.key}|${request.attempt}`));
  const rate = { ...DEFAULTS, ...options };
  const flaws: string[] = [];
  const value = structuredClone(answer) as Json;
  const chance = (p: number) => random() < p;

  if (Array.isArray(value.lessons)) {
    const prompt = body.messages.find((m) => m.role === 'user')?.content ?? '';
    const pool = /Terms already planned[^:]*: (.+)$/m.exec(prompt)?.[1]?.split(', ') ?? [];
    (value.lessons as Json[]).forEach((lesson, i) => {
      if (chance(rate.numberedTitles)) {
        lesson.title = `Lesson ${175 + 7 * i}: ${lesson.title as string}`;
        flaws.push(`lesson ${i + 1} of the part numbered 175+`);
      }
      lesson.vocabulary = (lesson.vocabulary as string[]).map((term) => {
        if (pool.length && chance(rate.repeatedTerms)) {
          const repeat = pool[Math.floor(random() * pool.length)]!;
          flaws.push(`repeated "${repeat}"`);
          return repeat;
        }
        return term;
      });
      pool.push(...(lesson.vocabulary as string[]));
    });
  }
  if (typeof value.summary === 'string' && 'title' in value === false && !Array.isArray(value.lessons)) {
    // A lesson answer: practice text, quiz and sections can be spoiled.
    if (chance(rate.unusedVocabulary)) {
      stripTermUses(value);
      flaws.push('uses none of its terms');
    }
    const sections = ['dialogue', 'grammar', 'exercises', 'quiz'].filter((s) => s in value);
    if (sections.length && chance(rate.missingSection)) {
      const section = sections[Math.floor(random() * sections.length)]!;
      value[section] = Array.isArray(value[section]) ? [] : section === 'dialogue' ? { ...(value[section] as Json), lines: [] } : { ...(value[section] as Json), explanation: '' };
      flaws.push(`${section} left empty`);
    }
  }
  if (Array.isArray(value.quiz) && value.quiz.length && chance(rate.quizIndexOutOfRange)) {
    const k = Math.floor(random() * value.quiz.length);
    const question = value.quiz[k] as { options: unknown[]; answerIndex: number };
    question.answerIndex = question.options.length + 1;
    flaws.push(`quiz question ${k + 1} answer index out of range`);
  }
  if (!Array.isArray(value.lessons)) slipLanguage(value, rate, chance, random, flaws);
  const truncate = chance(rate.truncated);
  if (truncate) flaws.push('cut off');
  return { answer: value, flaws, truncate };
}

/** The target-language texts of a lesson (or of a part asked again), with the field that holds each one's reading. */
const TEXT_FIELDS: Record<string, string> = { line: 'reading', sentence: 'reading', example: 'exampleReading' };

/** English where the course's language belongs, and readings left unwritten (see RealModelOptions). */
function slipLanguage(value: unknown, rate: typeof DEFAULTS, chance: (p: number) => boolean, random: () => number, flaws: string[]): void {
  if (Array.isArray(value)) return value.forEach((v) => slipLanguage(v, rate, chance, random, flaws));
  if (!value || typeof value !== 'object') return;
  const item = value as Json;
  for (const [field, readingField] of Object.entries(TEXT_FIELDS)) {
    if (typeof item[field] !== 'string') continue;
    const reading = item[readingField] as Json | undefined;
    if (chance(rate.englishText)) {
      const english = ENGLISH_SLIPS[Math.floor(random() * ENGLISH_SLIPS.length)]!;
      flaws.push(`${field} in English ("${english}")`);
      item[field] = english;
      if (reading) for (const k of Object.keys(reading)) reading[k] = english;
    } else if (reading && chance(rate.omittedReading)) {
      flaws.push(`reading of ${field} omitted`);
      for (const k of Object.keys(reading)) reading[k] = item[field];
    }
  }
  const term = item.term;
  const termReading = item.reading as Json | undefined;
  if (typeof term === 'string' && termReading && chance(rate.omittedReading)) {
    flaws.push(`reading of term "${term}" omitted`);
    for (const k of Object.keys(termReading)) termReading[k] = term;
  }
  for (const v of Object.values(item)) if (v && typeof v === 'object') slipLanguage(v, rate, chance, random, flaws);
}

function stripTermUses(value: unknown): void {
  if (Array.isArray(value)) value.forEach(stripTermUses);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') (value as Json)[k] = v.replace(/ (with|—) .+$/, '');
      else stripTermUses(v);
    }
  }
}
