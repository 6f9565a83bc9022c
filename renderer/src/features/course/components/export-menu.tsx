import { useEffect, useRef, useState } from 'react';
import { COURSE_EXPORT_FORMATS, type CourseExportFormat, type ExportCourseOptions } from '../../../../../electron/shared/api.js';
import { useApi } from '../../../lib/api-context.js';

interface Choice {
  format: CourseExportFormat;
  label: string;
  options?: ExportCourseOptions;
}

const CHOICES: Choice[] = COURSE_EXPORT_FORMATS.flatMap((f): Choice[] =>
  f.id === 'pdf'
    ? [
        { format: 'pdf', label: 'PDF handout (.pdf), A4', options: { pageSize: 'A4' } },
        { format: 'pdf', label: 'PDF handout (.pdf), US Letter', options: { pageSize: 'Letter' } },
      ]
    : [{ format: f.id, label: f.label }],
);

/**
 * The viewer's Export menu: one item per format; the host decides where the file goes (a save
 * dialog in the app, the course's exports/ folder in a browser) and the menu says where it went.
 * `openRequest` changes when File › Export… asks for the menu.
 */
export function ExportMenu({ jobId, openRequest }: { jobId: string; openRequest: number }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const menuRef = useRef<HTMLUListElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (openRequest > 0) setOpen(true);
  }, [openRequest]);
  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus();
  }, [open]);

  const run = async (choice: Choice) => {
    setOpen(false);
    setBusy(choice.label);
    setResult(undefined);
    try {
      const done = await api.exportCourse(jobId, choice.format, choice.options);
      setResult(done.path ? { ok: true, text: `Saved ${choice.label} to ${done.path}` } : { ok: true, text: 'Export cancelled.' });
    } catch (e) {
      setResult({ ok: false, text: `${choice.label} could not be exported: ${(e as Error).message}` });
    } finally {
      setBusy(undefined);
      buttonRef.current?.focus();
    }
  };

  const onMenuKey = (event: React.KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Escape') {
      setOpen(false);
      buttonRef.current?.focus();
    } else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="export-menu">
      <button type="button" ref={buttonRef} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} disabled={busy !== undefined}>
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {open && (
        <ul role="menu" aria-label="Export as" ref={menuRef} onKeyDown={onMenuKey} className="export-menu-list">
          {CHOICES.map((c) => (
            <li role="none" key={c.label}>
              <button type="button" role="menuitem" onClick={() => void run(c)}>
                {c.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {busy && <span role="status">Exporting {busy}…</span>}
      {result && (
        <p role={result.ok ? 'status' : 'alert'} className={result.ok ? 'export-done' : 'export-failed'}>
          {result.text}
        </p>
      )}
    </div>
  );
}
