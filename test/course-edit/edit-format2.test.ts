import { describe, expect, it } from 'vitest';
import { editLesson } from '../../electron/core/course-edit/change-lesson.js';
import { API_ARGS } from '../../electron/shared/api-schemas.js';
import { useTempDir } from '../support/temp-dir.js';
import { readCourse, writeDemoCourse } from './course-edit-fixtures.js';

// Editing a lesson of a format 2 course: the form sends each item back whole, readings, gender
// and article included, so the API takes them and the edit keeps them.

const tempDir = useTempDir();

describe('editing a format 2 lesson', () => {
  it('the API accepts a lesson whose items carry readings, a gender and an article, and the edit keeps them', async () => {
    const folder = await writeDemoCourse(tempDir(), 2);
    const lesson = readCourse(folder).lessons[0]!;
    const vocabulary = lesson.vocabulary!.map((v, i) => (i === 0 ? { ...v, translation: 'the market', partOfSpeech: 'noun', gender: 'masculine', article: 'el', reading: { text: 'ichiba', kana: 'いちば' }, exampleReading: { text: 'ichiba desu' } } : v));
    const dialogue = { ...lesson.dialogue!, lines: lesson.dialogue!.lines.map((l) => ({ ...l, reading: { text: 'konnichiwa' } })) };
    const patch = { vocabulary, dialogue };
    expect(API_ARGS.editLesson.safeParse(['abcd1234', 1, patch]).success).toBe(true);
    await editLesson(folder, 1, patch as never);
    const saved = readCourse(folder);
    expect(saved.formatVersion).toBe(2);
    expect(saved.lessons[0]!.vocabulary![0]).toMatchObject({ translation: 'the market', gender: 'masculine', article: 'el', reading: { text: 'ichiba', kana: 'いちば' } });
    expect(saved.lessons[0]!.dialogue!.lines[0]!.reading).toEqual({ text: 'konnichiwa' });
  });

  it('the lesson schema still refuses a gender it does not know', async () => {
    const folder = await writeDemoCourse(tempDir(), 2);
    const lesson = readCourse(folder).lessons[0]!;
    const vocabulary = lesson.vocabulary!.map((v, i) => (i === 0 ? { ...v, gender: 'male' } : v));
    await expect(editLesson(folder, 1, { vocabulary } as never)).rejects.toMatchObject({ code: 'INVALID_LESSON_EDIT', field: 'vocabulary[0].gender' });
  });
});
