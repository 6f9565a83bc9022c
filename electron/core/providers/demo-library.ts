import type { PlannedLesson } from '../course/course-schema.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { demoPlanAnswer } from './demo-content.js';
import type { LlmTask } from './provider.js';
import businessGerman from './demo-courses/business-german-meetings-and-email.js';
import conversationalItalian from './demo-courses/conversational-italian.js';
import japaneseFromZero from './demo-courses/japanese-from-zero-kana-and-first-phrases.js';
import spanishForTravellers from './demo-courses/spanish-for-travellers.js';

// The real, short courses the offline demo writes for the example specs in examples/, so the
// first course a newcomer opens reads like one. Each is checked in as data (demo-courses/*.ts):
// the plan of every lesson and the lesson's answer, written by hand, with the fields a richer
// answer schema may ask for (part of speech, gender and article, readings). The provider copies
// into its answer only what the request's schema declares (fitToSchema), so the data serves any
// schema that is a subset of what it holds.
//
// To add one: write demo-courses/<slug>.ts for an example spec (every lesson's plan and answer,
// the sections that spec asks for) and list it in LIBRARY. test/quality/demo-courses.test.ts
// then generates it through the real workflow: it must need no repair and leave no finding, so
// each lesson uses its terms in its practice, brings back an earlier lesson's, teaches no term
// twice and is sized to the spec's lessonMinutes (check-course.ts's LESSON_PACE).

/** A word class as a dictionary labels it; `phrase` for a multi-word expression. */
type PartOfSpeech = 'noun' | 'verb' | 'adjective' | 'adverb' | 'pronoun' | 'preposition' | 'conjunction' | 'interjection' | 'phrase' | 'number' | 'other';

/** How a text in another script is read: romanization, and for Japanese the kana. */
interface DemoReading {
  text: string;
  kana?: string;
}

/** A vocabulary entry with everything a schema may ask of it; a noun's gender and article only in languages that have them. */
interface DemoVocabularyItem {
  term: string;
  partOfSpeech: PartOfSpeech;
  gender?: 'masculine' | 'feminine' | 'neuter';
  article?: string;
  reading?: DemoReading;
  translation: string;
  example: string;
  exampleReading?: DemoReading;
  exampleTranslation: string;
}

/** The answer to "write this lesson": its summary and sections (only those its spec asks for are written). */
interface DemoLessonAnswer {
  summary: string;
  vocabulary: readonly DemoVocabularyItem[];
  dialogue?: { setting: string; lines: readonly { speaker: string; line: string; translation: string }[] };
  grammar?: { point: string; explanation: string; examples: readonly { sentence: string; translation: string }[] };
  exercises?: readonly { instruction: string; prompt: string; answer: string }[];
  quiz?: readonly { question: string; options: readonly string[]; answerIndex: number; explanation: string }[];
}

/** A lesson as the data keeps it: its plan (its terms are its vocabulary's) and its answer. */
export interface DemoLessonData {
  title: string;
  goals: readonly string[];
  grammarPoint: string;
  answer: DemoLessonAnswer;
}

export interface DemoCourseData {
  /**
   * The spec it answers: its title, language, native language and level, as the example file
   * says them. A spec that differs in any of these (an edited title, another native language)
   * is not this course and gets the marked placeholders.
   */
  spec: Pick<CourseSpec, 'title' | 'language' | 'nativeLanguage' | 'level'>;
  summary: string;
  lessons: readonly DemoLessonData[];
}

const LIBRARY: readonly DemoCourseData[] = [spanishForTravellers, japaneseFromZero, businessGerman, conversationalItalian];

const same = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The written course for this spec, or undefined when the demo has none (then it writes placeholders). */
export function demoCourseFor(spec: CourseSpec): DemoCourseData | undefined {
  return LIBRARY.find(
    (course) =>
      course.spec.title === spec.title.trim() &&
      same(course.spec.language, spec.language) &&
      same(course.spec.nativeLanguage, spec.nativeLanguage) &&
      course.spec.level === spec.level,
  );
}

/** The terms a written lesson teaches: its vocabulary entries' terms, in order. */
export function demoTerms(lesson: DemoLessonData): string[] {
  return lesson.answer.vocabulary.map((item) => item.term);
}

/** Lesson `n` of the written plan (as an outline answer: no number), or undefined past its end. */
export function writtenPlan(course: DemoCourseData, n: number): Omit<PlannedLesson, 'number'> | undefined {
  const lesson = course.lessons[n - 1];
  return lesson && { title: lesson.title, goals: [...lesson.goals], vocabulary: demoTerms(lesson), grammarPoint: lesson.grammarPoint };
}

/**
 * The written answer for a planned lesson, with the spec's sections only; undefined when the plan
 * is not the written one (a lesson past the data's end, a plan changed by hand) or the data lacks
 * a section the spec asks for.
 */
