import { useMemo } from 'react';
import type { JobSummary } from '../../../../../electron/shared/jobs.js';
import { VirtualList } from '../../../components/virtual-list.js';
import { useNow } from '../../../lib/use-now.js';
import type { JobGroups } from '../hooks/use-jobs.js';
import { JobRow, type JobActions } from './job-row.js';

const HEADER_HEIGHT = 44;
const ROW_HEIGHT = 92;

type Item = { kind: 'header'; title: string; count: number } | { kind: 'job'; job: JobSummary } | { kind: 'empty'; text: string };

/** Queued, Running and Finished, with counts, in one virtualised list. */
export function JobsBoard({ groups, actions, canRevealFiles }: { groups: JobGroups; actions: JobActions; canRevealFiles: boolean }) {
  const now = useNow(1000);
  const items = useMemo(() => {
    const list: Item[] = [];
    for (const [title, jobs, empty] of [
      ['Queued', groups.queued, 'Nothing waiting.'],
      ['Running', groups.running, 'Nothing running.'],
      ['Finished', groups.finished, 'Nothing finished yet.'],
    ] as const) {
      list.push({ kind: 'header', title, count: jobs.length });
      if (jobs.length === 0) list.push({ kind: 'empty', text: empty });
      for (const job of jobs) list.push({ kind: 'job', job });
    }
    return list;
  }, [groups]);
  const heights = useMemo(() => items.map((i) => (i.kind === 'job' ? ROW_HEIGHT : HEADER_HEIGHT)), [items]);

  return (
    <VirtualList
      label="Jobs"
      heights={heights}
      renderItem={(index) => {
        const item = items[index]!;
        if (item.kind === 'header') {
          return (
            <h2 className="group-header">
              {item.title} <span className="count">{item.count}</span>
            </h2>
          );
        }
        if (item.kind === 'empty') return <p className="group-empty">{item.text}</p>;
        return <JobRow job={item.job} now={now} actions={actions} canRevealFiles={canRevealFiles} />;
      }}
    />
  );
}
