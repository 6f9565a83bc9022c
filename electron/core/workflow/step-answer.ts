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
