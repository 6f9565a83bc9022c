import { z } from 'zod';
import { COURSE_EXPORT_FORMATS, type ApiMethod } from './api.js';

// Input validation for every API method, applied by both transports before anything reaches
// the core: a compromised or buggy renderer gets a clear error, not undefined behaviour.

const jobId = z.string().regex(/^[0-9a-z]{8}$/, 'a job id is 8 letters and digits');
const specFile = z.strictObject({ name: z.string().min(1).max(255), content: z.string().max(1024 * 1024, 'a spec is at most 1 MiB') });

const scheduleName = z.string().trim().min(1, 'a schedule has a name').max(100);
const path = z.string().trim().min(1).max(4096);
const scheduleDraft = z.strictObject({
  name: z.string().max(100),
  cron: z.string().max(200).optional(),
  timeZone: z.string().max(100).optional(),
  onChange: z.boolean().optional(),
  folder: path.optional(),
  specFiles: z.array(path).max(500).optional(),
  onlyChanged: z.boolean().optional(),
  catchUp: z.boolean().optional(),
  enabled: z.boolean().optional(),
  batch: z.boolean().optional(),
});

// A lesson edit's shape; emptiness and the rest of the lesson schema are core's to check, so a
// refusal names its field (INVALID_LESSON_EDIT) instead of an argument path.
const lessonText = z.string().max(20_000);
const lessonNumber = z.number().int().min(1).max(1000);
// course.json format 2's fields travel with the text they belong to (the form edits the text,
// and sends the rest of the item back as it was); their values are core's to check too.
const reading = z.strictObject({ text: lessonText, kana: lessonText.optional() });
const termFields = { partOfSpeech: lessonText.optional(), gender: lessonText.optional(), article: lessonText.optional(), reading: reading.optional(), exampleReading: reading.optional() };
const lessonPatch = z.strictObject({
  title: lessonText.optional(),
  summary: lessonText.optional(),
  goals: z.array(lessonText).max(20).optional(),
  grammarPoint: lessonText.optional(),
  vocabulary: z.array(z.strictObject({ term: lessonText, translation: lessonText, example: lessonText, exampleTranslation: lessonText, ...termFields })).max(200).optional(),
  dialogue: z.strictObject({ setting: lessonText, lines: z.array(z.strictObject({ speaker: lessonText, line: lessonText, translation: lessonText, reading: reading.optional() })).max(200) }).optional(),
  grammar: z.strictObject({ point: lessonText, explanation: lessonText, examples: z.array(z.strictObject({ sentence: lessonText, translation: lessonText, reading: reading.optional() })).max(100) }).optional(),
  exercises: z.array(z.strictObject({ instruction: lessonText, prompt: lessonText, answer: lessonText })).max(200).optional(),
  quiz: z.array(z.strictObject({ question: lessonText, options: z.array(lessonText).max(20), answerIndex: z.number().int().min(0).max(19), explanation: lessonText })).max(200).optional(),
});

export const API_ARGS = {
  listJobs: z.tuple([]),
  getJob: z.tuple([jobId]),
  addSpecPaths: z.tuple([z.array(z.string().min(1).max(4096)).min(1).max(500)]),
  addSpecContents: z.tuple([z.array(specFile).min(1).max(500)]),
  addExample: z.tuple([]),
  validateSpec: z.tuple([specFile]),
  cancelJob: z.tuple([jobId]),
  retryJob: z.tuple([jobId]),
  removeJob: z.tuple([jobId]),
  revealOutput: z.tuple([jobId]),
  openOutput: z.tuple([jobId]),
  getSettings: z.tuple([]),
  setSettings: z.tuple([
    z.strictObject({
      provider: z.enum(['openai', 'demo']).optional(),
      model: z.string().trim().min(1).max(200).optional(),
      baseURL: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional(),
      apiKey: z.string().trim().min(1).max(500).nullable().optional(),
      concurrency: z.number().int().min(1).max(64).optional(),
      lessonConcurrency: z.number().int().min(1).max(64).optional(),
      maxInFlightRequests: z.number().int().min(1).max(256).optional(),
      outDir: z.string().min(1).max(4096).optional(),
      notifications: z.boolean().optional(),
      rpm: z.number().int().min(1).max(100_000_000).nullable().optional(),
      tpm: z.number().int().min(1).max(10_000_000_000).nullable().optional(),
      scheduledBatch: z.boolean().optional(),
      speech: z.enum(['macos', 'openai', 'espeak-ng', 'none']).optional(),
    }),
  ]),
  // Optional argument: an absent one arrives as [] (HTTP) or [undefined] (IPC).
  listModels: z.union([z.tuple([]), z.tuple([z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).optional()])]),
  listSchedules: z.tuple([]),
  addSchedule: z.tuple([scheduleDraft]),
  updateSchedule: z.tuple([scheduleName, scheduleDraft]),
  setScheduleEnabled: z.tuple([scheduleName, z.boolean()]),
  removeSchedule: z.tuple([scheduleName]),
  runScheduleNow: z.tuple([scheduleName]),
  getScheduleHistory: z.tuple([scheduleName]),
  previewSchedule: z.tuple([scheduleDraft]),
  getQueuePause: z.tuple([]),
  // Optional argument: an absent one arrives as [] (HTTP) or [undefined] (IPC drops nothing).
  pauseQueue: z.union([z.tuple([]), z.tuple([z.iso.datetime({ offset: true }).optional()])]),
  resumeQueue: z.tuple([]),
  getCourse: z.tuple([jobId]),
  // Optional options: absent as [id, format] (HTTP) or [id, format, undefined] (IPC).
  exportCourse: z.tuple([jobId, z.enum(COURSE_EXPORT_FORMATS.map((f) => f.id)), z.strictObject({ pageSize: z.enum(['A4', 'Letter']).optional() }).optional()]),
  // Optional note: absent as [id, n] (HTTP) or [id, n, undefined] (IPC).
  regenerateLesson: z.tuple([jobId, lessonNumber, z.string().max(1000, 'a note is at most 1000 characters').optional()]),
  editLesson: z.tuple([jobId, lessonNumber, lessonPatch]),
  undoLesson: z.tuple([jobId, lessonNumber]),
  getLessonHistory: z.tuple([jobId, lessonNumber]),
} satisfies Record<ApiMethod, z.ZodType>;

/** Checks a call's arguments; the error message names the method and the bad field. */
export function parseApiArgs(method: ApiMethod, args: unknown): unknown[] {
  const result = API_ARGS[method].safeParse(args);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? ` (argument ${issue.path.join('.')})` : '';
    throw Object.assign(new Error(`${method}: ${issue.message}${where}`), { name: 'InvalidInputError', code: 'INVALID_INPUT' });
  }
  return result.data as unknown[];
}

export function isApiMethod(value: string): value is ApiMethod {
  return Object.hasOwn(API_ARGS, value);
}
