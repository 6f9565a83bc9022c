import type { z } from 'zod';
import { lessonContentSchema, type CourseLesson, type LessonContent, type Usage } from '../course/course-schema.js';
import type { Repair } from '../quality/quality-types.js';
import { didYouMean } from '../spec/did-you-mean.js';
import { SECTIONS } from '../spec/spec-schema.js';
import { courseLessonSchema, historyNames, readHistoryEntry, REASON_PATTERN, sameLesson } from './lesson-history.js';
import { changeLesson, type LessonChange } from './save-lesson-change.js';

// Changes to one lesson of a finished course, each saved by changeLesson (atomically, the
// replaced version kept in history/): a new version (regenerate), a person's edit, an undo.
// Plain async functions on a folder path, so the CLI, the worker and the app's API call them alike.

/** An edit the lesson schema refuses; nothing was saved. `field` is the path in the lesson ("vocabulary[2].translation"). */
export class InvalidLessonEditError extends Error {
  readonly code = 'INVALID_LESSON_EDIT';
  constructor(
    readonly lessonNumber: number,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`lesson ${lessonNumber}: ${field} ${problem}; nothing was saved`);
    this.name = this.constructor.name;
  }
}

/** Undo asked for a lesson that has no earlier version. */
export class NothingToUndoError extends Error {
  readonly code = 'NOTHING_TO_UNDO';
  constructor(folder: string, lessonNumber: number) {
    super(`lesson ${lessonNumber} of ${folder} has no earlier version: nothing to undo (it was never regenerated or edited, or every change was undone)`);
    this.name = this.constructor.name;
  }
}

export interface ReplaceOptions {
  /** Why, in a word; names the history entry of the replaced version ("regenerate", "edit"). */
  reason: string;
  /** The new version's repairs (made while writing it). Default none. */
  repairs?: readonly Repair[];
  /** What writing the new version cost; added to the course's usage. */
  usage?: Usage;
  /** The author's note that asked for the new version (kept with the replaced one). */
  note?: string;
  now?: () => Date;
}

/**
 * Replaces lesson `lessonNumber`'s content with a new version: the previous one goes to
 * `history/lesson-NN/`, the lesson's Markdown, README.md and the quality report follow.
 * The number, goals and grammar point stay the plan's.
 */
export async function replaceLesson(folder: string, lessonNumber: number, content: LessonContent, options: ReplaceOptions): Promise<LessonChange> {
  if (!REASON_PATTERN.test(options.reason)) throw new TypeError(`Expected \`reason\` to be a word of lowercase letters, digits and hyphens, got \`${options.reason}\``);
  const parsed = lessonContentSchema.safeParse(content);
  if (!parsed.success) throw refusal(lessonNumber, parsed.error);
  return changeLesson(
    folder,
    lessonNumber,
    options.reason,
    (_loaded, current) => ({
      lesson: { number: current.number, slug: current.slug, goals: current.goals, grammarPoint: current.grammarPoint, ...parsed.data },
      repairs: [...(options.repairs ?? [])],
      usage: options.usage,
      keep: { reason: options.reason, note: options.note },
    }),
    options.now,
  );
}

/** What a person may edit: the text fields of a lesson (a section is replaced as a whole). */
export type LessonPatch = Partial<Pick<CourseLesson, 'title' | 'summary' | 'goals' | 'grammarPoint' | (typeof SECTIONS)[number]>>;

export const EDITABLE_FIELDS = ['title', 'summary', 'goals', 'grammarPoint', ...SECTIONS] as const;
const FIXED_FIELDS = ['number', 'slug'];

/**
 * A person's edit of lesson `lessonNumber`: the patch's fields replace the lesson's, the result
 * is checked with the course's lesson schema (and every quiz answer must point at an option),
 * and saved with reason "edit". An invalid edit throws InvalidLessonEditError naming the field,
 * and writes nothing; an edit that changes nothing saves nothing (`changed: false`).
 */
export async function editLesson(folder: string, lessonNumber: number, patch: LessonPatch, options: { now?: () => Date } = {}): Promise<LessonChange> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new InvalidLessonEditError(lessonNumber, 'the edit', 'must be an object of fields');
  for (const key of Object.keys(patch)) {
    if (FIXED_FIELDS.includes(key)) throw new InvalidLessonEditError(lessonNumber, key, 'is set by FluentPro and cannot be edited');
    if (!(EDITABLE_FIELDS as readonly string[]).includes(key)) {
      const suggestion = didYouMean(key, EDITABLE_FIELDS);
      throw new InvalidLessonEditError(lessonNumber, key, `is not a field of a lesson${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; the fields are ${EDITABLE_FIELDS.join(', ')}`);
    }
  }
  return changeLesson(
    folder,
    lessonNumber,
    'edit',
    (loaded, current) => {
      const parsed = courseLessonSchema.safeParse({ ...current, ...patch });
      if (!parsed.success) throw refusal(lessonNumber, parsed.error);
      const edited = parsed.data;
      edited.quiz?.forEach((q, i) => {
        if (q.answerIndex >= q.options.length) throw new InvalidLessonEditError(lessonNumber, `quiz[${i}].answerIndex`, `must point at one of the ${q.options.length} options (0 to ${q.options.length - 1}), got ${q.answerIndex}`);
      });
      if (sameLesson(edited, current)) return undefined;
      // A person's text has no repairs of the model's answers; those of the unedited parts are kept.
      return { lesson: edited, repairs: loaded.repairs.filter((r) => r.lesson === lessonNumber), keep: { reason: 'edit' } };
    },
    options.now,
  );
}

/**
 * Restores the newest saved version of the lesson; that version leaves the history and the
 * current one is not kept, so undoing twice goes two versions back. NothingToUndoError when
 * there is none.
 */
export async function undoLesson(folder: string, lessonNumber: number, options: { now?: () => Date } = {}): Promise<LessonChange> {
  return changeLesson(
    folder,
    lessonNumber,
    'undo',
    async (loaded, current) => {
      const names = await historyNames(loaded.folder, lessonNumber);
      for (let i = names.length - 1; i >= 0; i--) {
        const entry = await readHistoryEntry(loaded.folder, lessonNumber, names[i]!);
        // An entry equal to the lesson was left by a save cut short after its history was written.
        if (sameLesson(entry.lesson, current)) continue;
        return { lesson: entry.lesson, repairs: entry.repairs, dropEntries: names.slice(i) };
      }
      throw new NothingToUndoError(loaded.folder, lessonNumber);
    },
    options.now,
  );
}

/** The first problem of a refused lesson, as an InvalidLessonEditError naming its field. */
function refusal(lessonNumber: number, error: z.ZodError): InvalidLessonEditError {
  const issue = error.issues[0]!;
  const field = issue.path.reduce<string>((path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${String(key)}` : String(key)), '') || 'the lesson';
  return new InvalidLessonEditError(lessonNumber, field, describeIssue(issue));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `must have at most ${String(issue.maximum)} items` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_type':
      return `must be ${{ string: 'text', number: 'a number', array: 'a list', object: 'an object' }[issue.expected as string] ?? issue.expected}`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    default:
      return `is invalid: ${issue.message}`;
  }
}
