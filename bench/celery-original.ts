// A model of the service FluentPro replaces, run against the same fake server and workload as
// FluentPro in bench/provider-limits.ts, so the two can be compared scenario by scenario.
//
// Its configuration is the one the seed story gives (seeds/000_c4aef6d7d3cce4a5.txt, "macOS
// Celery Fork Issue Fix"): `worker_pool='threads'`, `worker_concurrency=4`,
// `worker_prefetch_multiplier=1` (a thread takes a course only when it is free), and the
// workflow's `ThreadPoolExecutor(max_workers=4)` for a course's lessons. What the story does not
// give is taken from the libraries' defaults:
//   - Each request goes through the OpenAI Python SDK: `max_retries=2`; it retries 408, 409, 429
//     and ≥ 500, waiting `retry-after-ms`, else `retry-after` when 0–60 s, else
//     `min(0.5 · 2^n, 8)` s less up to 25% jitter (openai-python `_base_client.py`, the same rule
//     as openai-node's `src/client.ts`, FIELD-NOTES "OpenAI SDK"). It sends no
//     `max_completion_tokens`, and an answer cut off (`finish_reason: 'length'`) raises
//     (`LengthFinishReasonError`).
//   - A course is one task with `autoretry_for=(Exception,)` and `retry_backoff=True`, the rest at
//     Celery's defaults (celery/app/autoretry.py, celery/utils/time.py): `max_retries=3`,
//     `retry_backoff_max=600`, `retry_jitter=True`, so the countdown before retry n is a whole
//     number of seconds drawn from 0 to 2^n (`random.randrange(countdown + 1)`). The task starts
//     again from the outline (the original keeps no checkpoints); during the countdown its thread
//     is free. After the third retry the course fails.
//   - The lesson pool's `with` block waits for every lesson submitted (Python's
//     `shutdown(wait=True)`), then the first lesson's exception fails the task.
// Prompts are sized like FluentPro's (the caller passes the sizes it measured), so that both are
// charged alike; the fake server keys answers by the prompt's first line ("Write lesson 3 of…").

export interface CeleryRunOptions {
  baseURL: string;
  jobs: number;
  lessons: number;
  /** Course titles: the same as FluentPro's run, so the fake server sizes their answers alike. */
  titles: string[];
  /** Prompt tokens of an outline request and of a lesson request, as FluentPro sends them. */
  promptTokens: { outline: number; lesson: number };
  /** Seeded, so every run is the same. */
  random: () => number;
}

export interface CeleryRun {
  failed: number;
  /** Task retries (whole courses started again). */
  taskRetries: number;
}

const THREADS = 4;
const LESSON_WORKERS = 4;
const SDK_MAX_RETRIES = 2;
const TASK_MAX_RETRIES = 3;
const RETRY_BACKOFF_MAX_S = 600;

class RequestFailed extends Error {}

export async function runCeleryOriginal(options: CeleryRunOptions): Promise<CeleryRun> {
  const { jobs, random } = options;
  let failed = 0;
  let taskRetries = 0;
  // Courses ready to run, in the order they became ready; a retried one rejoins after its countdown.
  const ready: { index: number; retries: number }[] = Array.from({ length: jobs }, (_, index) => ({ index, retries: 0 }));
  let running = 0;
  let waiting = 0;
  let wake: (() => void) | undefined;
  const poke = () => wake?.();

  const runTask = async (task: { index: number; retries: number }) => {
    try {
      await runCourse(options, options.titles[task.index]!);
    } catch {
      if (task.retries >= TASK_MAX_RETRIES) {
        failed++;
        return;
      }
      taskRetries++;
      const countdownS = Math.floor(random() * (Math.min(RETRY_BACKOFF_MAX_S, 2 ** task.retries) + 1));
      waiting++;
      setTimeout(() => {
        waiting--;
        ready.push({ index: task.index, retries: task.retries + 1 });
        poke();
      }, countdownS * 1000);
    }
  };

  // The worker: at most THREADS tasks at once, each taken only when a thread is free (prefetch 1).
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (running < THREADS && ready.length > 0) {
        const task = ready.shift()!;
        running++;
        void runTask(task).finally(() => {
          running--;
          pump();
        });
      }
      if (running === 0 && ready.length === 0 && waiting === 0) resolve();
    };
    wake = pump;
    pump();
  });
  return { failed, taskRetries };
}

async function runCourse(options: CeleryRunOptions, title: string): Promise<void> {
  await ask(options, `Plan lessons 1 to ${options.lessons} of the course "${title}".`, options.promptTokens.outline);
  const lessons = Array.from({ length: options.lessons }, (_, i) => i + 1);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < lessons.length) {
      const n = lessons[next++]!;
      try {
        await ask(options, `Write lesson ${n} of ${options.lessons} of the course "${title}".`, options.promptTokens.lesson);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: LESSON_WORKERS }, worker));
  if (errors.length > 0) throw errors[0];
}

/** One `client.chat.completions.parse(...)` of the OpenAI Python SDK, with its own retries. */
async function ask(options: CeleryRunOptions, first: string, promptTokens: number): Promise<void> {
  // The fake server counts a prompt as its messages' JSON length ÷ 4.
  const filler = 'x'.repeat(Math.max(0, promptTokens * 4 - first.length - 60));
  const body = JSON.stringify({
    model: 'test-model',
    messages: [
      { role: 'system', content: filler },
      { role: 'user', content: first },
    ],
    response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: { type: 'object', properties: { text: { type: 'string' } } } } },
  });
  for (let retry = 0; ; retry++) {
    let status: number;
    let headers: Headers | undefined;
    let payload: { choices?: { finish_reason?: string; message?: { content?: string } }[] } | undefined;
    try {
      const response = await fetch(`${options.baseURL}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      status = response.status;
      headers = response.headers;
      payload = (await response.json()) as typeof payload;
    } catch {
      status = 0; // a connection error: retried like a 5xx
    }
    if (status === 200) {
      const choice = payload?.choices?.[0];
      if (choice?.finish_reason === 'length') throw new RequestFailed('LengthFinishReasonError');
      JSON.parse(choice?.message?.content ?? ''); // a broken answer raises
      return;
    }
    const retryable = status === 0 || status === 408 || status === 409 || status === 429 || status >= 500;
    if (!retryable || retry >= SDK_MAX_RETRIES) throw new RequestFailed(`status ${status}`);
    await new Promise((resolve) => setTimeout(resolve, sdkRetryDelayMs(retry, headers, options.random)));
  }
}

function sdkRetryDelayMs(retry: number, headers: Headers | undefined, random: () => number): number {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms > 0 && ms <= 60_000) return ms;
  const seconds = Number.parseFloat(headers?.get('retry-after') ?? '');
  if (Number.isFinite(seconds) && seconds > 0 && seconds <= 60) return seconds * 1000;
  return Math.min(0.5 * 2 ** retry, 8) * (1 - 0.25 * random()) * 1000;
}
