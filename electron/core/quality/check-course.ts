import type { CourseLesson } from '../course/course-schema.js';
import { languageFacts } from '../language/index.js';
import type { Section } from '../spec/spec-schema.js';
import type { QualityFinding, QualityReport, Repair } from './quality-types.js';
import { languageProblems, type LanguageRule } from './language-check.js';
import { normalizeTerm } from './term-match.js';

// The course's quality report, computed from its content alone, so the workflow (before it
// writes course.json) and `fluentpro check` (on a course folder, perhaps edited by hand) agree.
// Every message names its lesson and says what a teacher would change.

/** What the checks read of a lesson: its number and its sections, nothing the model was not asked for. */
export type CheckedLesson = Pick<CourseLesson, 'number' | Section>;

/** How bad each language finding is: text in another language is wrong; a missing reading or gender is advice. */
const LANGUAGE_SEVERITY: Record<LanguageRule, 'fail' | 'warn'> = { 'wrong-script': 'fail', 'wrong-language': 'fail', 'article-mismatch': 'fail', 'missing-reading': 'warn', 'missing-gender': 'warn' };

/** What the checks read of a course; `quality`, `usage` and `generator` are not needed. */
export interface CourseContent {
  lessons: readonly CheckedLesson[];
  /** The sections every lesson should have (the spec's `sections`). */
  sections: readonly Section[];
  /** Minutes a lesson should take (the spec's `lessonMinutes`). */
  lessonMinutes: number;
  /** The course's language; without it, nothing is judged by language. */
  language?: string;
  /** course.json's format: a format 1 course was never asked for readings or genders, so only its script is judged. */
  formatVersion?: number;
  /** The offline demo's sample text is placeholders in English: not judged by language. */
  generator?: { demo: boolean };
}

/** Under this share of its new terms used in its own practice, a lesson gets a warning. */
export const MIN_LESSON_COVERAGE = 0.5;

/**
 * How long a learner spends on each part of a lesson, in minutes. Deliberately simple: the point
 * is to catch a lesson that is clearly too thin or too crammed for `lessonMinutes`, not to time it.
 */
export const LESSON_PACE = {
  /** Read the term and its translation, say it aloud, read its example: about half a minute. */
  vocabularyItemMinutes: 0.5,
  /**
   * New target-language text (dialogue lines, grammar examples) is read slowly, with its
   * translation beside it: about 100 words a minute, under half an adult's native silent reading
   * speed (about 240 words a minute, Brysbaert 2019).
   */
  targetWordsPerMinute: 100,
  /** The grammar explanation is in the learner's own language: about 200 words a minute. */
  nativeWordsPerMinute: 200,
  /** Read the instruction, write an answer, compare it with the key. */
  exerciseMinutes: 1,
  /** Read a question and its options, pick one. */
  quizQuestionMinutes: 0.5,
} as const;

/** A lesson shorter than half or longer than twice `lessonMinutes` gets a warning. */
export const LENGTH_TOLERANCE = 2;

export function checkCourse(course: CourseContent, repairs: readonly Repair[]): QualityReport {
  const lessons = course.lessons;
  const terms = lessons.map(introducedTerms);
  const practice = lessons.map(practiceTexts);

  const duplicates = checkVocabularyUnique(lessons, terms);
  const quiz = checkQuizAnswers(lessons);
  const empty = checkSections(lessons, course.sections);
  const used = checkVocabularyUsed(lessons, terms, practice);
  const recycled = checkVocabularyRecycled(lessons, terms, practice);
  const length = checkLessonLength(lessons, course.lessonMinutes);
  const language = checkLanguage(course);

  const findings = [...duplicates.findings, ...quiz, ...empty, ...used.findings, ...recycled.findings, ...length.findings, ...language];
  return {
    holds: !findings.some((f) => f.severity === 'fail'),
    metrics: {
      coveragePct: used.coveragePct,
      recyclingPct: recycled.recyclingPct,
      duplicateTerms: duplicates.count,
      invalidQuizAnswers: quiz.length,
      emptySections: empty.length,
      estimatedMinutes: length.estimatedMinutes,
    },
    // Problems first, then advice; within each, in lesson order, so a teacher works through the course once.
    findings: findings.sort((a, b) => severityRank(a) - severityRank(b) || (a.lesson ?? 0) - (b.lesson ?? 0)),
    repairs: [...repairs],
  };
}

