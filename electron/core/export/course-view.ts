import type { CourseView } from '../../shared/course-html/course-view.js';
import type { Course } from '../course/course-schema.js';

// The shared HTML renderer reads a structural CourseView (electron/shared may not import core).
// These lines fail to compile the day course.json's schema drifts away from it.
type Assignable<T, U> = [T] extends [U] ? true : false;
const courseIsACourseView: Assignable<Course, CourseView> = true;
void courseIsACourseView;

/** A course as the HTML renderer takes it (no copy: the type check is the point). */
export function courseView(course: Course): CourseView {
  return course;
}
