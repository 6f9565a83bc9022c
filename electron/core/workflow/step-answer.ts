import type { Usage } from '../course/course-schema.js';
import type { Repair } from '../quality/quality-types.js';
import type { Answer } from './ask-structured.js';

/** A finished step's content with what it cost and what was repaired in it: what a checkpoint keeps. */
export interface StepAnswer<T> extends Answer<T> {
  repairs: Repair[];
}

export function noUsage(): Usage {
  return { requests: 0, promptTokens: 0, completionTokens: 0 };
}

export function addUsage(total: Usage, more: Usage): void {
  total.requests += more.requests;
  total.promptTokens += more.promptTokens;
  total.completionTokens += more.completionTokens;
}

/** Where a step's drafts come from and go to (the checkpoint store, through the orchestrator). */
export interface DraftChannel<D> {
  /** The draft an earlier run saved, if any. */
  saved?: D;
  /** Saves the draft; resolves once it is committed. */
  save(draft: D): Promise<void>;
}

/** A step of a job, as checkpoints and drafts name it: `outline-part:1`, `lesson:7`. */
export type StepName = { step: 'outline-part'; from: number } | { step: 'lesson'; lessonNumber: number };

export function stepKeyOf(step: StepName): string {
  return step.step === 'outline-part' ? `outline-part:${step.from}` : `lesson:${step.lessonNumber}`;
}
