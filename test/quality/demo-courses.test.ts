import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { outlinePartAnswerSchema } from '../../electron/core/course/answer-schemas.js';
import { courseSchema, sectionSchemas, type Course } from '../../electron/core/course/course-schema.js';
import { jsonSchemaFormat } from '../../electron/core/course/structured-output.js';
import { runCourses } from '../../electron/core/engine/run-courses.js';
import { isInScript } from '../../electron/core/language/index.js';
import { createProvider } from '../../electron/core/providers/create-provider.js';
import { fitToSchema } from '../../electron/core/providers/demo-library.js';
import { DemoProvider } from '../../electron/core/providers/demo-provider.js';
import { readSpecFile, type LoadedSpec } from '../../electron/core/spec/read-spec.js';
import type { Section } from '../../electron/core/spec/spec-schema.js';
import { settingsFor, specOf } from '../support/engine-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const examples = join(import.meta.dirname, '..', '..', 'examples');
const exampleFiles = readdirSync(examples).filter((name) => name.includes('.course.'));

/** Generates the specs with the demo provider through the real workflow; returns each course.json. */
async function generate(specs: LoadedSpec[], outDir = tempDir()): Promise<Course[]> {
  const settings = settingsFor(outDir, { provider: 'demo', demoDelayMs: 0 });
  const results = await runCourses(specs, { settings, provider: await createProvider(settings) });
  expect(results.map((r) => r.error)).toEqual(specs.map(() => undefined));
  return results.map((r) => courseSchema.parse(JSON.parse(readFileSync(join(r.outputPath!, 'course.json'), 'utf8'))));
}

const exampleSpecs = () => Promise.all(exampleFiles.map((name) => readSpecFile(join(examples, name))));

/** A lesson's target-language sentences: its terms' examples, dialogue lines, grammar examples. */
function targetSentences(lesson: Course['lessons'][number]): string[] {
  return [...(lesson.vocabulary ?? []).map((v) => v.example), ...(lesson.dialogue?.lines.map((l) => l.line) ?? []), ...(lesson.grammar?.examples.map((e) => e.sentence) ?? [])];
}

/**
 * Words a lesson in each Latin-script language cannot do without (articles, "is", "and"): the
 * script alone cannot tell Spanish from English, so each lesson's texts must hold some of these.
 */
const COMMON_WORDS: Record<string, RegExp> = {
  Spanish: /(^|[^\p{L}])(el|la|los|las|es|está|y|de|en|con|un|una|por|me|te|se)(?![\p{L}])/iu,
  de: /(^|[^\p{L}])(der|die|das|den|dem|ist|und|Sie|Ihnen|Ihr|wir|ich|ein|eine|zu|mit|im|am)(?![\p{L}])/iu,
  it: /(^|[^\p{L}])(il|la|lo|le|è|e|di|che|un|una|non|per|mi|ci|si|ha|ho|al)(?![\p{L}])/iu,
};

