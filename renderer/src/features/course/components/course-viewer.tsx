import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import '../../../../../electron/shared/course-html/course.css';
import type { CourseView } from '../../../../../electron/shared/course-html/index.js';
import type { LessonChangeView } from '../../../../../electron/shared/api.js';
import { useApi } from '../../../lib/api-context.js';
import { clipOf } from '../api/course-behaviour.js';
import { useClipPlayer } from '../hooks/use-clip-player.js';
import { useCourse, useLessonHistory } from '../hooks/use-course.js';
import { CourseQuality } from './course-quality.js';
import { ExportMenu } from './export-menu.js';
import { LessonContent, type ClipSource } from './lesson-content.js';
import { LessonEditor } from './lesson-editor.js';
import { LessonHistory, whenOf } from './lesson-history.js';
import { RegenerateDialog } from './regenerate-dialog.js';

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

/** Keys that play the lesson's clips: p the focused item (or the last played), Shift+P the dialogue, s the slower speed. */
function listenKey(event: KeyboardEvent): 'play' | 'dialogue' | 'slower' | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return undefined;
  const target = event.target;
  if (target instanceof Element && target.closest('input, textarea, select, [contenteditable="true"], [role="menu"]')) return undefined;
  if (event.key === 'p' || event.key === 'P') return event.shiftKey ? 'dialogue' : 'play';
  if (event.key === 's' && !event.shiftKey) return 'slower';
  return undefined;
}