const severityRank = (f: QualityFinding) => (f.severity === 'fail' ? 0 : 1);

// ── Terms and matching ─────────────────────────────────────────────────────────────────────

// Terms are the same term by normalizeTerm, the comparison the repairs use, so a term the
// generator let through is never one this check calls a repeat.

/** Text as terms are looked for in it: the case and width folding of normalizeTerm, punctuation kept. */
function normalizeText(text: string): string {
  return foldApostrophes(text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/g, ' ').trim());
}

/** Models mix typographic and plain apostrophes ("c’est", "c'est"): both are found either way. */
const foldApostrophes = (text: string) => text.replace(/[\u2018\u2019\u02BC]/g, "'");

/** Scripts written without spaces between words: a term is found anywhere in the text. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

interface Term {
  /** As the lesson wrote it, for messages. */
  text: string;
  /** As it is compared. */
  key: string;
  /** Whether one practice text contains it. */
  occursIn: (text: string) => boolean;
}

function introducedTerms(lesson: CheckedLesson): Term[] {
  return (lesson.vocabulary ?? []).flatMap(({ term }) => {
    const key = normalizeTerm(term);
    return key ? [{ text: term.trim(), key, occursIn: matcher(foldApostrophes(key)) }] : [];
  });
}

/**
 * Whole words, so "mesa" is not found in "mesas" or "comesa"; in scripts without spaces a
 * substring is the best a program can do without a dictionary. Inflected forms ("hablo" for
 * "hablar") are not recognised, so coverage is a lower bound.
 */
function matcher(key: string): (text: string) => boolean {
  if (UNSPACED_SCRIPT.test(key)) return (text) => text.includes(key);
  // Each place the key occurs, with no letter, digit or mark either side. Not a RegExp with
  // Unicode lookarounds per term: compiling and running one per term was a tenth of a course's
  // assembly time.
  return (text) => {
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
      if (!isWordChar(text.codePointAt(previousCodePoint(text, at))) && !isWordChar(text.codePointAt(at + key.length))) return true;
    }
    return false;
  };
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const isWordChar = (codePoint: number | undefined) => codePoint !== undefined && WORD_CHAR.test(String.fromCodePoint(codePoint));

/** Where the code point before `at` starts (a surrogate pair is one character); -1 at the start. */
function previousCodePoint(text: string, at: number): number {
  if (at === 0) return -1;
  const low = text.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? at - 2 : at - 1;
}

/**
 * The target-language text a learner practises with: dialogue lines, exercise prompts and
 * answers, grammar examples, quiz questions and options. Not a term's own example sentence,
 * which always contains it, and not translations.
 */
function practiceTexts(lesson: CheckedLesson): string[] {
  return [
    ...(lesson.dialogue?.lines.map((l) => l.line) ?? []),
    ...(lesson.exercises?.flatMap((e) => [e.prompt, e.answer]) ?? []),
    ...(lesson.grammar?.examples.map((e) => e.sentence) ?? []),
    ...(lesson.quiz?.flatMap((q) => [q.question, ...q.options]) ?? []),
  ].map(normalizeText);
}

const usedIn = (term: Term, texts: readonly string[]) => texts.some(term.occursIn);

/** `"a", "b" and 2 more`: every term accounted for, the message still one line. */
function quoteList(terms: readonly Term[], max = 5): string {
  const shown = quoteSome(terms, max);
  return terms.length > max ? `${shown} and ${terms.length - max} more` : shown;
}

const quoteSome = (terms: readonly Term[], max: number) =>
  terms
    .slice(0, max)
    .map((t) => `"${t.text}"`)
    .join(', ');

/** Percentages are kept to one decimal, as they are printed. */
const pct = (part: number, whole: number) => (whole === 0 ? 100 : Math.round((part / whole) * 1000) / 10);

// ── Rules ──────────────────────────────────────────────────────────────────────────────────

