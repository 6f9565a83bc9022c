// Events a running job reports. The CLI prints them (`--json` prints them as they are); the
// app's renderer receives the same shapes. Only plain data: they cross process boundaries.

export interface TokenUsage {
  requests: number;
  promptTokens: number;
  completionTokens: number;
}

export type JobEvent = { jobId: string; at: string } & (
  | { type: 'job-queued'; file: string; title: string; lessonsTotal: number }
  | { type: 'job-started' }
  | { type: 'outline-done' }
  | { type: 'lesson-done'; lessonNumber: number; lessonsDone: number; lessonsTotal: number }
  | { type: 'lesson-failed'; lessonNumber: number; reason: string }
  | { type: 'job-succeeded'; outputPath: string; usage: TokenUsage }
  | { type: 'job-retrying'; reason: string; attempt: number; delayMs: number }
  /** A request of the job waits `delayMs` for the provider's rate limit (a 429's retry-after). */
  | { type: 'job-waiting'; reason: string; delayMs: number }
  | { type: 'job-failed'; reason: string }
  | { type: 'job-cancelled' }
);

export type JobEventType = JobEvent['type'];