/** The play button of what has focus in the lesson: the button itself, or the one in the focused row or line. */
function focusedPlayButton(lessonRoot: Element): Element | undefined {
  const focused = lessonRoot.ownerDocument.activeElement;
  if (!focused || !lessonRoot.contains(focused)) return undefined;
  if (focused.matches('[data-fp-action="play-audio"]')) return focused;
  return focused.closest('tr, li')?.querySelector('[data-fp-action="play-audio"]') ?? undefined;
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
  const api = useApi();
  const { detail, error, reload, replace } = useCourse(jobId);
  const [index, setIndex] = useState(0);
  /** What the lesson area shows besides the lesson: the Regenerate… dialog or the editor. */
  const [panel, setPanel] = useState<'regenerate' | 'edit'>();
  const [changeMessage, setChangeMessage] = useState<{ ok: boolean; text: string }>();
  const [undoing, setUndoing] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const readingRef = useRef<HTMLDivElement>(null);
  const lessons = detail?.course.lessons ?? [];
  const { player, state: listening, setSlower } = useClipPlayer();
  const clipFiles = detail?.clips;
  const clipSource = useMemo<ClipSource | undefined>(() => (clipFiles ? (pointer) => (clipFiles[pointer] ? api.clipUrl(jobId, clipFiles[pointer]) : undefined) : undefined), [api, jobId, clipFiles]);
  // What of the lesson shown can be heard (a pointer's lesson is its index in course.json's lessons).
  const lessonClips = clipFiles ? Object.keys(clipFiles).filter((pointer) => pointer.startsWith(`/lessons/${index}/`)) : [];
  const canListen = lessonClips.length > 0 && panel !== 'edit';
  const canPlayDialogue = canListen && lessonClips.some((pointer) => /\/dialogue\/lines\/\d+\/line$/.test(pointer));

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
  const lessonNumber = lessons[index]?.number;
  const history = useLessonHistory(jobId, lessonNumber, detail);
  useEffect(() => {
    setPanel(undefined);
    setChangeMessage(undefined);
  }, [lessonNumber]);
  // A clip of a lesson no longer shown (or being edited) stops.
  useEffect(() => player.stop(), [player, lessonNumber, panel]);

  const lessonRoot = () => readingRef.current?.querySelector<HTMLElement>('.course-lesson') ?? undefined;
  const playDialogue = useCallback(() => {
    if (listening.playing === 'dialogue') return player.stop();
    const clips = [...(lessonRoot()?.querySelectorAll<HTMLAudioElement>('.fp-dialogue audio[data-fp-clip]') ?? [])];
    player.playInOrder(clips);
  }, [player, listening.playing]);
  const playFocused = useCallback(() => {
    const root = lessonRoot();
    if (!root) return;
    const button = focusedPlayButton(root);
    const audio = (button && clipOf(root, button)) ?? player.last ?? root.querySelector<HTMLAudioElement>('audio[data-fp-clip]') ?? undefined;
    if (audio) player.play(audio);
  }, [player]);

  const changed = (change: LessonChangeView, text: string) => {
    replace(change.detail);
    setPanel(undefined);
    setChangeMessage({ ok: true, text });
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const undo = async () => {
    if (lessonNumber === undefined) return;
    setUndoing(true);
    setChangeMessage(undefined);
    try {
      const change = await api.undoLesson(jobId, lessonNumber);
      changed(change, `Lesson ${lessonNumber} is back to its previous version${change.undoable ? ` (${change.undoable} earlier left)` : ''}.`);
    } catch (e) {
      setChangeMessage({ ok: false, text: `Could not undo: ${(e as Error).message}` });
    } finally {
      setUndoing(false);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const listen = canListen ? listenKey(event) : undefined;
      if (listen) {
        event.preventDefault();
        if (listen === 'play') playFocused();
        else if (listen === 'dialogue') canPlayDialogue && playDialogue();
        else setSlower(!player.slower);
        return;
      }
      const key = lessonKey(event);
      if (!key) return;
      event.preventDefault();
      show(key === 'previous' ? index - 1 : key === 'next' ? index + 1 : key === 'first' ? 0 : lessons.length - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [show, index, lessons.length, canListen, canPlayDialogue, playFocused, playDialogue, setSlower, player]);

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
      {course.generator.demo && <p className="banner">Demo content: written by the offline demo, without an AI model (built-in lessons for the example specs, placeholders for others).</p>}
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
        <div className="course-reading" ref={readingRef}>
          <div role="toolbar" aria-label="Lesson" className="lesson-toolbar">
            <button type="button" onClick={() => show(index - 1, true)} disabled={index === 0 || panel === 'edit'} aria-keyshortcuts="ArrowLeft k">
              ‹ Previous
            </button>
            <h3 ref={headingRef} tabIndex={-1} className="lesson-position">
              Lesson {lesson?.number} of {lessons.length}
            </h3>
            <button type="button" onClick={() => show(index + 1, true)} disabled={index >= lessons.length - 1 || panel === 'edit'} aria-keyshortcuts="ArrowRight j">
              Next ›
            </button>
            <span className="lesson-change-buttons">
              <button type="button" aria-haspopup="dialog" aria-expanded={panel === 'regenerate'} onClick={() => setPanel(panel === 'regenerate' ? undefined : 'regenerate')} disabled={!lesson || panel === 'edit'}>
                Regenerate…
              </button>
              <button type="button" aria-pressed={panel === 'edit'} onClick={() => setPanel(panel === 'edit' ? undefined : 'edit')} disabled={!lesson}>
                Edit
              </button>
              <button type="button" onClick={() => void undo()} disabled={!history.length || undoing || panel === 'edit'} title={history[0] ? undefined : 'Nothing to undo: this lesson was never regenerated or edited'}>
                {history[0] ? `Undo: back to the version of ${whenOf(history[0].replacedAt)} (${history[0].reason})` : 'Undo'}
              </button>
            </span>
          </div>
          {changeMessage && (
            <p role={changeMessage.ok ? 'status' : 'alert'} className={changeMessage.ok ? 'lesson-change-done' : 'field-problem'}>
              {changeMessage.text}
            </p>
          )}
          {panel === 'regenerate' && lesson && (
            <RegenerateDialog key={`regenerate-${lesson.number}`} jobId={jobId} lessonNumber={lesson.number} lessonTitle={lesson.title} onFinished={reload} onClose={() => setPanel(undefined)} />
          )}
          {canListen && (
            <div role="toolbar" aria-label="Listen" className="listen-toolbar">
              {canPlayDialogue && (
                <button type="button" onClick={playDialogue} aria-keyshortcuts="Shift+P" title="Play the dialogue’s lines one after another (Shift+P)">
                  {listening.playing === 'dialogue' ? '■ Stop dialogue' : '▶ Play dialogue'}
                </button>
              )}
              <button type="button" aria-pressed={listening.slower} onClick={() => setSlower(!listening.slower)} aria-keyshortcuts="s" title="Play every clip at 0.75× speed (S)">
                Slower
              </button>
              <span className="listen-keys">p: play the focused word or line (again) · Shift+P: the dialogue · s: slower</span>
            </div>
          )}
          {listening.problem && (
            <p role="alert" className="field-problem">
              {listening.problem}
            </p>
          )}
          <p className="visually-hidden" aria-live="polite" role="status" aria-label="Lesson shown">
            {announcement}
          </p>
          {lesson && panel === 'edit' ? (
            <LessonEditor
              key={`edit-${lesson.number}`}
              jobId={jobId}
              lesson={lesson}
              onCancel={() => setPanel(undefined)}
              onSaved={(change) => changed(change, change.changed ? `Lesson ${change.lessonNumber} saved. Undo brings back the previous version.` : 'Nothing was changed, so nothing was saved.')}
            />
          ) : (
            lesson && <LessonContent key={`read-${lesson.number}`} course={course} lesson={lesson} clips={clipSource} player={player} />
          )}
          {lesson && <LessonHistory lessonNumber={lesson.number} versions={history} />}
          <p className="course-keys">← → or j k: previous and next lesson · Home, End: first and last</p>
        </div>
      </div>
    </section>
  );
}