describe('the demo courses a new user generates first', () => {
  it('every example spec gives a course whose quality report holds without a warning', async () => {
    const specs = await exampleSpecs();
    const courses = await generate(specs);
    for (const course of courses) expect(course.quality?.findings, course.title).toEqual([]);
  });

  it('every example spec gives a real course in its language: no placeholder, no repair, every lesson written', async () => {
    const specs = await exampleSpecs();
    expect(specs.map((s) => s.spec.title).sort()).toEqual(['Business German: Meetings and Email', 'Conversational Italian', 'Japanese from Zero — Kana and First Phrases', 'Spanish for Travellers']);
    const courses = await generate(specs);
    courses.forEach((course, i) => {
      const spec = specs[i]!.spec;
      const json = JSON.stringify(course);
      expect(json, course.title).not.toContain('[demo]');
      expect(json, course.title).not.toMatch(/demo-(word|extra)-/);
      expect(course.quality?.repairs, course.title).toEqual([]);
      expect(course.quality?.holds, course.title).toBe(true);
      expect(course.lessons).toHaveLength(spec.lessons);
      const script = spec.language === 'Japanese' ? 'Jpan' : 'Latn';
      const common = COMMON_WORDS[spec.language];
      if (common) {
        // Greetings are short ("¡Hola!"), so the share is the whole course's, not each lesson's.
        const sentences = course.lessons.flatMap(targetSentences);
        const without = sentences.filter((t) => !common.test(t));
        expect(without.length, `${course.title}: sentences with none of the language's common words: ${without.join(' | ')}`).toBeLessThanOrEqual(sentences.length / 5);
      }
      for (const lesson of course.lessons) {
        for (const section of spec.sections) expect(lesson[section], `${course.title} lesson ${lesson.number} ${section}`).toBeDefined();
        const sentences = targetSentences(lesson);
        const texts = [...(lesson.vocabulary ?? []).map((v) => v.term), ...sentences];
        expect(sentences.length).toBeGreaterThan(0);
        for (const text of texts) expect(isInScript(text, script), `${course.title} lesson ${lesson.number}: ${text}`).toBe(true);
        if (common) expect(sentences.some((t) => common.test(t)), `${course.title} lesson ${lesson.number}`).toBe(true);
      }
    });
  });

  it('writes the same courses twice', async () => {
    const specs = await exampleSpecs();
    const [first, second] = [await generate(specs), await generate(specs)];
    const content = (courses: Course[]) => courses.map((c) => ({ summary: c.summary, lessons: c.lessons, quality: c.quality }));
    expect(content(second)).toEqual(content(first));
  });

  it('a spec the demo has no course for, or an example whose title was edited, still gets marked placeholders', async () => {
    const spanish = await readSpecFile(join(examples, 'spanish-travel.course.yaml'));
    const edited: LoadedSpec = { ...spanish, spec: { ...spanish.spec, title: 'Spanish for my trip' } };
    const unknown = specOf({ title: 'Portuguese for the office', language: 'Portuguese', lessons: 2 });
    const courses = await generate([edited, unknown]);
    for (const course of courses) {
      expect(course.lessons[0]!.vocabulary![0]!.term).toMatch(/^demo-word-1-/);
      expect(course.summary).toContain('[demo]');
    }
  });

  it('a spec asking for more lessons than were written gets the written ones, then placeholders', async () => {
    const japanese = await readSpecFile(join(examples, 'japanese-kana.course.yml'));
    const longer: LoadedSpec = { ...japanese, spec: { ...japanese.spec, lessons: japanese.spec.lessons + 1 } };
    const [course] = await generate([longer]);
    const written = course!.lessons.slice(0, -1);
    expect(JSON.stringify(written)).not.toContain('[demo]');
    expect(course!.lessons.at(-1)!.vocabulary![0]!.term).toBe(`demo-word-${longer.spec.lessons}-1`);
  });
});

