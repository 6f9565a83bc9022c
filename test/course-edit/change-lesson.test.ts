import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editLesson, replaceLesson, undoLesson } from '../../electron/core/course-edit/change-lesson.js';
import { lessonHistory } from '../../electron/core/course-edit/lesson-history.js';
import type { Repair } from '../../electron/core/quality/quality-types.js';
import { useTempDir } from '../support/temp-dir.js';
import { newVersion, readCourse, snapshot, writeDemoCourse } from './course-edit-fixtures.js';

const tempDir = useTempDir();

const repair = (lesson: number, detail: string): Repair => ({ kind: 'filled-in', lesson, where: `lesson ${lesson} summary`, detail });

describe('replaceLesson', () => {
  it('saves the new version, keeps the previous one in history/, and re-derives Markdown, README and totals', async () => {
    const folder = await writeDemoCourse(tempDir(), 4);
    const before = readCourse(folder);
    const untouched = snapshot(folder);

    const change = await replaceLesson(folder, 2, newVersion(before, 2, 'Numbers at the Market'), { reason: 'regenerate', usage: { requests: 1, promptTokens: 10, completionTokens: 20 } });

    expect(change).toMatchObject({ changed: true, lessonNumber: 2, reason: 'regenerate', previousTitle: 'Numbers and time', lessonFile: 'lessons/02-numbers-at-the-market.md', removedFile: 'lessons/02-numbers-and-time.md', undoable: 1 });
    const after = readCourse(folder);
    const lesson = after.lessons[1]!;
    expect(lesson).toMatchObject({ number: 2, slug: 'numbers-at-the-market', title: 'Numbers at the Market', goals: before.lessons[1]!.goals, grammarPoint: before.lessons[1]!.grammarPoint });
    expect(after.totals.quizQuestions).toBe(before.totals.quizQuestions - before.lessons[1]!.quiz!.length + 1);
    expect(after.usage).toEqual({ requests: 6, promptTokens: 110, completionTokens: 220 });
    // The file name followed the title; the old file is gone.
    expect(readdirSync(join(folder, 'lessons')).sort()).toEqual(['01-greetings-and-introductions.md', '02-numbers-at-the-market.md', '03-food-and-drink.md', '04-getting-around.md']);
    expect(readFileSync(join(folder, 'lessons', '02-numbers-at-the-market.md'), 'utf8')).toContain('# Lesson 2: Numbers at the Market');
    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain('2. [Numbers at the Market](lessons/02-numbers-at-the-market.md)');
    // Other lessons' files are byte for byte as they were.
    for (const name of ['lessons/01-greetings-and-introductions.md', 'lessons/03-food-and-drink.md', 'lessons/04-getting-around.md']) expect(readFileSync(join(folder, name), 'utf8')).toBe(untouched.get(name));
    // The previous version is in history/, with its title.
    const history = await lessonHistory(folder, 2);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ reason: 'regenerate', title: 'Numbers and time' });
    expect(history[0]!.file).toMatch(/^history\/lesson-02\/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-regenerate\.json$/);
    expect(change.historyFile).toBe(history[0]!.file);
    // No temp file or lock is left behind.
    expect(readdirSync(folder).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('re-derives the quality report: the replaced lesson loses its repairs and findings, the new ones come, others stay', async () => {
    const folder = await writeDemoCourse(tempDir(), 3, [repair(1, 'lesson one'), repair(2, 'old lesson two'), { kind: 'extra-dropped', where: 'outline', detail: 'plan' }]);
    const before = readCourse(folder);
    // A version whose quiz answer points at no option, and which repeats lesson 1's first term.
    const bad = newVersion(before, 2, 'Broken Numbers');
    bad.quiz = [{ question: '¿Cuál?', options: ['a', 'b'], answerIndex: 5, explanation: 'x' }];
    bad.vocabulary = [...bad.vocabulary!, { ...before.lessons[0]!.vocabulary![0]! }];
    await replaceLesson(folder, 2, bad, { reason: 'regenerate', repairs: [repair(2, 'new lesson two')] });

    const quality = readCourse(folder).quality!;
    expect(quality.holds).toBe(false);
    expect(quality.metrics.invalidQuizAnswers).toBe(1);
    expect(quality.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['quiz-answers-valid', 'vocabulary-unique']));
    expect(quality.repairs.map((r) => r.detail)).toEqual(['plan', 'lesson one', 'new lesson two']);
    expect(readFileSync(join(folder, 'README.md'), 'utf8')).toContain('answer index 5');

    // Undo brings back the old version's repairs and a report that holds again.
    await undoLesson(folder, 2);
    const restored = readCourse(folder).quality!;
    expect(restored.holds).toBe(true);
    expect(restored.repairs.map((r) => r.detail)).toEqual(['plan', 'lesson one', 'old lesson two']);
    expect(readCourse(folder).lessons[1]).toEqual(before.lessons[1]);
  });

  it('refuses a lesson number the course does not have, naming how many it has', async () => {
    const folder = await writeDemoCourse(tempDir(), 4);
    const content = newVersion(readCourse(folder), 1, 'X');
    await expect(replaceLesson(folder, 5, content, { reason: 'regenerate' })).rejects.toThrow(`there is no lesson 5 in ${folder}: the course has 4 lessons (number 1 to 4)`);
    await expect(replaceLesson(folder, 0, content, { reason: 'regenerate' })).rejects.toMatchObject({ code: 'LESSON_NOT_FOUND', lessonCount: 4 });
  });

  it('refuses what is not a course folder, as read-course says it', async () => {
    const dir = tempDir();
    await expect(replaceLesson(join(dir, 'nope'), 1, { title: 'x', summary: 'y' }, { reason: 'edit' })).rejects.toThrow(/nope is not a course folder: there is no such folder/);
  });
});

