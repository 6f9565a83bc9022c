import type { Release, ReleaseReport } from '../pacing/admission.js';

export type { Release, ReleaseReport };

/**
 * Admission to the LLM provider, shared by every job in the app. The app's is the pacing
 * module's `Admission` (budgets, adaptive in-flight limit); the orchestrator owns it and workers
 * reach it over their message port (`RemotePermits`). A permit's release says how the request went.
 */
export interface RequestPermits {
  /**
   * Resolves when the request may go. Lower `priority` goes first. `tokens` is what the provider
   * will charge it (prompt estimate plus `max_completion_tokens`); 0 when unknown.
   */
  acquire(priority: number, signal?: AbortSignal, tokens?: number): Promise<Release>;
  /** Holds new requests back for `ms` (see `Admission.coolDown`: only while no limit is known). */
  coolDown(ms: number): void;
}