export function writtenLesson(course: DemoCourseData, spec: CourseSpec, plan: PlannedLesson): Record<string, unknown> | undefined {
  const lesson = course.lessons[plan.number - 1];
  if (!lesson || lesson.title !== plan.title) return undefined;
  const terms = demoTerms(lesson);
  if (terms.length !== plan.vocabulary.length || terms.some((t, i) => t !== plan.vocabulary[i])) return undefined;
  const answer: Record<string, unknown> = { summary: lesson.answer.summary };
  for (const section of spec.sections) {
    if (lesson.answer[section] === undefined) return undefined;
    answer[section] = lesson.answer[section];
  }
  return structuredClone(answer);
}

// ── Fitting an answer to the request's schema ──────────────────────────────────────────────

type JsonSchema = Record<string, unknown>;

/**
 * The value with only what the JSON schema declares: an object keeps the properties listed in
 * its `properties` (walking into each), an array's items are fitted to `items`. A declared
 * property the data lacks is set to null where the schema allows null (a gender for a verb), so a
 * strict schema's "every property required" still holds. `$ref`s into the schema's definitions
 * and `anyOf` branches (a nullable object) are followed.
 */
export function fitToSchema(value: unknown, schema: JsonSchema, root: JsonSchema = schema): unknown {
  const resolved = resolve(schema, root);
  if (value === null || value === undefined) return value;
  const branch = Array.isArray(value) ? pick(resolved, root, 'array') : typeof value === 'object' ? pick(resolved, root, 'object') : undefined;
  if (!branch) return value;
  if (Array.isArray(value)) {
    const items = branch.items as JsonSchema | undefined;
    return items && typeof items === 'object' && !Array.isArray(items) ? value.map((v) => fitToSchema(v, items, root)) : value;
  }
  const properties = branch.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return value;
  const source = value as Record<string, unknown>;
  const fitted: Record<string, unknown> = {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    if (source[name] !== undefined) fitted[name] = fitToSchema(source[name], propertySchema, root);
    else if (allowsNull(propertySchema, root)) fitted[name] = null;
  }
  return fitted;
}

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let target: unknown = root;
  for (const key of ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')];
  return target && typeof target === 'object' ? resolve(target as JsonSchema, root) : schema;
}

/** The schema itself, or its `anyOf`/`oneOf` branch, that describes a value of this type. */
function pick(schema: JsonSchema, root: JsonSchema, type: 'object' | 'array'): JsonSchema | undefined {
  if (hasType(schema, type) || (type === 'object' && schema.properties) || (type === 'array' && schema.items)) return schema;
  const branches = [...((schema.anyOf as JsonSchema[] | undefined) ?? []), ...((schema.oneOf as JsonSchema[] | undefined) ?? [])];
  for (const branch of branches) {
    const found = pick(resolve(branch, root), root, type);
    if (found) return found;
  }
  return undefined;
}

const hasType = (schema: JsonSchema, type: string) => schema.type === type || (Array.isArray(schema.type) && schema.type.includes(type));

function allowsNull(schema: JsonSchema, root: JsonSchema): boolean {
  const resolved = resolve(schema, root);
  if (hasType(resolved, 'null') || resolved.const === null || (Array.isArray(resolved.enum) && resolved.enum.includes(null))) return true;
  const branches = [...((resolved.anyOf as JsonSchema[] | undefined) ?? []), ...((resolved.oneOf as JsonSchema[] | undefined) ?? [])];
  return branches.some((b) => allowsNull(b, root));
}

// ── Answering a request from the data ──────────────────────────────────────────────────────

/**
 * The written answer to a request, fitted to its schema, or undefined when the data cannot give
 * one: a spec the demo does not know, a plan part wholly past the written lessons, replacement
 * terms, a repair of one part (each answered with placeholders by the caller).
 */
export function writtenAnswer(task: LlmTask, schema: Record<string, unknown>): unknown {
  const course = demoCourseFor(task.spec);
  if (!course) return undefined;
  if (task.kind === 'outline-part') {
    const numbers = Array.from({ length: task.range.count }, (_, i) => task.range.from + i);
    if (!numbers.some((n) => writtenPlan(course, n))) return undefined;
    // Lessons past the written ones (a spec asking for more) are the marked placeholders.
    const lessons = numbers.map((n) => writtenPlan(course, n) ?? demoPlanAnswer(task.spec, n));
    return fitToSchema(task.withSummary ? { summary: course.summary, lessons } : { lessons }, schema);
  }
  if (task.kind === 'lesson') {
    const answer = writtenLesson(course, task.spec, task.plan);
    return answer && fitToSchema(answer, schema);
  }
  return undefined;
}
