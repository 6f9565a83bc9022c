import { setMaxListeners } from 'node:events';
import type { ProduceOptions } from '../core/engine/produce-course.js';
import { stepKey, WORKER_HEARTBEAT_MS, WORKER_PROTOCOL_VERSION, type ToWorker } from '../core/queue/worker-protocol.js';
import type { Checkpoints } from '../core/workflow/generate-course.js';
import type { ParentPort } from './parent-port.js';
import { RemotePermits } from './remote-permits.js';

type StartJob = Extract<ToWorker, { type: 'start-job' }>;

// The engine and the provider load when a job starts, and only the kind the job needs: a worker
// says ready in about the time Node takes to start (issue 16). test/cli/lazy-imports.test.ts guards it.
const loadProduceCourse = async () => (await import('../core/engine/produce-course.js')).produceCourse;
const loadRegenerateLesson = async () => (await import('../core/engine/regenerate-lesson.js')).regenerateLesson;
const loadCreateProvider = async () => (await import('../core/providers/create-provider.js')).createProvider;

/**
 * The worker's whole life: say ready, beat every second, run the jobs it is sent one at a time,
 * and exit when told (or when the orchestrator is gone). It never touches the database:
 * every finished step goes to the orchestrator, which commits it and acknowledges.
 */
export function startWorker(port: ParentPort, proc: NodeJS.Process = process): void {
  const permits = new RemotePermits((m) => port.postMessage(m));
  const pendingSaves = new Map<string, () => void>();
  const pendingDrafts = new Map<number, () => void>();
  let nextSaveId = 0;
  let current: { jobId: string; controller: AbortController } | undefined;

  const heartbeat = setInterval(() => port.postMessage({ type: 'heartbeat', rss: proc.memoryUsage.rss() }), WORKER_HEARTBEAT_MS);
  // An orphaned worker (its parent was killed) must not go on spending money.
  proc.on('disconnect', () => proc.exit(0));
  // The runner decides when a worker stops (shutdown, or its channel closing). Ctrl-C in a
  // terminal, or a SIGTERM/SIGHUP sent to the whole process group (timeout, systemd, docker
  // stop), reaches the workers too: they wait for the runner, which stops them cleanly moments
  // later, instead of dying between an answer and its save.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) proc.on(signal, () => {});

  port.on('message', ({ data: message }) => {
    switch (message.type) {
      case 'start-job':
        void runJob(message);
        break;
      case 'permit-granted':
        permits.granted(message.requestId, message.maxCompletionTokens);
        break;
      case 'step-saved':
        pendingSaves.get(message.stepKey)?.();
        pendingSaves.delete(message.stepKey);
        break;
      case 'draft-saved':
        pendingDrafts.get(message.saveId)?.();
        pendingDrafts.delete(message.saveId);
        break;
      case 'cancel-job':
        if (current?.jobId === message.jobId) current.controller.abort(new Error('cancelled'));
        break;
      case 'shutdown':
        clearInterval(heartbeat);
        current?.controller.abort(new Error('shutdown'));
        // Electron's utilityProcess does not always exit on its own (electron#47228).
        proc.exit(0);
    }
  });

  async function runJob(start: StartJob): Promise<void> {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    current = { jobId: start.jobId, controller };
    const { settings } = start;
    // Set when the provider refuses in a way that stops every job (no credit left).
    let stopReason: string | undefined;
    try {
      const createProvider = await loadCreateProvider();
      const provider = await createProvider({ ...settings, apiKey: start.apiKey, maxAttempts: settings.maxRequestAttempts, concurrency: 1, maxInFlightRequests: 1 });
      const checkpoints: Checkpoints = {
        outlineParts: new Map(start.checkpoints.outlineParts),
        lessons: new Map(start.checkpoints.lessons),
        drafts: new Map(start.checkpoints.drafts ?? []),
      };
      const options: ProduceOptions = {
        provider,
        permits,
        settings: { lessonConcurrency: settings.lessonConcurrency, outDir: settings.outDir, maxAttempts: settings.maxRequestAttempts },
        priority: start.priority,
        signal: controller.signal,
        checkpoints,
        jobId: start.jobId,
        usageBefore: start.usageBefore,
        // OpenAI's speech uses the chat provider's key and server unless the settings name another.
        speech: settings.speech && { ...settings.speech, apiKey: start.apiKey, chatBaseURL: settings.baseURL },
        onAnswered: (usage) => port.postMessage({ type: 'request-answered', jobId: start.jobId, usage }),
        // What arrived of an unfinished step is on disk before the step asks for anything more.
        onDraft: (key, draft) =>
          new Promise<void>((resolve) => {
            const saveId = ++nextSaveId;
            pendingDrafts.set(saveId, resolve);
            port.postMessage({ type: 'step-draft', jobId: start.jobId, saveId, stepKey: key, draft });
          }),
        onRateLimitWait: ({ ms, reason }) => port.postMessage({ type: 'rate-limit-wait', jobId: start.jobId, ms, reason }),
        onProviderStop: (error) => {
          if (stopReason !== undefined) return;
          stopReason = error.message;
          // The orchestrator stops the other jobs; this one stops its other requests at once.
          port.postMessage({ type: 'provider-stop', jobId: start.jobId, reason: stopReason });
          controller.abort(error);
        },
        onEvent: (event) => {
          if (event.type !== 'step-done') {
            port.postMessage({ type: 'workflow-event', jobId: start.jobId, event });
            return;
          }
          const { type: _type, ...done } = event;
          const key = stepKey(done);
          // The step counts only once the orchestrator has committed it.
          return new Promise<void>((resolve) => {
            pendingSaves.set(key, resolve);
            port.postMessage({ type: 'step-done', jobId: start.jobId, stepKey: key, done });
          });
        },
      };
      // The kind of job decides: one lesson of a finished course written again, or a whole course.
      const { outputPath, usage } = start.target
        ? await (await loadRegenerateLesson())(start.target, options)
        : await (await loadProduceCourse())(start.spec, options).then(({ outputPath, course }) => ({ outputPath, usage: course.usage }));
      port.postMessage({ type: 'job-succeeded', jobId: start.jobId, outputPath, usage });
    } catch (error) {
      if (stopReason !== undefined) port.postMessage({ type: 'job-failed', jobId: start.jobId, reason: stopReason });
      else if (controller.signal.aborted) port.postMessage({ type: 'job-cancelled', jobId: start.jobId });
      else port.postMessage({ type: 'job-failed', jobId: start.jobId, reason: (error as Error)?.message ?? String(error) });
    } finally {
      current = undefined;
    }
  }

  port.postMessage({ type: 'ready', protocol: WORKER_PROTOCOL_VERSION, pid: proc.pid });
}
