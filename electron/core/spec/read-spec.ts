import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { didYouMean } from './did-you-mean.js';
import { SpecError, type SpecProblem } from './spec-error.js';
import { courseSpecSchema, LEVELS, SECTIONS, SPEC_FIELDS, SPEC_LIMITS, type CourseSpec } from './spec-schema.js';

/** A spec that passed every check, with the text it came from (stored so a job can be rerun exactly). */
export interface LoadedSpec {
  file: string;
  source: string;
  spec: CourseSpec;
}

export type SpecCheck = { ok: true; loaded: LoadedSpec } | { ok: false; error: SpecError };

const SPEC_EXTENSIONS = ['.yaml', '.yml', '.json'];
/** Keys that would reach Object.prototype if a careless consumer merged the spec into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Reads and checks a spec file; never throws for a bad file, only reports it. */
export async function checkSpecFile(file: string): Promise<SpecCheck> {
  try {
    return { ok: true, loaded: await readSpecFile(file) };
  } catch (error) {
    if (error instanceof SpecError) return { ok: false, error };
    throw error;
  }
}

/** Reads a spec file from disk; throws SpecError naming the file, field and fix. */
export async function readSpecFile(file: string): Promise<LoadedSpec> {
  const ext = extname(file).toLowerCase();
  if (!SPEC_EXTENSIONS.includes(ext)) {
    throw fileProblem(file, `is not a course spec (it ends in "${ext || 'nothing'}")`, 'save it as .course.yaml, .course.yml or .course.json');
  }
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw fileProblem(file, code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`, 'check the path');
  }
  if (info.isDirectory()) throw fileProblem(file, 'is a folder, not a spec file', 'name the spec file inside it');
  // Checked before reading, so a dragged-in video is refused without loading it.
  if (info.size > SPEC_LIMITS.fileBytesMax) {
    throw fileProblem(file, `is ${formatBytes(info.size)}, larger than a spec can be (1 MiB)`, 'a spec is a short text file; check that this is the right file');
  }
  const source = decodeSpecBytes(await readFile(file), file);
  return { file, source, spec: parseSpecText(source, file) };
}

/** Checks that bytes are a small UTF-8 text file and returns the text (without a BOM). */
export function decodeSpecBytes(bytes: Uint8Array, file: string): string {
  if (bytes.byteLength > SPEC_LIMITS.fileBytesMax) {
    throw fileProblem(file, `is ${formatBytes(bytes.byteLength)}, larger than a spec can be (1 MiB)`, 'a spec is a short text file; check that this is the right file');
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    throw fileProblem(file, 'is a binary file, not text', 'a spec is a YAML or JSON text file');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileProblem(file, 'is not UTF-8 text', 'save it as UTF-8 text, which every editor offers');
  }
  return text.replace(/^\uFEFF/, '');
}

/** Parses spec text (YAML, or JSON for a .json name) and validates it against the spec schema. */
export function parseSpecText(text: string, file: string): CourseSpec {
  if (text.trim() === '') throw fileProblem(file, 'is empty', 'start from one of the files in examples/');
  const lineCounter = new LineCounter();
  const isJson = extname(file).toLowerCase() === '.json';
  if (isJson) checkJsonSyntax(text, file);

  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new SpecError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: '', message: syntaxMessage(e.message, isJson), hint: isJson ? 'fix the JSON syntax here' : 'fix the YAML syntax here', line: pos.line, column: pos.col };
      }),
    );
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    throw fileProblem(file, 'has no fields (only comments or blank lines)', 'start from one of the files in examples/');
  }
  if (!isMap(doc.contents)) {
    const found = Array.isArray(doc.contents.toJSON()) ? 'a list' : 'a single value';
    throw new SpecError(file, [
      { path: '', message: `must be a mapping of fields (title: …, language: …), but it is ${found}`, hint: 'write one field per line, as in examples/', ...where(doc.contents, lineCounter) },
    ]);
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // yaml refuses documents whose aliases expand exponentially ("billion laughs").
    throw fileProblem(file, `uses too many YAML aliases (${(error as Error).message})`, 'write the values out instead of using & and * aliases');
  }

  const forbidden = findForbiddenKeys(data);
  if (forbidden.length > 0) {
    throw new SpecError(
      file,
      forbidden.map((path) => ({ path, message: `"${path.split('.').pop()}" is not allowed as a field name`, hint: 'remove it', ...where(doc.getIn(path.split('.'), true) as YamlNode | undefined, lineCounter, doc, path) })),
    );
  }

  const result = courseSpecSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => toProblems(issue, doc, lineCounter));
    // "titel: did you mean title?" already says how to fix "title is required": say it once.
    const suggested = new Set(problems.flatMap((p) => /^did you mean "(.+)"\?$/.exec(p.hint ?? '')?.[1] ?? []));
    throw new SpecError(file, problems.filter((p) => !(suggested.has(p.path) && p.message === `${p.path} is required`)));
  }
  return result.data;
}

function checkJsonSyntax(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    let line: number | undefined;
    let column: number | undefined;
    if (position) {
      // Rebuild line starts ourselves: JSON.parse only reports a character offset.
      const offset = Number(position[1]);
      const before = text.slice(0, offset).split('\n');
      line = before.length;
      column = before[before.length - 1]!.length + 1;
    }
    throw new SpecError(file, [{ path: '', message: `is not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`, hint: 'fix the JSON syntax here, or write the spec as YAML', line, column }]);
  }
}

const SPEECH_FIELDS = ['engine', 'voice', 'speed'] as const;

function syntaxMessage(message: string, isJson: boolean): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return `${isJson ? 'JSON' : 'YAML'} syntax error: ${first}`;
}

function toProblems(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter): SpecProblem[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    // A key inside `speech:` is one of speech's own fields; anywhere else, one of the spec's.
    const fields: readonly string[] = issue.path[0] === 'speech' ? SPEECH_FIELDS : SPEC_FIELDS;
    return issue.keys.map((key) => {
      const suggestion = didYouMean(key, fields);
      return {
        path: [...issue.path.map(String), key].join('.'),
        message: `unknown field "${key}"`,
        hint: suggestion ? `did you mean "${suggestion}"?` : `the fields are: ${fields.join(', ')}`,
        ...keyPosition(doc, key, lines),
      };
    });
  }
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return [{ path, message: issue.message, hint: hintFor(issue, missing), ...where(doc.getIn(issue.path as (string | number)[], true) as YamlNode | undefined, lines, doc, path) }];
}

function hintFor(issue: z.core.$ZodIssue, missing: boolean): string | undefined {
  const field = String(issue.path[0] ?? '');
  const input = (issue as { input?: unknown }).input;
  if (missing) return `add a line "${field}: …"`;
  if (field === 'level' && typeof input === 'string') {
    const upper = input.trim().toUpperCase();
    return (LEVELS as readonly string[]).includes(upper) ? `write it in capitals: ${upper}` : 'A1 and A2 are beginners, B1 and B2 intermediate, C1 and C2 advanced';
  }
  if (field === 'sections' && typeof input === 'string') {
    const suggestion = didYouMean(input, SECTIONS);
    return suggestion ? `did you mean "${suggestion}"?` : undefined;
  }
  if ((field === 'lessons' || field === 'lessonMinutes') && typeof input === 'string' && /^\d+$/.test(input.trim())) {
    return `write the number without quotes: ${field}: ${input.trim()}`;
  }
  if (field === 'topics' && issue.path.length === 1 && typeof input === 'string') return 'write topics as a list, one "- topic" per line';
  return undefined;
}

/** Position of the value at a path, falling back to its key, then to the parent mapping. */
function where(node: YamlNode | undefined | null, lines: LineCounter, doc?: Document, path?: string): { line?: number; column?: number } {
  if (node && node.range) {
    const pos = lines.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  }
  if (doc && path) {
    const last = path.split('.').pop();
    if (last) return keyPosition(doc, last, lines);
  }
  return {};
}

function keyPosition(doc: Document, key: string, lines: LineCounter): { line?: number; column?: number } {
  if (!isMap(doc.contents)) return {};
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
      const pos = lines.linePos(pair.key.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

function findForbiddenKeys(value: unknown, path: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const key of Object.getOwnPropertyNames(value)) {
    if (Array.isArray(value) && key === 'length') continue;
    const childPath = [...path, key];
    if (FORBIDDEN_KEYS.has(key)) found.push(childPath.join('.'));
    else found.push(...findForbiddenKeys((value as Record<string, unknown>)[key], childPath));
  }
  return found;
}

function fileProblem(file: string, message: string, hint: string): SpecError {
  return new SpecError(file, [{ path: '', message: `the file ${message}`, hint }]);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
