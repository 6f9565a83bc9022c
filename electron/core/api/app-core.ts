import { JobStore } from '../store/job-store.js';
import { Orchestrator } from '../queue/orchestrator.js';
import type { WorkerHost } from '../queue/worker-host.js';
import { FluentProService } from './fluentpro-service.js';
import type { FileRevealer, SecretStore } from './host-services.js';

export interface AppCoreOptions {
  dataDir: string;
  host: WorkerHost;
  secrets: SecretStore;
  files: FileRevealer;
  defaultOutDir: string;
  examplesDir: string;
}

export interface AppCore {
  store: JobStore;
  orchestrator: Orchestrator;
  service: FluentProService;
  /** Stops workers (running jobs go back to the queue) and closes the database. */
  close(): Promise<void>;
}

/** The whole engine behind a window: store, orchestrator (started), and the API service. */
export function startAppCore(options: AppCoreOptions): AppCore {
  const store = JobStore.open(options.dataDir);
  const orchestrator = new Orchestrator({ store, host: options.host, apiKey: () => options.secrets.get() });
  const service = new FluentProService({ store, orchestrator, secrets: options.secrets, files: options.files, defaultOutDir: options.defaultOutDir, examplesDir: options.examplesDir });
  orchestrator.start();
  return {
    store,
    orchestrator,
    service,
    close: async () => {
      service.dispose();
      await orchestrator.stop();
      store.close();
    },
  };
}

/** An error as it crosses to the renderer: name, message and code, never a stack or a path to source. */
export function toApiError(error: unknown): { name: string; message: string; code: string } {
  const e = error as { name?: string; message?: string; code?: unknown };
  return { name: e?.name ?? 'Error', message: e?.message ?? String(error), code: typeof e?.code === 'string' ? e.code : 'INTERNAL' };
}
