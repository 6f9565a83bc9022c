import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editLesson, replaceLesson, type LessonPatch } from '../../electron/core/course-edit/change-lesson.js';
import { useTempDir } from '../support/temp-dir.js';
import { readCourse, snapshot, writeDemoCourse } from './course-edit-fixtures.js';

const tempDir = useTempDir();

describe('an invalid edit is refused with its field named, and nothing is written', () => {
  it.each<[string, (lesson: ReturnType<typeof readCourse>['lessons'][number]) => unknown, string]>([
    ['an empty title', () => ({ title: '   ' }), 'lesson 1: title must not be empty; nothing was saved'],
    ['an empty translation', (l) => ({ vocabulary: l.vocabulary!.map((v, i) => (i === 2 ? { ...v, translation: '' } : v)) }), 'lesson 1: vocabulary[2].translation must not be empty; nothing was saved'],
    ['a dialogue of one line', (l) => ({ dialogue: { ...l.dialogue!, lines: l.dialogue!.lines.slice(0, 1) } }), 'lesson 1: dialogue.lines must have at least 2 items; nothing was saved'],
    ['a number where text goes', () => ({ summary: 42 }), 'lesson 1: summary must be text; nothing was saved'],
    ['an unknown key in a section', (l) => ({ grammar: { ...l.grammar!, note: 'x' } }), 'lesson 1: grammar has unknown field "note"; nothing was saved'],
    ['a quiz answer that points at no option', (l) => ({ quiz: [{ ...l.quiz![0]!, answerIndex: 7 }] }), 'lesson 1: quiz[0].answerIndex must point at one of the'],
    ['a misspelt field', () => ({ sumary: 'x' }), 'lesson 1: sumary is not a field of a lesson (did you mean "summary"?)'],
    ['a field FluentPro sets', () => ({ number: 3 }), 'lesson 1: number is set by FluentPro and cannot be edited; nothing was saved'],
  ])('%s', async (_name, patchOf, message) => {
    const folder = await writeDemoCourse(tempDir(), 2);
    const before = snapshot(folder);
    const patch = patchOf(readCourse(folder).lessons[0]!) as LessonPatch;
    const error = await editLesson(folder, 1, patch).then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string; field?: string },
    );
    expect(error?.message).toContain(message);
    expect(error).toMatchObject({ name: 'InvalidLessonEditError', code: 'INVALID_LESSON_EDIT' });
    expect(snapshot(folder)).toEqual(before);
    expect(existsSync(join(folder, 'history'))).toBe(false);
    expect(existsSync(join(folder, '.fluentpro-change.lock'))).toBe(false);
  });

  it('names the field in `field` for a form to show it beside', async () => {
    const folder = await writeDemoCourse(tempDir(), 2);
    const l = readCourse(folder).lessons[1]!;
    await expect(editLesson(folder, 2, { exercises: [{ ...l.exercises![0]!, answer: '' }] })).rejects.toMatchObject({ field: 'exercises[0].answer', lessonNumber: 2 });
  });

  it('replaceLesson refuses content the lesson schema refuses, the same way', async () => {
    const folder = await writeDemoCourse(tempDir(), 2);
    const before = snapshot(folder);
    await expect(replaceLesson(folder, 1, { title: 'Fine', summary: '' }, { reason: 'regenerate' })).rejects.toThrow('lesson 1: summary must not be empty; nothing was saved');
    await expect(replaceLesson(folder, 1, { title: 'Fine', summary: 'x' }, { reason: 'Not A Word' })).rejects.toThrow(TypeError);
    expect(snapshot(folder)).toEqual(before);
  });
});
