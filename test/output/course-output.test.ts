import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseSchema } from '../../electron/core/course/course-schema.js';
import { assembleCourse } from '../../electron/core/output/assemble-course.js';
import { insideFolder, slugify } from '../../electron/core/output/slug.js';
import { writeCourse } from '../../electron/core/output/write-course.js';
import type { Repair } from '../../electron/core/quality/quality-types.js';
import { demoLesson, demoOutline } from '../../electron/core/providers/demo-content.js';
import { specOf } from '../support/engine-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();

function demoCourse(title: string, lessons = 2, repairs: Repair[] = []) {
  const spec = specOf({ title, lessons }).spec;
  const outline = demoOutline(spec);
  return assembleCourse({
    spec,
    outline,
    lessons: outline.lessons.map((l) => demoLesson(spec, outline, l.number)),
    repairs,
    usage: { requests: 3, promptTokens: 10, completionTokens: 20 },
    provider: { name: 'demo', model: 'demo', demo: true },
    version: '0.0.0-test',
  });
}

describe('slugify', () => {
  it.each([
    ['Spanish for Travellers', 'spanish-for-travellers'],
    ['Café & Crème: Français A1!', 'cafe-creme-francais-a1'],
    ['Straße und Übung', 'strasse-und-ubung'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..', 'course-'],
    ['/absolute/path', 'absolute-path'],
    ['C:\\Windows\\System32', 'c-windows-system32'],
    ['  --- spaces ---  ', 'spaces'],
  ])('%j → %j', (title, expected) => {
    const slug = slugify(title);
    if (expected.endsWith('-')) expect(slug).toMatch(/^course-[0-9a-f]{8}$/);
    else expect(slug).toBe(expected);
  });

  it('gives a title with no Latin letters a stable, safe name', () => {
    expect(slugify('日本語入門')).toMatch(/^course-[0-9a-f]{8}$/);
    expect(slugify('日本語入門')).toBe(slugify('日本語入門'));
    expect(slugify('日本語入門')).not.toBe(slugify('中文入门'));
  });

  it('caps the length without leaving a trailing hyphen', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).not.toMatch(/-$/);
  });

  it('refuses any name that would land outside the folder', () => {
    const base = tempDir();
    expect(insideFolder(base, 'ok')).toBe(resolve(base, 'ok'));
    for (const bad of ['..', '../x', '/etc', '']) expect(() => insideFolder(base, bad)).toThrow(/refusing to write outside the output folder/);
  });
});

describe('writeCourse', () => {
  it('writes course.json, README.md with a table of contents, and one file per lesson', async () => {
    const course = demoCourse('Spanish for Travellers', 3);
    const folder = await writeCourse(course, tempDir());
    expect(folder).toBe(join(tempDir(), 'spanish-for-travellers'));
    expect(courseSchema.parse(JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8'))).lessons).toHaveLength(3);
    const readme = readFileSync(join(folder, 'README.md'), 'utf8');
    expect(readme).toContain('# Spanish for Travellers');
    expect(readme).toContain('**Demo content.**');
    expect(readme).toContain('1. [Greetings and introductions](lessons/01-greetings-and-introductions.md)');
    expect(readdirSync(join(folder, 'lessons'))).toEqual(['01-greetings-and-introductions.md', '02-numbers-and-time.md', '03-food-and-drink.md']);
    const lesson = readFileSync(join(folder, 'lessons', '01-greetings-and-introductions.md'), 'utf8');
    for (const heading of ['## Vocabulary', '## Dialogue', '## Grammar', '## Exercises', '## Quiz']) expect(lesson).toContain(heading);
  });

  it('puts the quality report, with the repairs made, in course.json and README.md', async () => {
    const repair: Repair = { kind: 'duplicate-term-dropped', lesson: 2, where: 'lesson 2 vocabulary', detail: '"hola" was planned already in lesson 1; left out of lesson 2' };
    const folder = await writeCourse(demoCourse('Checked Course', 2, [repair]), tempDir());
    const course = courseSchema.parse(JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8')));
    expect(course.quality).toMatchObject({ holds: true, repairs: [repair], metrics: { duplicateTerms: 0, invalidQuizAnswers: 0, emptySections: 0 } });
    const readme = readFileSync(join(folder, 'README.md'), 'utf8');
    expect(readme).toContain('## Quality');
    expect(readme).toContain('- Lesson 2 vocabulary: "hola" was planned already in lesson 1; left out of lesson 2');
  });

  it('never overwrites an existing course: the next one gets -2, -3', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'my-course'));
    writeFileSync(join(out, 'my-course', 'keep.txt'), 'mine');
    const second = await writeCourse(demoCourse('My Course'), out);
    const third = await writeCourse(demoCourse('My Course'), out);
    expect([second, third]).toEqual([join(out, 'my-course-2'), join(out, 'my-course-3')]);
    expect(readFileSync(join(out, 'my-course', 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('keeps a title that tries to escape inside the output folder', async () => {
    const out = join(tempDir(), 'out');
    const folder = await writeCourse(demoCourse('../../../escape'), out);
    expect(folder).toBe(join(out, 'escape'));
    expect(existsSync(join(tempDir(), 'escape'))).toBe(false);
  });

  it('refuses a course whose names are unsafe before writing anything', async () => {
    const out = tempDir();
    const course = demoCourse('Broken');
    (course.lessons[0] as { slug: string }).slug = 'x/../../../nope';
    await expect(writeCourse(course, out)).rejects.toThrow(/slug/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('leaves no half-written folder behind when a write fails midway', async () => {
    const out = tempDir();
    const course = demoCourse('Broken', 2);
    (course.lessons[1] as { slug: string }).slug = 'a'.repeat(300); // longer than any file system allows
    await expect(writeCourse(course, out)).rejects.toThrow(/ENAMETOOLONG/);
    expect(readdirSync(out)).toEqual([]);
  });
});
