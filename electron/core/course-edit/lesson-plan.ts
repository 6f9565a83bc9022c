import { resolve } from 'node:path';
import type { Course, PlannedLesson } from '../course/course-schema.js';
import { readCourseFolder } from '../output/read-course.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { REVIEW_LESSONS, type LessonContext } from '../workflow/prompts.js';
import { lessonOf } from './save-lesson-change.js';

// What writing one lesson of a finished course again needs, read back from course.json: the
// spec it was made from, the lesson's plan, and the context its prompt gives.

/** The longest note an author may give a regeneration. */
export const NOTE_MAX = 1000;

/** The spec a course was generated from, as far as course.json keeps it (topics only shaped the plan). */
export function specFromCourse(course: Course): CourseSpec {
  return {
    title: course.title,
    language: course.language,
    nativeLanguage: course.nativeLanguage,
    level: course.level,
    lessons: course.lessons.length,
    lessonMinutes: course.lessonMinutes,
    topics: [],
    sections: course.sections,
    notes: course.notes,
  };
}

const planOf = (lesson: Course['lessons'][number]): PlannedLesson => ({
  number: lesson.number,
  title: lesson.title,
  goals: lesson.goals,
  vocabulary: (lesson.vocabulary ?? []).map((v) => v.term),
  grammarPoint: lesson.grammarPoint,
});

/**
 * Lesson `n`'s plan (its number, title, goals, terms and grammar point) and its prompt's context:
 * the neighbours' titles, the terms of the two lessons before for review, the course summary,
 * every other lesson's terms (not to be introduced here) and the author's note.
 */
export function lessonPlanFromCourse(course: Course, n: number, note?: string): { plan: PlannedLesson; context: LessonContext } {
  const i = course.lessons.findIndex((l) => l.number === n);
  const plans = course.lessons.map(planOf);
  const review = new Set(plans.slice(Math.max(0, i - REVIEW_LESSONS), i).flatMap((p) => p.vocabulary));
  return {
    plan: plans[i]!,
    context: {
      summary: course.summary,
      previous: plans[i - 1],
      next: plans[i + 1],
      reviewTerms: [...review],
      otherTerms: plans.flatMap((p, k) => (k === i ? [] : p.vocabulary.filter((t) => !review.has(t)))),
      ...(note ? { note } : {}),
    },
  };
}

/** A regeneration to queue, checked: the folder is a course, the lesson is in it, the note fits. */
export interface LessonJobRequest {
  /** The course folder, absolute. */
  folder: string;
  lessonNumber: number;
  note?: string;
  courseTitle: string;
  lessonTitle: string;
  /** The spec the course was made from (stored with the job). */
  spec: CourseSpec;
}

/** Reads the course folder and checks the request (NotACourseError, LessonNotFoundError, a TypeError for the note). */
export async function lessonJobRequest(folder: string, lessonNumber: number, note?: string): Promise<LessonJobRequest> {
  const loaded = await readCourseFolder(folder);
  const lesson = lessonOf(loaded, lessonNumber);
  const trimmed = note?.trim() || undefined;
  if (trimmed && trimmed.length > NOTE_MAX) throw new TypeError(`Expected \`note\` to be at most ${NOTE_MAX} characters, got ${trimmed.length}`);
  return { folder: resolve(loaded.folder), lessonNumber, ...(trimmed ? { note: trimmed } : {}), courseTitle: loaded.course.title, lessonTitle: lesson.title, spec: specFromCourse(loaded.course) };
}
