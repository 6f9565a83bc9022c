import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSpecFile, readSpecFile } from '../../electron/core/spec/read-spec.js';
import { formatSpecProblems, SpecError } from '../../electron/core/spec/spec-error.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();

function write(name: string, content: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, content);
  return file;
}

/** The problems of a bad spec, as the user reads them (file name replaced by "F"). */
async function problemsOf(name: string, content: string | Buffer): Promise<string> {
  const check = await checkSpecFile(write(name, content));
  if (check.ok) throw new Error(`expected ${name} to be refused`);
  return formatSpecProblems('F', check.error.problems);
}

const minimal = 'title: Basic Spanish\nlanguage: Spanish\nlevel: A1\nlessons: 3\n';

describe('good specs', () => {
  it('fills in defaults for a minimal YAML spec', async () => {
    const { spec } = await readSpecFile(write('basic.course.yaml', minimal));
    expect(spec).toEqual({
      title: 'Basic Spanish',
      language: 'Spanish',
      nativeLanguage: 'English',
      level: 'A1',
      lessons: 3,
      lessonMinutes: 20,
      topics: [],
      sections: ['vocabulary', 'dialogue', 'grammar', 'exercises', 'quiz'],
      notes: '',
    });
  });

  it("reads how the course is spoken: speech: an engine, or its engine, voice and speed; and names a wrong one's fix", async () => {
    expect((await readSpecFile(write('a.course.yaml', `${minimal}speech: none\n`))).spec.speech).toEqual({ engine: 'none' });
    expect((await readSpecFile(write('b.course.yaml', `${minimal}speech:\n  engine: openai\n  voice: nova\n  speed: 0.9\n`))).spec.speech).toEqual({ engine: 'openai', voice: 'nova', speed: 0.9 });
    expect(await problemsOf('c.course.yaml', `${minimal}speech: loud\n`)).toContain('speech.engine: speech.engine must be one of macos, openai, espeak-ng, none');
    expect(await problemsOf('d.course.yaml', `${minimal}speech:\n  engin: openai\n`)).toContain('unknown field "engin" — did you mean "engine"?');
    expect(await problemsOf('e.course.yaml', `${minimal}speech:\n  speed: 9\n`)).toContain('speech.speed must be at most 4');
  });

  it('reads JSON, .yml and a byte-order mark the same way', async () => {
    const json = JSON.stringify({ title: 'Deutsch', language: 'de', level: 'B2', lessons: 2, sections: ['grammar'], topics: ['Cases'] });
    expect((await readSpecFile(write('de.course.json', json))).spec).toMatchObject({ language: 'de', sections: ['grammar'], topics: ['Cases'] });
    expect((await readSpecFile(write('es.course.yml', '\uFEFF' + minimal))).spec.title).toBe('Basic Spanish');
  });

  it('keeps the source text so a job can be rerun exactly', async () => {
    const loaded = await readSpecFile(write('keep.course.yaml', minimal));
    expect(loaded.source).toBe(minimal);
  });
});

