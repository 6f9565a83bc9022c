import { useEffect, useMemo, useRef } from 'react';
import { languageTag, renderLessonHtml, textDirection, type CourseView, type LessonView } from '../../../../../electron/shared/course-html/index.js';
import type { ClipPlayer } from '../api/clip-player.js';
import { attachCourseBehaviour } from '../api/course-behaviour.js';

/** A lesson's clips: the src of the clip that speaks the text at a JSON Pointer into course.json, if any. */
export type ClipSource = (pointer: string) => string | undefined;

/**
 * One lesson as the shared renderer writes it in reading mode. The HTML is escaped by
 * construction (every piece of model text goes through escapeHtml), so it is set as the
 * container's innerHTML; its buttons work by one delegated click listener. With `clips`, every
 * spoken text that has one gets a play button, played by `player`; without, none.
 */
export function LessonContent({ course, lesson, clips, player }: { course: CourseView; lesson: LessonView; clips?: ClipSource | undefined; player?: ClipPlayer | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const html = useMemo(() => ({ __html: renderLessonHtml(course, lesson, { mode: 'reading', idPrefix: 'fp-view-', ...(clips ? { audio: clips } : {}) }) }), [course, lesson, clips]);
  useEffect(() => (ref.current ? attachCourseBehaviour(ref.current, player) : undefined), [player]);
  const tag = languageTag(course.nativeLanguage);
  return <div ref={ref} className="fp-course fp-mode-reading course-lesson" lang={tag || undefined} dir={tag ? textDirection(tag) : undefined} dangerouslySetInnerHTML={html} />;
}
