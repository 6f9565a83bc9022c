import type { ChatCompletion } from 'openai/resources/chat/completions';
import { answerFromCompletion } from '../providers/chat-completions.js';
import { ProviderError, type LlmAnswer } from '../providers/provider.js';

/** What became of one line of a batch. */
export type LineOutcome =
  /** An answer, read as the live path reads one: it still goes through the step's checks. */
  | { customId: string; kind: 'answer'; answer: LlmAnswer }
  /**
   * No usable answer. `retryable`: asking again can help (the batch expired or was cancelled
   * before the line ran, a 5xx, a 429, a timeout); otherwise the request itself was refused (a 400).
   */
  | { customId: string; kind: 'failed'; message: string; status?: number; code?: string; retryable: boolean };

export interface BatchResults {
  /** By custom_id: the files' order is not the input's. */
  outcomes: Map<string, LineOutcome>;
  /** Submitted lines in neither file (an expired batch may leave some out): asked again. */
  missing: string[];
  /** Lines of the files that could not be read, or named a custom_id this batch never had. */
  ignored: number;
}

/** Error codes of a line that never ran (OpenAPI spec, BatchRequestOutput.error.code). */
const NEVER_RAN = new Set(['batch_expired', 'batch_cancelled', 'request_timeout']);

interface OutputLine {
  custom_id?: unknown;
  response?: { status_code?: number; body?: unknown } | null;
  error?: { code?: string; message?: string } | null;
}

/**
 * Reads a finished batch's output and error files (JSONL, `{id, custom_id, response:
 * {status_code, request_id, body}, error}` a line) into one outcome per submitted line, matched by
 * custom_id. A line in both files keeps its answer.
 */
export function readBatchResults(files: { output?: string; errors?: string }, submitted: readonly string[]): BatchResults {
  const expected = new Set(submitted);
  const outcomes = new Map<string, LineOutcome>();
  let ignored = 0;
  for (const text of [files.output ?? '', files.errors ?? '']) {
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      let line: OutputLine;
      try {
        line = JSON.parse(raw) as OutputLine;
      } catch {
        ignored++;
        continue;
      }
      const customId = typeof line.custom_id === 'string' ? line.custom_id : undefined;
      if (!customId || !expected.has(customId)) {
        ignored++;
        continue;
      }
      if (outcomes.get(customId)?.kind === 'answer') continue;
      outcomes.set(customId, outcomeOf(customId, line));
    }
  }
  return { outcomes, missing: submitted.filter((id) => !outcomes.has(id)), ignored };
}

function outcomeOf(customId: string, line: OutputLine): LineOutcome {
  const status = line.response?.status_code;
  if (line.error) {
    const code = line.error.code;
    return { customId, kind: 'failed', message: line.error.message ?? code ?? 'the batch gave no answer', ...(code ? { code } : {}), retryable: !code || NEVER_RAN.has(code) };
  }
  if (status === 200) {
    try {
      return { customId, kind: 'answer', answer: answerFromCompletion(line.response?.body as ChatCompletion) };
    } catch (error) {
      const e = error as ProviderError;
      return { customId, kind: 'failed', message: e.message, status, retryable: e.retryable };
    }
  }
  const body = line.response?.body as { error?: { message?: string; code?: string } } | undefined;
  const message = `${status ?? 'no status'} ${body?.error?.message ?? 'the request failed'}`;
  const code = body?.error?.code ?? undefined;
  const retryable = status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
  return { customId, kind: 'failed', message, ...(status !== undefined ? { status } : {}), ...(code ? { code } : {}), retryable };
}
