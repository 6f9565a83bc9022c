import { COURSE_CSS } from '../../shared/course-html/course-css.js';
import { renderCourseDocument } from '../../shared/course-html/render-course.js';
import type { Course } from '../course/course-schema.js';
import type { CourseAudio } from './course-audio.js';
import { courseView } from './course-view.js';

/** The folder of a handout's clips, beside the page, when no other is named. */
export const HANDOUT_AUDIO_FOLDER = 'audio';

/**
 * The printable handout as one HTML document (inline CSS, nothing from the network, no script):
 * the html export, and what the pdf export prints. With the course's clips, each spoken text gets
 * the browser's own <audio controls> (no script needed), its `src` in `audioFolder` beside the
 * page: the page stays small, and whoever writes it writes the clips there (the export command).
 */
export function courseHandoutHtml(course: Course, audio?: CourseAudio, audioFolder = HANDOUT_AUDIO_FOLDER): string {
  const folder = audioFolder.split('/').map(encodeURIComponent).join('/');
  const clipSrc = (pointer: string) => {
    const file = audio?.clips.get(pointer);
    return file ? `${folder}/${file}` : undefined;
  };
  return renderCourseDocument(courseView(course), { mode: 'handout', inlineCss: COURSE_CSS, ...(audio ? { audio: clipSrc } : {}) });
}
