import type { JobEvent } from '../shared/job-events.js';

/** Shows job events: live lines on a terminal, log lines in a pipe, JSON lines with --json. */
export interface ProgressView {
  onEvent(event: JobEvent): void;
  /** Draws the final state; call once when every job has ended. */
  close(): void;
}

type Stream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export function createProgressView(stream: Stream, mode: 'json' | 'auto', now = Date.now): ProgressView {
  if (mode === 'json') return { onEvent: (e) => stream.write(JSON.stringify(e) + '\n'), close: () => {} };
  return stream.isTTY ? new LiveView(stream, now) : new LogView(stream);
}

interface JobLine {
  title: string;
  total: number;
  done: number;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  startedAt?: number;
  endedAt?: number;
  detail: string;
}

class LogView implements ProgressView {
  readonly #titles = new Map<string, string>();
  constructor(private readonly stream: Stream) {}
  onEvent(e: JobEvent): void {
    if (e.type === 'job-queued') this.#titles.set(e.jobId, e.title);
    const who = `[${e.jobId}] ${this.#titles.get(e.jobId) ?? ''}`;
    const line = describe(e);
    if (line) this.stream.write(`${who}: ${line}\n`);
  }
  close(): void {}
}

function describe(e: JobEvent): string | undefined {
  switch (e.type) {
    case 'job-queued':
      return `queued (${e.lessonsTotal} lessons, ${e.file})`;
    case 'job-started':
      return 'started';
    case 'outline-done':
      return 'outline done';
    case 'lesson-done':
      return `lesson ${e.lessonNumber} done (${e.lessonsDone}/${e.lessonsTotal})`;
    case 'lesson-failed':
      return `lesson ${e.lessonNumber} failed: ${e.reason}`;
    case 'job-succeeded':
      return `finished → ${e.outputPath} (${e.usage.requests} requests, ${e.usage.promptTokens + e.usage.completionTokens} tokens)`;
    case 'job-retrying':
      return `attempt ${e.attempt} stopped (${e.reason}); trying again in ${Math.round(e.delayMs / 1000)} s`;
    case 'job-waiting':
      return `waiting for the rate limit, ${Math.max(1, Math.round(e.delayMs / 1000))} s (${e.reason})`;
    case 'job-failed':
      return `FAILED: ${e.reason}`;
    case 'job-cancelled':
      return 'cancelled';
  }
}

/** One line per job, redrawn in place at most 10 times a second. */
class LiveView implements ProgressView {
  readonly #jobs = new Map<string, JobLine>();
  #drawn = 0;
  #timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly stream: Stream,
    private readonly now: () => number,
  ) {}

  onEvent(e: JobEvent): void {
    if (e.type === 'job-queued') {
      this.#jobs.set(e.jobId, { title: e.title, total: e.lessonsTotal, done: 0, state: 'queued', detail: '' });
    }
    const job = this.#jobs.get(e.jobId);
    if (!job) return;
    if (e.type === 'job-started') {
      job.state = 'running';
      job.startedAt = this.now();
      job.detail = 'outline…';
    } else if (e.type === 'outline-done') job.detail = '';
    else if (e.type === 'lesson-done') {
      job.done = e.lessonsDone;
      job.detail = '';
    } else if (e.type === 'job-waiting') job.detail = `waiting for the rate limit, ${Math.max(1, Math.round(e.delayMs / 1000))} s`;
    else if (e.type === 'job-succeeded') this.#end(job, 'succeeded', `→ ${e.outputPath}`);
    else if (e.type === 'job-failed') this.#end(job, 'failed', e.reason);
    else if (e.type === 'job-retrying') {
      job.state = 'queued';
      job.detail = `retrying: ${e.reason}`;
    }
    else if (e.type === 'job-cancelled') this.#end(job, 'cancelled', '');
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#draw();
    }, 100);
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#draw();
  }

  #end(job: JobLine, state: JobLine['state'], detail: string): void {
    job.state = state;
    job.endedAt = this.now();
    job.detail = detail;
  }

  #draw(): void {
    const width = Math.max(40, this.stream.columns ?? 100);
    const lines = [...this.#jobs.entries()].map(([id, job]) => this.#line(id, job).slice(0, width - 1));
    let out = this.#drawn ? `\x1b[${this.#drawn}A` : '';
    for (const line of lines) out += `\x1b[2K${line}\n`;
    this.#drawn = lines.length;
    this.stream.write(out);
  }

  #line(id: string, job: JobLine): string {
    const barWidth = 16;
    const filled = job.total ? Math.round((job.done / job.total) * barWidth) : 0;
    const bar = '█'.repeat(filled) + '░'.repeat(barWidth - filled);
    const seconds = job.startedAt !== undefined ? Math.round(((job.endedAt ?? this.now()) - job.startedAt) / 1000) : 0;
    const mark = { queued: '·', running: '▸', succeeded: '✔', failed: '✘', cancelled: '–' }[job.state];
    return `${mark} [${id}] ${job.title.slice(0, 30).padEnd(30)} ${bar} ${String(job.done).padStart(2)}/${job.total} ${String(seconds).padStart(4)}s ${job.state} ${job.detail}`;
  }
}
