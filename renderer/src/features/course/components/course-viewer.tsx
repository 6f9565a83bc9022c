import { useCallback, useEffect, useRef, useState } from 'react';
import '../../../../../electron/shared/course-html/course.css';
import type { CourseView } from '../../../../../electron/shared/course-html/index.js';
import { useCourse } from '../hooks/use-course.js';
import { CourseQuality } from './course-quality.js';
import { ExportMenu } from './export-menu.js';
import { LessonContent } from './lesson-content.js';

/** Keys that move between lessons, unless the person is typing or using a menu. */
function lessonKey(event: KeyboardEvent): 'previous' | 'next' | 'first' | 'last' | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return undefined;
  const target = event.target;
  if (target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"], [role="menu"]')) return undefined;
  switch (event.key) {
    case 'ArrowLeft':
    case 'k':
      return 'previous';
    case 'ArrowRight':
    case 'j':
      return 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return undefined;
  }
}

function totalsLine(course: CourseView): string {
  const t = course.totals;
  return `${t.lessons} lessons · about ${t.minutes} minutes · ${t.vocabulary} terms · ${t.exercises} exercises · ${t.quizQuestions} quiz questions`;
}

/**
 * A finished course to read and practise: the lessons listed with their goals, one lesson at a
 * time in the shared renderer's reading layout, the quality report beside it, and Export.
 */
export function CourseViewer({ jobId, onClose, exportRequest = 0 }: { jobId: string; onClose: () => void; exportRequest?: number }) {
  const { detail, error } = useCourse(jobId);
  const [index, setIndex] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const lessons = detail?.course.lessons ?? [];

  const show = useCallback(
    (next: number, focus = false) => {
      if (!lessons.length) return;
      const clamped = Math.max(0, Math.min(lessons.length - 1, next));
      const lesson = lessons[clamped]!;
      setIndex(clamped);
      setAnnouncement(`Lesson ${lesson.number} of ${lessons.length}: ${lesson.title}`);
      if (focus) requestAnimationFrame(() => headingRef.current?.focus());
    },
    [lessons],
  );
  const showNumber = (number: number) => show(lessons.findIndex((l) => l.number === number), true);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const key = lessonKey(event);
      if (!key) return;
      event.preventDefault();
      show(key === 'previous' ? index - 1 : key === 'next' ? index + 1 : key === 'first' ? 0 : lessons.length - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show, index, lessons.length]);

  if (error) {
    return (
      <section className="course-viewer" aria-label="Course">
        <p role="alert">This course cannot be shown: {error}</p>
        <button type="button" onClick={onClose}>
          Back to jobs
        </button>
      </section>
    );
  }
  if (!detail) return <p role="status">Opening the course…</p>;
  const { course, quality } = detail;
  const lesson = lessons[index];

  return (
    <section className="course-viewer" aria-label={`Course ${course.title}`}>
      <header className="course-header">
        <button type="button" onClick={onClose}>
          ‹ Jobs
        </button>
        <div className="course-heading">
          <h2>{course.title}</h2>
          <p className="course-meta">
            {course.language} for {course.nativeLanguage} speakers · level {course.level}
          </p>
          <p className="course-totals">{totalsLine(course)}</p>
        </div>
        <ExportMenu jobId={jobId} openRequest={exportRequest} />
      </header>
      {course.generator.demo && <p className="banner">Demo content: written by the offline demo provider to show the format.</p>}
      <div className="course-body">
        <nav className="course-lessons" aria-label="Lessons of the course">
          <ol>
            {lessons.map((l, i) => (
              <li key={l.number}>
                <button type="button" className="link" aria-current={i === index ? 'page' : undefined} onClick={() => show(i, true)}>
                  {l.number}. {l.title}
                </button>
                {l.goals.length > 0 && (
                  <ul className="course-goals" aria-label={`Goals of lesson ${l.number}`}>
                    {l.goals.map((g, k) => (
                      <li key={k}>{g}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          {quality && <CourseQuality quality={quality} onShowLesson={showNumber} />}
        </nav>
        <div className="course-reading">
          {/* The lesson toolbar: Regenerate…, Edit and Undo join Previous and Next here. */}
          <div role="toolbar" aria-label="Lesson" className="lesson-toolbar">
            <button type="button" onClick={() => show(index - 1, true)} disabled={index === 0} aria-keyshortcuts="ArrowLeft k">
              ‹ Previous
            </button>
            <h3 ref={headingRef} tabIndex={-1} className="lesson-position">
              Lesson {lesson?.number} of {lessons.length}
            </h3>
            <button type="button" onClick={() => show(index + 1, true)} disabled={index >= lessons.length - 1} aria-keyshortcuts="ArrowRight j">
              Next ›
            </button>
          </div>
          <p className="visually-hidden" aria-live="polite" role="status" aria-label="Lesson shown">
            {announcement}
          </p>
          {lesson && <LessonContent key={lesson.number} course={course} lesson={lesson} />}
          <p className="course-keys">← → or j k: previous and next lesson · Home, End: first and last</p>
        </div>
      </div>
    </section>
  );
}
