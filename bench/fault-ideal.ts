import { mulberry32 } from '../test/support/real-model.js';

// The ideal span of a run that meets faults: what a scheduler with no overhead at all reaches on
// the same shape of work (`concurrency` courses at once, each an outline then its lessons
// `lessonConcurrency` at a time, at most `maxInFlight` requests open, earlier courses first), when
// every attempt meets the faults the bench's server deals at the same rates, and the scheduler
// waits what the provider asks: a 429's `retry-after` before asking again. Anything else is asked
// again at once (no backoff), so this is a lower bound for a client that honours `retry-after`.
//
// A discrete-event simulation, averaged over many seeds: the bench compares FluentPro's measured
// span with it, since "× the fault-free span" mixes the faults' own cost (a course waits a second
// for a refused lesson whoever schedules it) with the scheduler's.

export interface FaultShape {
  jobs: number;
  lessons: number;
  concurrency: number;
  lessonConcurrency: number;
  maxInFlight: number;
  latencyMs: number;
  /** Share of attempts refused with a 429 at once (before any latency), and the wait it asks. */
  refused?: number;
  retryAfterMs?: number;
  /** Share of the other attempts that fail after the latency (a 500, an answer cut off) and are asked again. */
  failedAfterLatency?: number;
}

interface Attempt {
  course: number;
  /** 0 the outline, else the lesson's number. */
  step: number;
  /** Asked again after a fault: goes ahead of first asks, as FluentPro's retries do. */
  retry: boolean;
  readyAt: number;
}

/** The mean span over `runs` seeded runs, in ms. */
export function faultIdealMs(shape: FaultShape, runs = 400, seed = 1): number {
  let total = 0;
  for (let run = 0; run < runs; run++) total += simulate(shape, mulberry32(seed + run));
  return total / runs;
}

function simulate(shape: FaultShape, random: () => number): number {
  const { jobs, lessons, concurrency, lessonConcurrency, maxInFlight, latencyMs } = shape;
  const refused = shape.refused ?? 0;
  const retryAfterMs = shape.retryAfterMs ?? 0;
  const failed = shape.failedAfterLatency ?? 0;
  let now = 0;
  let started = 0;
  let inFlight = 0;
  const nextLesson = new Array<number>(jobs).fill(0);
  const lessonsOpen = new Array<number>(jobs).fill(0);
  const lessonsDone = new Array<number>(jobs).fill(0);
  const ready: Attempt[] = [];
  const waiting: Attempt[] = [];
  const ends: { at: number; attempt: Attempt; ok: boolean }[] = [];

  const startCourse = () => {
    if (started < jobs) ready.push({ course: started++, step: 0, retry: false, readyAt: now });
  };
  const openLessons = (course: number) => {
    while (lessonsOpen[course]! < lessonConcurrency && nextLesson[course]! < lessons) {
      lessonsOpen[course]!++;
      ready.push({ course, step: ++nextLesson[course]!, retry: false, readyAt: now });
    }
  };
  for (let i = 0; i < concurrency; i++) startCourse();

  for (;;) {
    // Waits that are over join the ready attempts.
    for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i]!.readyAt <= now) ready.push(...waiting.splice(i, 1));
    // Send what the in-flight limit allows: retries first, then outlines, then earlier courses.
    ready.sort((a, b) => Number(b.retry) - Number(a.retry) || Number(a.step !== 0) - Number(b.step !== 0) || a.course - b.course || a.step - b.step);
    while (inFlight < maxInFlight && ready.length > 0) {
      const attempt = ready.shift()!;
      if (random() < refused) {
        waiting.push({ ...attempt, retry: true, readyAt: now + retryAfterMs });
        continue;
      }
      inFlight++;
      ends.push({ at: now + latencyMs, attempt, ok: random() >= failed });
    }
    if (ends.length === 0 && waiting.length === 0 && ready.length === 0) return now;
    // The next moment something happens: an answer, or a wait over.
    const nextEnd = Math.min(...ends.map((e) => e.at));
    const nextWait = Math.min(...waiting.map((w) => w.readyAt));
    now = Math.min(nextEnd, nextWait);
    for (let i = ends.length - 1; i >= 0; i--) {
      const end = ends[i]!;
      if (end.at > now) continue;
      ends.splice(i, 1);
      inFlight--;
      const { course, step } = end.attempt;
      if (!end.ok) {
        ready.push({ ...end.attempt, retry: true, readyAt: now });
        continue;
      }
      if (step === 0) openLessons(course);
      else {
        lessonsOpen[course]!--;
        lessonsDone[course]!++;
        if (lessonsDone[course] === lessons) startCourse();
        else openLessons(course);
      }
    }
  }
}
