import type { PartRange } from '../quality/repair-outline.js';
import type { BrokenPart } from '../quality/repair-lesson.js';
import type { Checkpoints } from '../workflow/generate-course.js';
import { nextRange, type OutlinePartDraft } from '../workflow/plan-outline.js';
import type { LessonDraft } from '../workflow/write-lesson.js';

// Which steps go in the next batch. A course's steps depend on each other: plan part 2 needs
// part 1 (its lessons and terms), a part's missing terms are asked one lesson at a time before
// the next part, every lesson needs the whole plan, a lesson's broken parts need the lesson. So a
// batch run goes in rounds across all its jobs: every job's next plan step, round after round,
// until every plan is done; then every lesson of every job; then the repairs (with any lesson
// asked again). Pure: the caller reads checkpoints, drafts and the batch store, and submits.

/** What a job has done, as the planner needs it. */
export interface JobProgress {
  jobId: string;
  /** Lessons in the course (spec.lessons). */
  lessons: number;
  /** Finished plan parts: first lesson → how many lessons the part planned. */
  planParts: ReadonlyMap<number, number>;
  /** Finished lessons. */
  lessonsDone: ReadonlySet<number>;
  /** Plan parts answered but short of terms: first lesson → lessons still to ask terms for, in order. */
  planDrafts?: ReadonlyMap<number, readonly number[]>;
  /** Lessons answered with broken parts: lesson → the parts' names (`partName`). */
  lessonDrafts?: ReadonlyMap<number, readonly string[]>;
  /** Step keys with a batch line not yet done (pending, submitted, answered): never planned twice. */
  inFlight?: ReadonlySet<string>;
}

export type RoundStep =
  | { jobId: string; key: string; kind: 'outline-part'; range: PartRange }
  | { jobId: string; key: string; kind: 'new-terms'; from: number; lessonNumber: number }
  | { jobId: string; key: string; kind: 'lesson'; lessonNumber: number }
  | { jobId: string; key: string; kind: 'lesson-part'; lessonNumber: number; part: string };

export interface Round {
  /** 'plan' while any job still plans (nothing else goes); then 'lessons', then 'repairs'. */
  phase: 'plan' | 'lessons' | 'repairs';
  steps: RoundStep[];
}

/** A broken part's name in a step key: the section, "vocabulary" or "quiz-questions". */
export function partName(part: BrokenPart): string {
  return part.kind === 'section' ? part.section : part.kind;
}

/**
 * The next round, or undefined when no job has anything left to ask. A round with no steps means
 * "wait": the steps that could go next are still in flight.
 */
export function nextRound(jobs: readonly JobProgress[]): Round | undefined {
  const plans = jobs.map(planStep);
  if (plans.some((p) => p !== 'planned')) {
    return { phase: 'plan', steps: plans.filter((p): p is RoundStep => typeof p === 'object') };
  }
  const lessons: RoundStep[] = [];
  const repairs: RoundStep[] = [];
  let inFlight = false;
  for (const job of jobs) {
    for (let n = 1; n <= job.lessons; n++) {
      if (job.lessonsDone.has(n)) continue;
      const parts = job.lessonDrafts?.get(n);
      if (!parts) {
        const key = `lesson:${n}`;
        if (job.inFlight?.has(key)) inFlight = true;
        else lessons.push({ jobId: job.jobId, key, kind: 'lesson', lessonNumber: n });
        continue;
      }
      for (const part of parts) {
        const key = `lesson:${n}/part:${part}`;
        if (job.inFlight?.has(key)) inFlight = true;
        else repairs.push({ jobId: job.jobId, key, kind: 'lesson-part', lessonNumber: n, part });
      }
    }
  }
  if (lessons.length) return { phase: 'lessons', steps: [...lessons, ...repairs] };
  if (repairs.length || inFlight) return { phase: 'repairs', steps: repairs };
  return undefined;
}

/** The job's next plan step; 'busy' when it is in flight; 'planned' when the plan is whole. */
function planStep(job: JobProgress): RoundStep | 'busy' | 'planned' {
  let planned = 0;
  while (planned < job.lessons) {
    const range = nextRange(planned, job.lessons);
    const done = job.planParts.get(range.from);
    if (done !== undefined) {
      planned += Math.max(1, done);
      continue;
    }
    const short = job.planDrafts?.get(range.from);
    const step: RoundStep = short?.length
      ? { jobId: job.jobId, key: `terms:${short[0]}`, kind: 'new-terms', from: range.from, lessonNumber: short[0]! }
      : { jobId: job.jobId, key: `outline-part:${range.from}`, kind: 'outline-part', range };
    return job.inFlight?.has(step.key) ? 'busy' : step;
  }
  return 'planned';
}

/** A job's progress from its checkpoints and drafts (the shapes checkpoint-store.ts loads). */
export function progressOf(jobId: string, lessons: number, checkpoints: Checkpoints, inFlight?: ReadonlySet<string>): JobProgress {
  const planDrafts = new Map<number, number[]>();
  const lessonDrafts = new Map<number, string[]>();
  for (const [key, draft] of checkpoints.drafts ?? []) {
    const [kind, number] = key.split(':');
    if (kind === 'outline-part') planDrafts.set(Number(number), ((draft as OutlinePartDraft).short ?? []).map((s) => s.lessonNumber));
    if (kind === 'lesson') lessonDrafts.set(Number(number), ((draft as LessonDraft).pending ?? []).map((p) => partName(p.current)));
  }
  return {
    jobId,
    lessons,
    planParts: new Map([...checkpoints.outlineParts].map(([from, part]) => [from, part.value.lessons.length])),
    lessonsDone: new Set(checkpoints.lessons.keys()),
    planDrafts,
    lessonDrafts,
    ...(inFlight ? { inFlight } : {}),
  };
}
