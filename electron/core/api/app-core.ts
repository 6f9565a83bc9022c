import { JobStore } from '../store/job-store.js';
import { Orchestrator } from '../queue/orchestrator.js';
import { initialInFlightFor } from '../providers/local-servers.js';
import { SettingsStore } from '../store/settings-store.js';
import type { WorkerHost } from '../queue/worker-host.js';
import { FluentProService, type ServiceOptions } from './fluentpro-service.js';
import { BatchPoller, type BatchPollerOptions } from '../batch/batch-poller.js';
import type { FileRevealer, SaveTarget, SecretStore } from './host-services.js';
import type { PdfPrinter } from '../export/export-format.js';

export interface AppCoreOptions {
  dataDir: string;
  host: WorkerHost;
  secrets: SecretStore;
  files: FileRevealer;
  /** Where exports are saved (the app: a save dialog). Default: the course's exports/ folder. */
  saveTarget?: SaveTarget;
  /** What prints PDF exports (the app: webContents.printToPDF). Default: the system Chromium. */
  pdfPrinter?: PdfPrinter;
  defaultOutDir: string;
  examplesDir: string;
  /** Fire schedules (the app, serve). Default true. */
  schedules?: boolean;
  /** better-sqlite3's compiled module to load (the app in development: a build for Electron's ABI). */
  sqliteBinding?: string;
  /** The batch poller's clock and interval (tests). */
  batchPoller?: Pick<BatchPollerOptions, 'now' | 'intervalMs'>;
  /** The schedules' clock and timers (tests). */
  scheduleOptions?: ServiceOptions['schedules'];
}

export interface AppCore {
  store: JobStore;
  orchestrator: Orchestrator;
  service: FluentProService;
  /** Works batch-mode jobs: polls their batches, replays them as answers arrive (main calls `wake()` on resume from sleep). */
  batches: BatchPoller;
  /** Stops workers (running jobs go back to the queue) and closes the database. */
  close(): Promise<void>;
}

/** The whole engine behind a window: store, orchestrator (started), and the API service. */
export function startAppCore(options: AppCoreOptions): AppCore {
  const store = JobStore.open(options.dataDir, { nativeBinding: options.sqliteBinding });
  // A server on this machine (Ollama, LM Studio) starts at one request at a time; read before the
  // service exists, since the orchestrator's admission is made here.
  const { baseURL } = new SettingsStore<{ baseURL?: string }>(store.db).load();
  const orchestrator = new Orchestrator({ store, host: options.host, apiKey: () => options.secrets.get(), initialInFlight: initialInFlightFor(baseURL) });
  const service = new FluentProService({ store, orchestrator, secrets: options.secrets, files: options.files, defaultOutDir: options.defaultOutDir, examplesDir: options.examplesDir, saveTarget: options.saveTarget, pdfPrinter: options.pdfPrinter, ...(options.scheduleOptions ? { schedules: options.scheduleOptions } : {}) });
  orchestrator.start();
  // Batch-mode jobs (scheduled with "Scheduled runs use the Batch API", or queued by
  // `generate --batch`) never run in the live queue: the poller works them, from now on.
  const batches = new BatchPoller({
    store,
    settings: () => service.batchSettings(),
    onJobChanged: (id) => service.jobChanged(id),
    onError: (error) => console.error('fluentpro: batch poll failed (tried again shortly):', error.message),
    ...options.batchPoller,
  });
  batches.start();
  // Schedules fire into the orchestrator with the app's settings; missed runs are made up now.
  if (options.schedules !== false) void service.schedules.start().catch((error: unknown) => console.error('fluentpro: schedules stopped:', error));
  return {
    store,
    orchestrator,
    service,
    batches,
    close: async () => {
      await service.schedules.stop();
      await batches.stop();
      await orchestrator.stop();
      // After the orchestrator: stopping it reports jobs put back, which would arm a flush on a closed database.
      service.dispose();
      store.close();
    },
  };
}

/** An error as it crosses to the renderer: name, message and code, never a stack or a path to source. */
export function toApiError(error: unknown): { name: string; message: string; code: string; field?: string } {
  const e = error as { name?: string; message?: string; code?: unknown; field?: unknown };
  const field = e?.code === 'INVALID_LESSON_EDIT' && typeof e.field === 'string' ? { field: e.field } : {};
  return { name: e?.name ?? 'Error', message: e?.message ?? String(error), code: typeof e?.code === 'string' ? e.code : 'INTERNAL', ...field };
}
