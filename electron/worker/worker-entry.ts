import { connectToParent } from './parent-port.js';
import { startWorker } from './job-runner.js';

// The worker process's entry: the same file runs as an Electron utilityProcess in the app and
// as a Node child process under the CLI.
startWorker(connectToParent());