describe("the demo's answers carry only what the request's schema asks for", () => {
  const provider = new DemoProvider({ delayMs: 0 });

  /** Lesson `n` of an example as the workflow asks for it: the plan, then the lesson with the schema `lessonFormat` makes. */
  async function lessonOf(file: string, n: number, lessonFormat: (sections: readonly Section[], terms: readonly string[]) => z.ZodType) {
    const { spec } = await readSpecFile(join(examples, file));
    const planSchema = outlinePartAnswerSchema(spec.lessons, true);
    const outline = await provider.complete({
      task: { kind: 'outline-part', spec, range: { from: 1, count: spec.lessons }, withSummary: true },
      messages: [],
      format: jsonSchemaFormat('course_outline_part', planSchema),
    });
    const plan = { number: n, ...planSchema.parse(JSON.parse(outline.text)).lessons[n - 1]! };
    const schema = lessonFormat(spec.sections, plan.vocabulary);
    const answer = await provider.complete({ task: { kind: 'lesson', spec, plan }, messages: [], format: jsonSchemaFormat('course_lesson', schema) });
    return { answer: JSON.parse(answer.text) as { vocabulary: Record<string, unknown>[] }, schema };
  }

  // Lesson schemas as the workflow builds them (answer-schemas.ts), built here so the test
  // holds whichever the workflow uses: a vocabulary entry's four fields, plus `fields`.
  const PARTS = ['noun', 'verb', 'adjective', 'adverb', 'pronoun', 'preposition', 'conjunction', 'interjection', 'phrase', 'number', 'other'] as const;
  const reading = z.strictObject({ kana: z.string(), text: z.string() });
  const lessonSchema = (fields: Record<string, z.ZodType>) => (sections: readonly Section[], terms: readonly string[]) => {
    const item = z.strictObject({ term: z.enum(terms as [string, ...string[]]), ...fields, translation: z.string(), example: z.string(), exampleTranslation: z.string() });
    return z.strictObject({ summary: z.string(), vocabulary: z.array(item), ...Object.fromEntries(sections.filter((s) => s !== 'vocabulary').map((s) => [s, sectionSchemas[s]])) });
  };

  it("the course format's schema today: the vocabulary's entries have their four fields and the answer is valid as it stands", async () => {
    const { answer, schema } = await lessonOf('spanish-travel.course.yaml', 1, lessonSchema({}));
    expect(() => schema.parse(answer)).not.toThrow();
    for (const item of answer.vocabulary) expect(Object.keys(item)).toEqual(['term', 'translation', 'example', 'exampleTranslation']);
  });

  it('a schema asking for part of speech, gender and article gets them, with null for words that are not nouns', async () => {
    const schema = lessonSchema({ partOfSpeech: z.enum(PARTS), gender: z.enum(['masculine', 'feminine']).nullable(), article: z.enum(['el', 'la']).nullable() });
    const first = await lessonOf('spanish-travel.course.yaml', 1, schema);
    expect(() => first.schema.parse(first.answer)).not.toThrow();
    expect(first.answer.vocabulary.find((v) => v.term === 'hola')).toMatchObject({ partOfSpeech: 'interjection', gender: null, article: null });
    const second = await lessonOf('spanish-travel.course.yaml', 2, schema);
    expect(() => second.schema.parse(second.answer)).not.toThrow();
    expect(second.answer.vocabulary.find((v) => v.term === 'pasaporte')).toMatchObject({ partOfSpeech: 'noun', gender: 'masculine', article: 'el' });
  });

  it('a schema asking for readings gets kana and romaji for every Japanese term and example', async () => {
    const schema = lessonSchema({ partOfSpeech: z.enum(PARTS), reading, exampleReading: reading });
    const { answer, schema: asked } = await lessonOf('japanese-kana.course.yml', 1, schema);
    expect(() => asked.parse(answer)).not.toThrow();
    expect(answer.vocabulary[0]).toMatchObject({ term: 'おはようございます', reading: { kana: 'おはようございます', text: 'ohayō gozaimasu' } });
    for (const item of answer.vocabulary) {
      expect(Object.keys(item)).not.toContain('gender');
      expect(isInScript((item.reading as { text: string }).text, 'Latn')).toBe(true);
      expect(isInScript((item.exampleReading as { kana: string }).kana, 'Hrkt')).toBe(true);
    }
  });
});

describe('fitToSchema', () => {
  it('keeps declared properties, follows $ref and anyOf, sets null where allowed and leaves out what is not declared', () => {
    const schema = {
      type: 'object',
      properties: { items: { type: 'array', items: { $ref: '#/definitions/item' } }, note: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
      definitions: { item: { anyOf: [{ type: 'object', properties: { term: { type: 'string' }, gender: { type: ['string', 'null'] } } }, { type: 'null' }] } },
    };
    const value = { items: [{ term: 'mesa', gender: 'feminine', reading: { text: 'x' } }, { term: 'hola', partOfSpeech: 'interjection' }, null], extra: 1 };
    expect(fitToSchema(value, schema)).toEqual({ items: [{ term: 'mesa', gender: 'feminine' }, { term: 'hola', gender: null }, null], note: null });
  });
});
