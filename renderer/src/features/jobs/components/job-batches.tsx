import type { BatchView } from '../../../../../electron/shared/jobs.js';
import { clockTime } from '../../../../../electron/shared/jobs.js';

/** "Dec 5, 02:00" in local time: a batch can take a day, so the day is said. */
function when(iso: string): string {
  const ms = Date.parse(iso);
  return `${new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}, ${clockTime(ms)}`;
}

/** A batch-mode job's batches at the provider: id, state, counts, submitted and completed times. */
export function JobBatches({ batches }: { batches: BatchView[] }) {
  return (
    <>
      <h3>Batches</h3>
      <table className="job-batches" aria-label="Batches">
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">State</th>
            <th scope="col">Answered</th>
            <th scope="col">Submitted</th>
            <th scope="col">Completed</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id}>
              <td>
                <code>{b.id}</code> <span className="batch-round">({b.round})</span>
              </td>
              <td>{b.state.replace('_', ' ')}</td>
              <td>
                {b.counts.completed} of {b.counts.total}
                {b.counts.failed ? `, ${b.counts.failed} failed` : ''}
              </td>
              <td>{when(b.createdAt)}</td>
              <td>{b.completedAt ? when(b.completedAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