describe('bad specs: each problem names the place and the fix', () => {
  it.each([
    ['a typo in a key, with a suggestion (and not also "title is required")', 'titel: X\nlanguage: es\nlevel: A1\nlessons: 2\n', ['F:1:1: titel: unknown field "titel" — did you mean "title"?']],
    ['a missing field', 'title: X\nlanguage: es\nlevel: A1\n', ['F: lessons: lessons is required — add a line "lessons: …"']],
    ['an unknown key far from any field lists the fields', minimal + 'colour: blue\n', ['F:5:1: colour: unknown field "colour" — the fields are: title, language, nativeLanguage, level, lessons, lessonMinutes, topics, sections, speech, notes']],
    ['a level in lower case', minimal.replace('A1', 'b1'), ['F:3:8: level: level must be one of A1, A2, B1, B2, C1, C2 — write it in capitals: B1']],
    ['a quoted number', minimal.replace('lessons: 3', 'lessons: "8"'), ['F:4:10: lessons: lessons must be a whole number — write the number without quotes: lessons: 8']],
    ['too many lessons', minimal.replace('lessons: 3', 'lessons: 61'), ['F:4:10: lessons: lessons must be at most 60']],
    ['a fractional lesson count', minimal.replace('lessons: 3', 'lessons: 2.5'), ['F:4:10: lessons: lessons must be a whole number']],
    ['an abbreviated section', minimal + 'sections: [vocab]\n', ['F:5:12: sections.0: each section must be one of vocabulary, dialogue, grammar, exercises, quiz — did you mean "vocabulary"?']],
    ['more topics than lessons', minimal + 'topics: [a, b, c, d]\n', ['F:5:9: topics: topics has 4 entries but the course has only 3 lessons']],
    ['a topic given as text, not a list', minimal + 'topics: food\n', ['F:5:9: topics: topics must be a list of text — write topics as a list, one "- topic" per line']],
    ['notes that are too long', minimal + `notes: ${'x'.repeat(4001)}\n`, ['F:5:8: notes: notes must be at most 4000 characters']],
    ['an empty title', minimal.replace('Basic Spanish', '""'), ['F:1:8: title: title must not be empty']],
    ['a title that is too long', minimal.replace('Basic Spanish', 'T'.repeat(201)), ['F:1:8: title: title must be at most 200 characters']],
  ])('%s', async (_name, content, expected) => {
    const message = await problemsOf('spec.course.yaml', content);
    for (const line of expected) expect(message.split('\n')).toContain(line);
    expect(message.split('\n')).toHaveLength(expected.length); // nothing else reported
  });

  it('reports YAML syntax errors with line and column', async () => {
    expect(await problemsOf('s.course.yaml', 'title: X\nlanguage: [unclosed\n')).toMatch(/^F:3:1: YAML syntax error: .+ — fix the YAML syntax here$/);
  });

  it('reports JSON syntax errors with line and column', async () => {
    expect(await problemsOf('s.course.json', '{"title": "x",\n "lessons": 3,,}\n')).toMatch(/^F:2:15: is not valid JSON: .+ — fix the JSON syntax here, or write the spec as YAML$/);
  });

  it('refuses a duplicated key instead of silently taking the last one', async () => {
    expect(await problemsOf('dup.course.yaml', minimal + 'title: Again\n')).toMatch(/F:5:1: YAML syntax error: Map keys must be unique/);
  });

  it('refuses a list where a mapping belongs', async () => {
    expect(await problemsOf('list.course.yaml', '- a\n- b\n')).toBe('F:1:1: must be a mapping of fields (title: …, language: …), but it is a list — write one field per line, as in examples/');
  });

  it.each([
    ['empty', ''],
    ['only whitespace', '  \n\n'],
  ])('refuses an %s file', async (_name, content) => {
    expect(await problemsOf('e.course.yaml', content)).toBe('F: the file is empty — start from one of the files in examples/');
  });

  it('refuses a file with only comments', async () => {
    expect(await problemsOf('c.course.yaml', '# nothing yet\n')).toBe('F: the file has no fields (only comments or blank lines) — start from one of the files in examples/');
  });

  it('refuses a file over 1 MiB without reading it', async () => {
    expect(await problemsOf('big.course.yaml', Buffer.alloc(1024 * 1024 + 1, 'a'))).toBe('F: the file is 1.0 MiB, larger than a spec can be (1 MiB) — a spec is a short text file; check that this is the right file');
  });

  it('refuses binary and non-UTF-8 files', async () => {
    expect(await problemsOf('b.course.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe('F: the file is a binary file, not text — a spec is a YAML or JSON text file');
    expect(await problemsOf('l.course.yaml', Buffer.from('title: Caf\xe9\n', 'latin1'))).toBe('F: the file is not UTF-8 text — save it as UTF-8 text, which every editor offers');
  });

  it('refuses a YAML alias bomb quickly, without expanding it', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n');
    const started = Date.now();
    expect(await problemsOf('bomb.course.yaml', bomb)).toMatch(/^F: the file uses too many YAML aliases .* — write the values out instead of using & and \* aliases$/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each(['__proto__', 'constructor'])('refuses a %s key and pollutes nothing', async (key) => {
    const json = `{"title":"T","language":"es","level":"A1","lessons":2,"${key}":{"polluted":true}}`;
    expect(await problemsOf('p.course.json', json)).toMatch(new RegExp(`^F:1:\\d+: ${key}: "${key}" is not allowed as a field name — remove it$`));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses other file types, folders and missing files with a clear reason', async () => {
    expect(await problemsOf('notes.txt', minimal)).toBe('F: the file is not a course spec (it ends in ".txt") — save it as .course.yaml, .course.yml or .course.json');
    const missing = await checkSpecFile(join(tempDir(), 'missing.course.yaml'));
    expect(missing.ok || formatSpecProblems('F', missing.error.problems)).toBe('F: the file does not exist — check the path');
    const folder = join(tempDir(), 'folder.course.yaml');
    mkdirSync(folder);
    const check = await checkSpecFile(folder);
    expect(check.ok || formatSpecProblems('F', check.error.problems)).toBe('F: the file is a folder, not a spec file — name the spec file inside it');
  });

  it('lists every problem of a file at once, not one per try', async () => {
    const check = await checkSpecFile(write('many.course.yaml', 'titel: X\nlevel: Z9\nlessons: 0\n'));
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error).toBeInstanceOf(SpecError);
      expect(check.error.problems.map((p) => p.path).sort()).toEqual(['language', 'lessons', 'level', 'titel'].sort());
    }
  });
});
