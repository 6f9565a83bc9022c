import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COURSE_FORMAT, courseSchema } from '../../electron/core/course/course-schema.js';
import { courseWithLesson } from '../../electron/core/course-edit/save-lesson-change.js';
import { readCourseFolder } from '../../electron/core/output/read-course.js';
import { demoCourse, trickyCourse } from '../export/export-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// course.json format 2 (issue 18): readings, genders and parts of speech, each optional, so a
// format 1 course is still read, checked and exported, and written back as format 2.

const tempDir = useTempDir();

function writeCourse(course: unknown): string {
  const folder = tempDir();
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course));
  return folder;
}

describe('course.json format 2', () => {
  it('a generated course is written as format 2', () => {
    expect(COURSE_FORMAT).toBe(2);
    expect(demoCourse(1).formatVersion).toBe(2);
  });

  it('keeps a term\'s part of speech, gender, article and readings, and the readings of lines and examples', async () => {
    const course = structuredClone(trickyCourse('German')) as Record<string, any>;
    course.formatVersion = 2;
    const lesson = course.lessons[0];
    Object.assign(lesson.vocabulary[0], { partOfSpeech: 'noun', gender: 'masculine', article: 'der', reading: { text: 'markt' } });
    lesson.dialogue.lines[0].reading = { text: 'ichiba desu', kana: 'いちばです' };
    lesson.grammar.examples[0].reading = { text: 'shìchǎng' };
    const read = await readCourseFolder(writeCourse(course));
    expect(read.course.lessons[0]!.vocabulary![0]).toMatchObject({ partOfSpeech: 'noun', gender: 'masculine', article: 'der', reading: { text: 'markt' } });
    expect(read.course.lessons[0]!.dialogue!.lines[0]!.reading).toEqual({ text: 'ichiba desu', kana: 'いちばです' });
    expect(read.course.lessons[0]!.grammar!.examples[0]!.reading).toEqual({ text: 'shìchǎng' });
  });

  it('refuses a gender or a part of speech it does not know', () => {
    const course = structuredClone(trickyCourse('German')) as Record<string, any>;
    course.lessons[0].vocabulary[0].gender = 'male';
    expect(courseSchema.safeParse(course).success).toBe(false);
    course.lessons[0].vocabulary[0].gender = 'masculine';
    course.lessons[0].vocabulary[0].partOfSpeech = 'thing';
    expect(courseSchema.safeParse(course).success).toBe(false);
  });

  it('reads a format 1 course as it is, and writes it back as format 2 when a lesson changes', async () => {
    const v1 = trickyCourse('Spanish');
    expect(v1.formatVersion).toBe(1);
    const read = await readCourseFolder(writeCourse(v1));
    expect(read.course.formatVersion).toBe(1);
    expect(read.course.lessons).toEqual(v1.lessons);
    const changed = courseWithLesson(read, { ...read.course.lessons[0]!, title: 'Changed' }, []);
    expect(changed.formatVersion).toBe(2);
  });
});
