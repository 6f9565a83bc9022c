import { COURSE_CSS } from '../../shared/course-html/course-css.js';
import { renderCourseDocument } from '../../shared/course-html/render-course.js';
import type { Course } from '../course/course-schema.js';
import { courseView } from './course-view.js';

/** The printable handout as one HTML document (inline CSS, nothing from the network, no script): the html export, and what the pdf export prints. */
export function courseHandoutHtml(course: Course): string {
  return renderCourseDocument(courseView(course), { mode: 'handout', inlineCss: COURSE_CSS });
}
