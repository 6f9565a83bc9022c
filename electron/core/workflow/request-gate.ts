import type { Permit, Release, ReleaseReport } from '../pacing/admission.js';
import type { AnswerRoomRequest } from '../pacing/answer-sizes.js';

export type { AnswerRoomRequest, Permit, Release, ReleaseReport };

/**
 * Admission to the LLM provider, shared by every job in the app. The app's is the pacing
 * module's `Admission` (budgets, adaptive in-flight limit); the orchestrator owns it and workers
 * reach it over their message port (`RemotePermits`). A permit's release says how the request went.
 */
export interface RequestPermits {
  /**
   * Resolves when the request may go. Lower `priority` goes first. `tokens` is what the provider
   * will charge it (prompt estimate plus `max_completion_tokens`); 0 when unknown. With `answer`,
   * `tokens` is the prompt's estimate and the permit gives the answer its room
   * (`permit.maxCompletionTokens`, learned from earlier answers; the cap when it does not say).
   */
  acquire(priority: number, signal?: AbortSignal, tokens?: number, answer?: AnswerRoomRequest): Promise<Permit>;
  /** Holds new requests back for `ms` (see `Admission.coolDown`: only while no limit is known). */
  coolDown(ms: number): void;
}
