import type { LessonVersionView } from '../../../../../electron/shared/api.js';

/** "12 Mar 2026, 14:03": when a version was replaced, in the person's locale. */
export function whenOf(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The lesson's earlier versions, newest first (Undo brings back the first). */
export function LessonHistory({ lessonNumber, versions }: { lessonNumber: number; versions: readonly LessonVersionView[] }) {
  return (
    <section className="lesson-history" aria-label={`History of lesson ${lessonNumber}`}>
      <h4>History</h4>
      {versions.length === 0 ? (
        <p className="muted">No earlier versions: this lesson was never regenerated or edited (or every change was undone).</p>
      ) : (
        <ol>
          {versions.map((v) => (
            <li key={v.id}>
              <time dateTime={v.replacedAt}>{whenOf(v.replacedAt)}</time>: “{v.title}”, replaced by {v.reason === 'regenerate' ? 'a regeneration' : v.reason === 'edit' ? 'an edit' : v.reason}
              {v.note && <span className="muted"> (note: {v.note})</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
