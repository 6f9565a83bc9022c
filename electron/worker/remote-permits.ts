import { pickRateLimitHeaders } from '../core/pacing/rate-limit-headers.js';
import type { FromWorker } from '../core/queue/worker-protocol.js';
import type { AnswerRoomRequest, Permit, Release, ReleaseReport, RequestPermits } from '../core/workflow/request-gate.js';

/**
 * Request permits borrowed from the orchestrator's one `Admission` over the port, so the
 * in-flight limit and the provider's budgets hold across every worker process. A request says what
 * it will cost (`tokens`); its release says how it went (outcome, tokens used, `x-ratelimit-*`
 * headers as plain values), so the shared admission learns from every worker's answers.
 */
export class RemotePermits implements RequestPermits {
  #next = 1;
  readonly #waiting = new Map<number, (permit: Permit) => void>();

  constructor(private readonly send: (message: FromWorker) => void) {}

  acquire(priority: number, signal?: AbortSignal, tokens?: number, answer?: AnswerRoomRequest): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const requestId = this.#next++;
    return new Promise<Permit>((resolve, reject) => {
      const onAbort = () => {
        this.#waiting.delete(requestId);
        this.send({ type: 'permit-abandon', requestId });
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.set(requestId, (release) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      });
      this.send({ type: 'permit-request', requestId, priority, ...(tokens ? { tokens } : {}), ...(answer ? { answer } : {}) });
    });
  }

  coolDown(ms: number): void {
    this.send({ type: 'cool-down', ms });
  }

  /** Called when the orchestrator grants a permit, with the room it gave the answer when asked. */
  granted(requestId: number, maxCompletionTokens?: number): void {
    const resolve = this.#waiting.get(requestId);
    if (!resolve) {
      // Abandoned meanwhile: hand it straight back, as a request that was never sent.
      this.send({ type: 'permit-release', requestId, outcome: 'error' });
      return;
    }
    this.#waiting.delete(requestId);
    let released = false;
    const release: Release = (report: ReleaseReport = {}) => {
      if (released) return;
      released = true;
      const headers = pickRateLimitHeaders(report.headers);
      this.send({
        type: 'permit-release',
        requestId,
        ...(report.outcome ? { outcome: report.outcome } : {}),
        ...(report.actualTokens !== undefined ? { actualTokens: report.actualTokens } : {}),
        ...(headers ? { headers } : {}),
        ...(report.completionTokens !== undefined ? { completionTokens: report.completionTokens } : {}),
        ...(report.cutOff ? { cutOff: true } : {}),
      });
    };
    resolve(maxCompletionTokens === undefined ? release : Object.assign(release, { maxCompletionTokens }));
  }
}
