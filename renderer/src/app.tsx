import { useEffect, useState } from 'react';
import type { AppPage, AppSettings } from '../../electron/shared/api.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { CourseViewer } from './features/course/components/course-viewer.js';
import { AddSpecsButton, DropZone, RejectedSpecs, useAddSpecs } from './features/drop/components/drop-zone.js';
import { JobDetail } from './features/jobs/components/job-detail.js';
import type { JobActions } from './features/jobs/components/job-row.js';
import { JobsBoard } from './features/jobs/components/jobs-board.js';
import { PausedBanner } from './features/jobs/components/paused-banner.js';
import { useJobs } from './features/jobs/hooks/use-jobs.js';
import { useQueuePause } from './features/jobs/hooks/use-queue-pause.js';
import { SchedulesPage } from './features/schedules/components/schedules-page.js';
import { SettingsPanel } from './features/settings/components/settings-panel.js';
import { useApi } from './lib/api-context.js';

export function App() {
  const api = useApi();
  const { groups, byId, loaded, upsert } = useJobs();
  const { addFiles, showResults, rejected, dismiss, busy } = useAddSpecs(upsert);
  const [detailId, setDetailId] = useState<string>();
  const [showSettings, setShowSettings] = useState(false);
  const [settings, setSettings] = useState<AppSettings>();
  const [notice, setNotice] = useState<string>();
  const [page, setPage] = useState<AppPage>('jobs');
  const { pause, resume } = useQueuePause();
  /** The finished job whose course is open in the viewer. */
  const [courseId, setCourseId] = useState<string>();
  /** Counts File › Export… requests, for the viewer's Export menu. */
  const [exportRequest, setExportRequest] = useState(0);

  useEffect(() => {
    api.getSettings().then(setSettings, () => {});
  }, [api]);

  // Specs opened from Finder or the Dock: the ones not added show in the same panel as a drop.
  useEffect(() => api.on('specsAdded', showResults), [api]); // eslint-disable-line react-hooks/exhaustive-deps
  // The menu bar's "Schedules…" and "Open FluentPro".
  useEffect(() => api.on('showPage', (p) => (setCourseId(undefined), setPage(p))), [api]);
  // File › Export… opens the Export menu of the course in view; with none open, says how to open one.
  useEffect(
    () => api.on('exportRequested', () => (courseId ? setExportRequest((n) => n + 1) : setNotice('To export a course, open it with Read on its finished job, then choose Export.'))),
    [api, courseId],
  );

  const act = (run: () => Promise<unknown>) => run().catch((e: Error) => setNotice(e.message));
  const actions: JobActions = {
    cancel: (job) => act(async () => upsert([await api.cancelJob(job.id)])),
    retry: (job) => act(async () => upsert([await api.retryJob(job.id)])),
    remove: (job) => act(() => api.removeJob(job.id)),
    reveal: (job) => act(() => api.revealOutput(job.id)),
    open: (job) => act(() => api.openOutput(job.id)),
    details: (job: JobSummary) => setDetailId(job.id),
    read: (job: JobSummary) => (setDetailId(undefined), setCourseId(job.id)),
  };
  const detailJob = detailId ? byId.get(detailId) : undefined;
  const empty = loaded && byId.size === 0;

  return (
    <DropZone onFiles={addFiles}>
      <div className="app">
        <header className="toolbar">
          <h1>FluentPro</h1>
          <nav className="pages" aria-label="Pages">
            {(['jobs', 'schedules'] as const).map((p) => (
              <button key={p} type="button" aria-current={page === p && !courseId ? 'page' : undefined} onClick={() => (setCourseId(undefined), setPage(p))}>
                {p === 'jobs' ? 'Jobs' : 'Schedules'}
              </button>
            ))}
          </nav>
          <span className="summary" aria-live="polite">
            {groups.running.length} running · {groups.queued.length} queued · {groups.finished.length} finished
          </span>
          <AddSpecsButton onFiles={addFiles} disabled={busy} />
          <button type="button" onClick={() => setShowSettings(true)}>
            Settings
          </button>
        </header>
        {settings?.provider === 'demo' && <p className="banner">Demo mode: courses are offline sample content. Add an API key in Settings to write real courses.</p>}
        {notice && (
          <p className="banner warn" role="alert">
            {notice} <button type="button" onClick={() => setNotice(undefined)}>Dismiss</button>
          </p>
        )}
        {pause && <PausedBanner pause={pause} queued={groups.queued.length} onResume={() => act(resume)} />}
        <RejectedSpecs rejected={rejected} onDismiss={dismiss} />
        <main className="content">
          {courseId ? (
            <CourseViewer jobId={courseId} onClose={() => setCourseId(undefined)} exportRequest={exportRequest} />
          ) : page === 'schedules' ? (
            <SchedulesPage />
          ) : empty ? (
            <section className="empty" aria-label="Getting started">
              <h2>Drop a course spec here</h2>
              <p>
                A spec is a short YAML or JSON file: a title, the language, the level and how many lessons. Drop one or more anywhere in this window, or
                choose them with Add…
              </p>
              <p>
                <button type="button" onClick={() => act(async () => upsert((await api.addExample()).flatMap((r) => (r.ok ? [r.job] : []))))}>
                  Try an example
                </button>
              </p>
            </section>
          ) : (
            <JobsBoard groups={groups} actions={actions} canRevealFiles={settings?.canRevealFiles ?? false} />
          )}
          {detailJob && <JobDetail job={detailJob} onClose={() => setDetailId(undefined)} onRead={() => actions.read(detailJob)} />}
        </main>
        {showSettings && <SettingsPanel onClose={() => setShowSettings(false)} onSaved={setSettings} />}
      </div>
    </DropZone>
  );
}