function checkVocabularyUnique(lessons: readonly CheckedLesson[], terms: readonly Term[][]): { findings: QualityFinding[]; count: number } {
  const firstLesson = new Map<string, number>();
  const repeated = new Set<string>();
  const findings: QualityFinding[] = [];
  lessons.forEach((lesson, i) => {
    for (const term of terms[i]!) {
      const first = firstLesson.get(term.key);
      if (first === undefined) {
        firstLesson.set(term.key, lesson.number);
        continue;
      }
      repeated.add(term.key);
      const message = first === lesson.number ? `lesson ${lesson.number} introduces "${term.text}" twice` : `lesson ${lesson.number} introduces "${term.text}" again (first in lesson ${first})`;
      findings.push({ rule: 'vocabulary-unique', severity: 'fail', lesson: lesson.number, message });
    }
  });
  return { findings, count: repeated.size };
}

function checkQuizAnswers(lessons: readonly CheckedLesson[]): QualityFinding[] {
  return lessons.flatMap((lesson) =>
    (lesson.quiz ?? []).flatMap((question, i): QualityFinding[] => {
      const count = question.options.length;
      if (Number.isInteger(question.answerIndex) && question.answerIndex >= 0 && question.answerIndex < count) return [];
      return [
        {
          rule: 'quiz-answers-valid',
          severity: 'fail',
          lesson: lesson.number,
          message: `lesson ${lesson.number} quiz question ${i + 1}: the answer index ${question.answerIndex} points at no option (there are ${count}, counted from 0); set it to the right option`,
        },
      ];
    }),
  );
}

/** Why a section present in a lesson still gives the learner nothing, or undefined when it is fine. */
function emptiness(lesson: CheckedLesson, section: Section): string | undefined {
  const blank = (s: string | undefined) => !s?.trim();
  switch (section) {
    case 'vocabulary':
      return lesson.vocabulary!.length === 0 ? 'it has no terms' : undefined;
    case 'dialogue':
      return lesson.dialogue!.lines.every((l) => blank(l.line)) ? 'it has no lines' : undefined;
    case 'grammar':
      return blank(lesson.grammar!.explanation) ? 'it has no explanation' : lesson.grammar!.examples.length === 0 ? 'it has no examples' : undefined;
    case 'exercises':
      return lesson.exercises!.length === 0 ? 'it has no exercises' : undefined;
    case 'quiz':
      return lesson.quiz!.length === 0 ? 'it has no questions' : undefined;
  }
}

function checkSections(lessons: readonly CheckedLesson[], sections: readonly Section[]): QualityFinding[] {
  return lessons.flatMap((lesson) =>
    sections.flatMap((section): QualityFinding[] => {
      const fail = (message: string): QualityFinding[] => [{ rule: 'no-empty-section', severity: 'fail', lesson: lesson.number, message }];
      if (lesson[section] === undefined) return fail(`lesson ${lesson.number} has no ${section} section, though the course asks for one`);
      const why = emptiness(lesson, section);
      return why ? fail(`lesson ${lesson.number}'s ${section} section is empty: ${why}`) : [];
    }),
  );
}

function checkVocabularyUsed(lessons: readonly CheckedLesson[], terms: readonly Term[][], practice: readonly string[][]): { findings: QualityFinding[]; coveragePct: number } {
  let total = 0;
  let used = 0;
  const findings: QualityFinding[] = [];
  lessons.forEach((lesson, i) => {
    const own = terms[i]!;
    const unused = own.filter((t) => !usedIn(t, practice[i]!));
    total += own.length;
    used += own.length - unused.length;
    if (own.length > 0 && (own.length - unused.length) / own.length < MIN_LESSON_COVERAGE) {
      findings.push({
        rule: 'vocabulary-used',
        severity: 'warn',
        lesson: lesson.number,
        message: `lesson ${lesson.number} uses only ${own.length - unused.length} of its ${own.length} new terms in its dialogue, exercises, grammar examples or quiz; not used: ${quoteList(unused)}`,
      });
    }
  });
  return { findings, coveragePct: pct(used, total) };
}

