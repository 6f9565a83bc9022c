import { useEffect, useMemo, useRef } from 'react';
import { languageTag, renderLessonHtml, textDirection, type CourseView, type LessonView } from '../../../../../electron/shared/course-html/index.js';
import { attachCourseBehaviour } from '../api/course-behaviour.js';

/**
 * One lesson as the shared renderer writes it in reading mode. The HTML is escaped by
 * construction (every piece of model text goes through escapeHtml), so it is set as the
 * container's innerHTML; its buttons work by one delegated click listener.
 */
export function LessonContent({ course, lesson }: { course: CourseView; lesson: LessonView }) {
  const ref = useRef<HTMLDivElement>(null);
  const html = useMemo(() => ({ __html: renderLessonHtml(course, lesson, { mode: 'reading', idPrefix: 'fp-view-' }) }), [course, lesson]);
  useEffect(() => (ref.current ? attachCourseBehaviour(ref.current) : undefined), []);
  const tag = languageTag(course.nativeLanguage);
  return <div ref={ref} className="fp-course fp-mode-reading course-lesson" lang={tag || undefined} dir={tag ? textDirection(tag) : undefined} dangerouslySetInnerHTML={html} />;
}