describe('undoLesson', () => {
  it('goes one version back per undo: twice is two steps, then there is nothing to undo', async () => {
    const folder = await writeDemoCourse(tempDir(), 3);
    const original = snapshot(folder);
    const v0 = readCourse(folder);
    await replaceLesson(folder, 3, newVersion(v0, 3, 'Food Version One'), { reason: 'regenerate' });
    const v1 = snapshot(folder);
    await editLesson(folder, 3, { summary: 'Edited by a teacher.' });
    expect(readCourse(folder).lessons[2]).toMatchObject({ title: 'Food Version One', summary: 'Edited by a teacher.' });
    expect((await lessonHistory(folder, 3)).map((v) => [v.reason, v.title])).toEqual([
      ['edit', 'Food Version One'],
      ['regenerate', 'Food and drink'],
    ]);

    const first = await undoLesson(folder, 3);
    expect(first).toMatchObject({ reason: 'undo', changed: true, undoable: 1 });
    expect(snapshot(folder)).toEqual(v1);
    const second = await undoLesson(folder, 3);
    expect(second).toMatchObject({ undoable: 0, lessonFile: 'lessons/03-food-and-drink.md', removedFile: 'lessons/03-food-version-one.md' });
    // Back to the course as it was written, every file.
    expect(snapshot(folder)).toEqual(original);
    expect(await lessonHistory(folder, 3)).toEqual([]);

    await expect(undoLesson(folder, 3)).rejects.toThrow(`lesson 3 of ${folder} has no earlier version: nothing to undo (it was never regenerated or edited, or every change was undone)`);
    await expect(undoLesson(folder, 3)).rejects.toMatchObject({ code: 'NOTHING_TO_UNDO' });
  });

  it('keeps each lesson’s history apart', async () => {
    const folder = await writeDemoCourse(tempDir(), 3);
    await editLesson(folder, 1, { title: 'Hello Again' });
    await editLesson(folder, 2, { title: 'Counting' });
    await undoLesson(folder, 1);
    expect(readCourse(folder).lessons.map((l) => l.title)).toEqual(['Greetings and introductions', 'Counting', 'Food and drink']);
    expect(await lessonHistory(folder, 2)).toHaveLength(1);
  });
});

describe('editLesson', () => {
  it('saves a person’s edit of text fields with reason "edit" and trims it', async () => {
    const folder = await writeDemoCourse(tempDir(), 2);
    const before = readCourse(folder);
    const grammar = { ...before.lessons[0]!.grammar!, explanation: '  A clearer explanation.  ' };
    const change = await editLesson(folder, 1, { grammar, goals: ['Say hello'] });
    expect(change).toMatchObject({ changed: true, reason: 'edit', undoable: 1 });
    const lesson = readCourse(folder).lessons[0]!;
    expect(lesson.grammar!.explanation).toBe('A clearer explanation.');
    expect(lesson.goals).toEqual(['Say hello']);
    expect(readFileSync(join(folder, 'lessons', '01-greetings-and-introductions.md'), 'utf8')).toContain('A clearer explanation.');
    expect((await lessonHistory(folder, 1))[0]).toMatchObject({ reason: 'edit' });
  });

  it('saves nothing for an edit that changes nothing', async () => {
    const folder = await writeDemoCourse(tempDir(), 2);
    const before = snapshot(folder);
    const change = await editLesson(folder, 1, { title: readCourse(folder).lessons[0]!.title });
    expect(change).toMatchObject({ changed: false, undoable: 0 });
    expect(snapshot(folder)).toEqual(before);
    expect(existsSync(join(folder, 'history'))).toBe(false);
  });
});
