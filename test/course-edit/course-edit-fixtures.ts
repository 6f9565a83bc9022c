import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Course, LessonContent } from '../../electron/core/course/course-schema.js';
import { assembleCourse } from '../../electron/core/output/assemble-course.js';
import { writeCourse } from '../../electron/core/output/write-course.js';
import type { Repair } from '../../electron/core/quality/quality-types.js';
import { demoLesson, demoOutline } from '../../electron/core/providers/demo-content.js';
import { specOf } from '../support/engine-fixtures.js';

/** A demo course of `lessons` lessons written to `<outDir>/<slug>/`, as `fluentpro generate` writes it; returns the folder. */
export async function writeDemoCourse(outDir: string, lessons = 4, repairs: Repair[] = []): Promise<string> {
  const spec = specOf({ title: 'Spanish Edits', lessons }).spec;
  const outline = demoOutline(spec);
  const course = assembleCourse({
    spec,
    outline,
    lessons: outline.lessons.map((l) => demoLesson(spec, outline, l.number)),
    repairs,
    usage: { requests: 5, promptTokens: 100, completionTokens: 200 },
    provider: { name: 'demo', model: 'demo', demo: true },
    version: '0.0.0-test',
    now: new Date('2026-01-01T00:00:00Z'),
  });
  return writeCourse(course, outDir);
}

export function readCourse(folder: string): Course {
  return JSON.parse(readFileSync(join(folder, 'course.json'), 'utf8')) as Course;
}

/** Every file of the folder (history and lock aside) with its bytes, to compare before and after. */
export function snapshot(folder: string, skip = /^(history|\.fluentpro)/): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (skip.test(path)) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), path);
      else files.set(path, readFileSync(join(dir, entry.name), 'utf8'));
    }
  };
  walk(folder, '');
  return files;
}

/** A new version of a lesson, different in every section, keeping its planned terms. */
export function newVersion(course: Course, n: number, title: string): LessonContent {
  const lesson = course.lessons.find((l) => l.number === n)!;
  const { number: _n, slug: _s, goals: _g, grammarPoint: _p, ...content } = structuredClone(lesson);
  return {
    ...content,
    title,
    summary: `${title}: a new summary.`,
    dialogue: { setting: 'At the new market.', lines: [{ speaker: 'Ana', line: 'Nueva línea uno.', translation: 'New line one.' }, { speaker: 'Ben', line: 'Nueva línea dos.', translation: 'New line two.' }] },
    quiz: [{ question: '¿Nuevo?', options: ['sí', 'no'], answerIndex: 0, explanation: 'New question.' }],
  };
}
