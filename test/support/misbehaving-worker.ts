import { connectToParent, type ParentPort } from '../../electron/worker/parent-port.js';
import { startWorker } from '../../electron/worker/job-runner.js';

// The real worker, except for jobs whose title asks it to misbehave:
//   "[hang-once]"  — on its first attempt, spins forever (no heartbeats, no answers), like a
//                    worker stuck in native code;
//   "[hang]"       — on every attempt.
// Used by the queue tests through NodeWorkerHost({ entry }).
const real = connectToParent();
const port: ParentPort = {
  postMessage: (message) => real.postMessage(message),
  on: (event, listener) =>
    real.on(event, (e) => {
      const m = e.data;
      if (m.type === 'start-job' && (m.spec.title.includes('[hang]') || (m.spec.title.includes('[hang-once]') && m.attempt === 1))) {
        for (;;) {
          // a real hang: the event loop never turns again
        }
      }
      listener(e);
    }),
};
startWorker(port);
