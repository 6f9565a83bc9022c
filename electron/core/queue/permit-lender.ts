import type { Admission, Permit } from '../pacing/admission.js';
import { headersFromValues } from '../pacing/rate-limit-headers.js';
import type { FromWorker } from './worker-protocol.js';

type PermitMessage = Extract<FromWorker, { type: 'permit-request' | 'permit-abandon' | 'permit-release' }>;

/**
 * The orchestrator's one admission, lent to one worker process over its port: the worker asks
 * for a permit per request, may abandon one it waits for, and releases each with how the request
 * went (outcome, tokens, the provider's x-ratelimit-* headers). Everything a worker holds or
 * waits for goes back when it dies, or the app would slowly run out of permits.
 */
export class PermitLender {
  readonly #held = new Map<number, Permit>();
  readonly #waiting = new Map<number, AbortController>();
  #closed = false;

  constructor(
    private readonly admission: Admission,
    /** Tells the worker its permit is granted, with the room its answer was given; false when the worker is gone. */
    private readonly grant: (requestId: number, maxCompletionTokens?: number) => void,
  ) {}

  handle(message: PermitMessage): void {
    switch (message.type) {
      case 'permit-request': {
        const controller = new AbortController();
        this.#waiting.set(message.requestId, controller);
        this.admission.acquire(message.priority, controller.signal, message.tokens ?? 0, message.answer).then(
          (permit) => {
            this.#waiting.delete(message.requestId);
            if (this.#closed) return permit(); // the worker died while waiting
            this.#held.set(message.requestId, permit);
            this.grant(message.requestId, permit.maxCompletionTokens);
          },
          () => this.#waiting.delete(message.requestId),
        );
        return;
      }
      case 'permit-abandon':
        this.#waiting.get(message.requestId)?.abort();
        return;
      case 'permit-release':
        this.#held.get(message.requestId)?.({
          outcome: message.outcome,
          actualTokens: message.actualTokens,
          headers: message.headers && headersFromValues(message.headers),
          completionTokens: message.completionTokens,
          cutOff: message.cutOff,
        });
        this.#held.delete(message.requestId);
    }
  }

  /** The worker is gone: its permits go back and its waits end. */
  close(): void {
    this.#closed = true;
    for (const release of this.#held.values()) release();
    this.#held.clear();
    for (const controller of this.#waiting.values()) controller.abort();
  }
}
