import type { QualityView } from '../../../../../electron/shared/api.js';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The course's checks beside it: the verdict, and each finding a link to its lesson. */
export function CourseQuality({ quality, onShowLesson }: { quality: QualityView; onShowLesson: (lesson: number) => void }) {
  const problems = quality.findings.filter((f) => f.severity === 'fail').length;
  const warnings = quality.findings.length - problems;
  const verdict = problems === 0 ? 'All checks hold' : problems === 1 ? '1 problem needs attention' : `${problems} problems need attention`;
  return (
    <section className="course-quality" aria-labelledby="course-quality-heading">
      <h3 id="course-quality-heading">Quality</h3>
      <p className={quality.holds ? 'quality-holds' : 'quality-fails'}>
        {verdict}
        {warnings ? `, with ${warnings} warning${warnings === 1 ? '' : 's'}.` : '.'}
      </p>
      {quality.findings.length > 0 && (
        <ul aria-label="Findings">
          {quality.findings.map((f, i) => (
            <li key={i} className={`finding-${f.severity}`}>
              <span className="finding-severity">{f.severity === 'fail' ? 'Problem' : 'Warning'}:</span>{' '}
              {f.lesson !== undefined ? (
                <button type="button" className="link" onClick={() => onShowLesson(f.lesson!)} aria-label={`Lesson ${f.lesson}: ${f.message}`}>
                  {capitalize(f.message)}
                </button>
              ) : (
                capitalize(f.message)
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
