import { describe, expect, it } from 'vitest';
import { lessonAnswerSchema, sectionOnlyAnswerSchema, textsAnswerSchema, vocabularyAnswerSchema } from '../../electron/core/course/answer-schemas.js';
import { jsonSchemaFormat } from '../../electron/core/course/structured-output.js';
import { languageFacts } from '../../electron/core/language/index.js';
import { SECTIONS } from '../../electron/core/spec/spec-schema.js';

// The lesson answer schema is built per course language: a field exists only where the language
// needs it (strict Structured Outputs makes every property required, so no nullable extras).

type Node = { type?: unknown; properties?: Record<string, Node>; required?: string[]; additionalProperties?: unknown; items?: Node; anyOf?: Node[]; enum?: unknown[]; description?: string };

/** Every object in the schema, with the JSON path of the property that holds it. */
function objects(node: Node, path = '$'): { path: string; node: Node }[] {
  const found: { path: string; node: Node }[] = [];
  if (node.properties) {
    found.push({ path, node });
    for (const [k, v] of Object.entries(node.properties)) found.push(...objects(v, `${path}.${k}`));
  }
  if (node.items) found.push(...objects(node.items, `${path}[]`));
  for (const option of node.anyOf ?? []) found.push(...objects(option, path));
  return found;
}

/** Paths of every property named `name`. */
const fieldsNamed = (schema: Node, name: string) => objects(schema).flatMap(({ path, node }) => (node.properties![name] ? [`${path}.${name}`] : []));

function lessonSchema(language: string): Node {
  return jsonSchemaFormat('course_lesson', lessonAnswerSchema(SECTIONS, ['市場', 'Markt', 'mercado'], languageFacts(language))).schema as Node;
}

describe('the lesson answer schema, per course language', () => {
  it.each(['Japanese', 'Chinese', 'Arabic', 'German', 'Spanish'])('%s: strict (every property required, none added)', (language) => {
    for (const { path, node } of objects(lessonSchema(language))) {
      expect(node.additionalProperties, path).toBe(false);
      expect([...(node.required ?? [])].sort(), path).toEqual(Object.keys(node.properties!).sort());
    }
  });

  it('Japanese: readings with kana on terms, examples, lines and grammar examples; never a gender or an article', () => {
    const schema = lessonSchema('Japanese');
    expect(fieldsNamed(schema, 'gender')).toEqual([]);
    expect(fieldsNamed(schema, 'article')).toEqual([]);
    expect(fieldsNamed(schema, 'reading')).toEqual(['$.vocabulary[].reading', '$.dialogue.lines[].reading', '$.grammar.examples[].reading']);
    expect(fieldsNamed(schema, 'exampleReading')).toEqual(['$.vocabulary[].exampleReading']);
    expect(fieldsNamed(schema, 'kana')).toHaveLength(4);
    expect(fieldsNamed(schema, 'partOfSpeech')).toEqual(['$.vocabulary[].partOfSpeech']);
    const reading = schema.properties!.vocabulary!.items!.properties!.reading!;
    expect(reading.properties!.text!.description).toContain('Hepburn romaji');
  });

  it('Chinese: pinyin readings, no kana, no gender', () => {
    const schema = lessonSchema('Chinese');
    expect(fieldsNamed(schema, 'reading')).toHaveLength(3);
    expect(fieldsNamed(schema, 'kana')).toEqual([]);
    expect(fieldsNamed(schema, 'gender')).toEqual([]);
    expect(schema.properties!.vocabulary!.items!.properties!.reading!.properties!.text!.description).toContain('Pinyin with tone marks');
  });

  it('Arabic: readings and a gender, but no article (Arabic marks gender without a gendered article)', () => {
    const schema = lessonSchema('Arabic');
    expect(fieldsNamed(schema, 'reading')).toHaveLength(3);
    expect(fieldsNamed(schema, 'gender')).toEqual(['$.vocabulary[].gender']);
    expect(fieldsNamed(schema, 'article')).toEqual([]);
    const gender = schema.properties!.vocabulary!.items!.properties!.gender!;
    expect(gender.anyOf!.flatMap((o) => o.enum ?? [])).toEqual(['masculine', 'feminine']);
  });

  it('German: gender (three) and article (der/die/das), never a reading', () => {
    const schema = lessonSchema('German');
    expect(fieldsNamed(schema, 'reading')).toEqual([]);
    expect(fieldsNamed(schema, 'exampleReading')).toEqual([]);
    const item = schema.properties!.vocabulary!.items!.properties!;
    expect(item.gender!.anyOf!.flatMap((o) => o.enum ?? [])).toEqual(['masculine', 'feminine', 'neuter']);
    expect(item.article!.anyOf!.flatMap((o) => o.enum ?? [])).toEqual(['der', 'die', 'das']);
  });

  it('Spanish: gender and article (el/la), never a reading', () => {
    const schema = lessonSchema('Spanish');
    expect(fieldsNamed(schema, 'reading')).toEqual([]);
    expect(fieldsNamed(schema, 'kana')).toEqual([]);
    expect(schema.properties!.vocabulary!.items!.properties!.article!.anyOf!.flatMap((o) => o.enum ?? [])).toEqual(['el', 'la']);
  });

  it('a language FluentPro knows no facts for gets neither (better none than a made-up one)', () => {
    const schema = lessonSchema('Klingon');
    for (const name of ['reading', 'gender', 'article']) expect(fieldsNamed(schema, name), name).toEqual([]);
  });

  it('the parts asked for again carry the same fields as the whole lesson', () => {
    const ja = languageFacts('Japanese');
    const vocabulary = jsonSchemaFormat('v', vocabularyAnswerSchema(['市場'], ja)).schema as Node;
    expect(vocabulary.items!.properties!.reading).toBeDefined();
    const dialogue = jsonSchemaFormat('d', sectionOnlyAnswerSchema('dialogue', [], ja)).schema as Node;
    expect(fieldsNamed(dialogue, 'reading')).toEqual(['$.dialogue.lines[].reading']);
    const texts = jsonSchemaFormat('l', textsAnswerSchema([{ section: 'dialogue', was: 'x' }, { section: 'dialogue', was: 'y' }, { section: 'vocabulary', was: '市場' }], ja)).schema as Node;
    expect(fieldsNamed(texts, 'reading')).toEqual(['$.vocabulary[].reading', '$.lines[].reading']);
    expect(Object.keys(texts.properties!)).toEqual(['vocabulary', 'lines']);
    expect(texts.properties!.lines).toMatchObject({ minItems: 2, maxItems: 2 });
    const spanish = jsonSchemaFormat('l', textsAnswerSchema([{ section: 'grammar', was: 'x' }], languageFacts('Spanish'))).schema as Node;
    expect(fieldsNamed(spanish, 'reading')).toEqual([]);
  });
});
