import { bootstrapWorker } from './worker-bootstrap.js';

// The worker process's entry: the same file runs as an Electron utilityProcess in the app and
// as a Node child process under the CLI. Only the bootstrap is imported here: it watches the
// parent channel first, then loads the worker (job-runner.ts and the whole engine) and reports
// over the channel if that fails.
void bootstrapWorker(() => import('./job-runner.js'));