function checkVocabularyRecycled(lessons: readonly CheckedLesson[], terms: readonly Term[][], practice: readonly string[][]): { findings: QualityFinding[]; recyclingPct: number } {
  let checked = 0;
  let recycling = 0;
  const findings: QualityFinding[] = [];
  lessons.forEach((lesson, i) => {
    const earlier = terms.slice(0, i).flat();
    // The first lesson, and any lesson before which nothing was taught, has nothing to reuse.
    if (earlier.length === 0) return;
    checked++;
    if (earlier.some((t) => usedIn(t, practice[i]!))) {
      recycling++;
      return;
    }
    const latest = terms.slice(0, i).findLast((list) => list.length > 0)!;
    findings.push({
      rule: 'vocabulary-recycled',
      severity: 'warn',
      lesson: lesson.number,
      message: `lesson ${lesson.number} reuses no term of earlier lessons; bring a few back in its dialogue or exercises (for example ${quoteSome(latest, 3)})`,
    });
  });
  return { findings, recyclingPct: pct(recycling, checked) };
}

/** Han and kana run without spaces; about two characters make a word (native readers: ~500 characters or ~250 words a minute). */
const CJK_CHARS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;

export function countWords(text: string): number {
  const cjk = text.match(CJK_CHARS)?.length ?? 0;
  const spaced = text
    .replace(CJK_CHARS, ' ')
    .split(/\s+/)
    .filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
  return spaced + cjk / 2;
}

/** Minutes a learner spends on a lesson, by LESSON_PACE, to one decimal. */
export function estimateLessonMinutes(lesson: CheckedLesson): number {
  const words = (texts: readonly string[]) => texts.reduce((sum, t) => sum + countWords(t), 0);
  const targetWords = words([...(lesson.dialogue?.lines.map((l) => l.line) ?? []), ...(lesson.grammar?.examples.map((e) => e.sentence) ?? [])]);
  const nativeWords = words(lesson.grammar ? [lesson.grammar.explanation] : []);
  const minutes =
    (lesson.vocabulary?.length ?? 0) * LESSON_PACE.vocabularyItemMinutes +
    targetWords / LESSON_PACE.targetWordsPerMinute +
    nativeWords / LESSON_PACE.nativeWordsPerMinute +
    (lesson.exercises?.length ?? 0) * LESSON_PACE.exerciseMinutes +
    (lesson.quiz?.length ?? 0) * LESSON_PACE.quizQuestionMinutes;
  return Math.round(minutes * 10) / 10;
}

function checkLessonLength(lessons: readonly CheckedLesson[], lessonMinutes: number): { findings: QualityFinding[]; estimatedMinutes: number[] } {
  const estimatedMinutes = lessons.map(estimateLessonMinutes);
  const findings = lessons.flatMap((lesson, i): QualityFinding[] => {
    const minutes = estimatedMinutes[i]!;
    const warn = (message: string): QualityFinding[] => [{ rule: 'lesson-length', severity: 'warn', lesson: lesson.number, message }];
    if (minutes < lessonMinutes / LENGTH_TOLERANCE) {
      return warn(`lesson ${lesson.number} looks short for a ${lessonMinutes}-minute lesson: its content takes about ${minutes} minutes; add practice or lower lessonMinutes`);
    }
    if (minutes > lessonMinutes * LENGTH_TOLERANCE) {
      return warn(`lesson ${lesson.number} looks long for a ${lessonMinutes}-minute lesson: its content takes about ${minutes} minutes; trim it or raise lessonMinutes`);
    }
    return [];
  });
  return { findings, estimatedMinutes };
}

function checkLanguage(course: CourseContent): QualityFinding[] {
  if (!course.language || course.generator?.demo) return [];
  const facts = languageFacts(course.language);
  const fields = (course.formatVersion ?? 2) >= 2;
  return course.lessons.flatMap((lesson, i) =>
    languageProblems(lesson, facts, { fields }).map((p) => {
      const pointer = `/lessons/${i}${p.pointer}`;
      return { rule: p.rule, severity: LANGUAGE_SEVERITY[p.rule], lesson: lesson.number, pointer, message: `lesson ${lesson.number}: ${p.problem} (${pointer})` };
    }),
  );
}
