import { useRef, useState, type ReactNode } from 'react';
import type { AddSpecResult, SpecFileContent } from '../../../../../electron/shared/api.js';
import type { JobSummary } from '../../../../../electron/shared/jobs.js';
import { useApi } from '../../../lib/api-context.js';

const MAX_SPEC_BYTES = 1024 * 1024;

/** Adds dropped or chosen files: by path in the app, by content in a browser. */
export function useAddSpecs(onAdded: (jobs: JobSummary[]) => void) {
  const api = useApi();
  const [rejected, setRejected] = useState<Extract<AddSpecResult, { ok: false }>[]>([]);
  const [busy, setBusy] = useState(false);

  async function addFiles(files: File[]) {
    if (!files.length) return;
    setBusy(true);
    try {
      const byPath: string[] = [];
      const byContent: SpecFileContent[] = [];
      const tooBig: Extract<AddSpecResult, { ok: false }>[] = [];
      for (const file of files) {
        const path = api.pathForFile(file);
        if (path) byPath.push(path);
        // Refused here so a dragged-in video is never read into memory.
        else if (file.size > MAX_SPEC_BYTES) tooBig.push({ name: file.name, ok: false, problems: [{ path: '', message: `the file is ${(file.size / 1024 / 1024).toFixed(1)} MiB, larger than a spec can be (1 MiB)`, hint: 'a spec is a short text file; check that this is the right file' }] });
        else byContent.push({ name: file.name, content: await file.text() });
      }
      const results = [...(byPath.length ? await api.addSpecPaths(byPath) : []), ...(byContent.length ? await api.addSpecContents(byContent) : []), ...tooBig];
      onAdded(results.flatMap((r) => (r.ok ? [r.job] : [])));
      setRejected(results.filter((r): r is Extract<AddSpecResult, { ok: false }> => !r.ok));
    } catch (error) {
      setRejected([{ name: 'Add', ok: false, problems: [{ path: '', message: (error as Error).message }] }]);
    } finally {
      setBusy(false);
    }
  }
  /** Results of specs added elsewhere (Finder, the Dock, File › Add): the ones not added join the panel. */
  function showResults(results: AddSpecResult[]) {
    onAdded(results.flatMap((r) => (r.ok ? [r.job] : [])));
    const refused = results.filter((r): r is Extract<AddSpecResult, { ok: false }> => !r.ok);
    if (refused.length) setRejected(refused);
  }
  return { addFiles, showResults, rejected, dismiss: () => setRejected([]), busy };
}

/** The whole window accepts drops; it lights up while files are dragged over it. */
export function DropZone({ onFiles, children }: { onFiles: (files: File[]) => void; children: ReactNode }) {
  const depth = useRef(0);
  const [active, setActive] = useState(false);
  const hasFiles = (e: React.DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
  return (
    <div
      className={`drop-zone${active ? ' dragging' : ''}`}
      data-testid="drop-zone"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setActive(true);
      }}
      onDragOver={(e) => {
        if (hasFiles(e)) e.preventDefault();
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setActive(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setActive(false);
        onFiles(Array.from(e.dataTransfer.files));
      }}
    >
      {children}
      {active && (
        <div className="drop-overlay" role="status">
          Drop course specs to queue them
        </div>
      )}
    </div>
  );
}

/** The "Add…" button: the same as a drop, for keyboard and screen-reader users. */
export function AddSpecsButton({ onFiles, disabled }: { onFiles: (files: File[]) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()} disabled={disabled}>
        Add…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".yaml,.yml,.json"
        hidden
        aria-label="Course spec files"
        onChange={(e) => {
          onFiles(Array.from(e.currentTarget.files ?? []));
          e.currentTarget.value = '';
        }}
      />
    </>
  );
}

/** Files that were not queued, each with its problems. */
export function RejectedSpecs({ rejected, onDismiss }: { rejected: Extract<AddSpecResult, { ok: false }>[]; onDismiss: () => void }) {
  if (!rejected.length) return null;
  return (
    <section className="rejected" role="alert" aria-label="Files not added">
      <header>
        <strong>
          {rejected.length === 1 ? '1 file was' : `${rejected.length} files were`} not added
        </strong>
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      </header>
      {rejected.map((r) => (
        <div key={r.name} className="rejected-file">
          <h3>{r.name}</h3>
          <ul>
            {r.problems.map((p, i) => (
              <li key={i}>
                {p.line ? `line ${p.line}: ` : ''}
                {p.path ? <code>{p.path}</code> : null}
                {p.path ? ': ' : ''}
                {p.message}
                {p.hint ? ` — ${p.hint}` : ''}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
