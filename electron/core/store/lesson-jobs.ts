import { createHash } from 'node:crypto';
import type { LessonJobRequest } from '../course-edit/lesson-plan.js';
import type { JobSettings, JobSummary } from '../../shared/jobs.js';
import { newJobId } from './job-id.js';
import type { JobStore } from './job-store.js';

// Jobs that write one lesson of a finished course again (kind 'lesson', migration 7). They live
// in the jobs table beside course jobs and are claimed, checkpointed, cancelled and retried the
// same way; only the worker tells them apart.

/** Which lesson a 'lesson' job writes again; carried to the worker in start-job. */
export interface LessonTarget {
  kind: 'lesson';
  /** The course folder, absolute. */
  folder: string;
  lessonNumber: number;
  note?: string;
}

export interface LessonJobInput extends LessonJobRequest {
  settings: JobSettings;
  /** Make a new job even when an identical one is queued or running. */
  force?: boolean;
}

/** "Regenerate lesson 7 of Spanish for Travellers": the job's title on the board and in `fluentpro jobs`. */
export function lessonJobTitle(lessonNumber: number, courseTitle: string): string {
  return `Regenerate lesson ${lessonNumber} of ${courseTitle}`;
}

/** Queues a regeneration, or returns the identical one (same lesson, note and settings) already queued or running. */
export function enqueueLessonJob(store: JobStore, input: LessonJobInput): { job: JobSummary; reused: boolean } {
  const dedupeKey = createHash('sha256')
    .update(JSON.stringify(['lesson', input.folder, input.lessonNumber, input.note ?? '', input.settings]))
    .digest('hex');
  const { db } = store;
  return db.transaction(() => {
    if (!input.force) {
      const existing = db.prepare(`SELECT id FROM jobs WHERE dedupe_key = ? AND state IN ('queued','running') ORDER BY seq LIMIT 1`).get(dedupeKey) as { id: string } | undefined;
      if (existing) return { job: store.get(existing.id)!, reused: true };
    }
    const now = Date.now();
    const id = newJobId();
    db.prepare(
      `INSERT INTO jobs (id, title, language, level, spec_path, spec_source, spec_json, settings_json, dedupe_key, state, lessons_total, created_at, updated_at, kind, target_folder, target_lesson, target_note)
       VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, 'queued', 1, ?, ?, 'lesson', ?, ?, ?)`,
    ).run(
      id,
      lessonJobTitle(input.lessonNumber, input.courseTitle),
      input.spec.language,
      input.spec.level,
      input.folder,
      JSON.stringify(input.spec),
      JSON.stringify(input.settings),
      dedupeKey,
      now,
      now,
      input.folder,
      input.lessonNumber,
      input.note ?? null,
    );
    store.log(id, 'info', `queued: regenerate lesson ${input.lessonNumber} ("${input.lessonTitle}") of ${input.folder}${input.note ? ` with the note "${input.note}"` : ''}`);
    return { job: store.get(id)!, reused: false };
  })();
}

/** The columns migration 7 added, as a job row holds them. */
export interface LessonColumns {
  kind?: 'course' | 'lesson';
  target_folder?: string | null;
  target_lesson?: number | null;
  target_note?: string | null;
}

/** The target of a 'lesson' job row; undefined for a course job. */
export function lessonTargetOf(row: LessonColumns): LessonTarget | undefined {
  if (row.kind !== 'lesson' || !row.target_folder || !row.target_lesson) return undefined;
  return { kind: 'lesson', folder: row.target_folder, lessonNumber: row.target_lesson, ...(row.target_note ? { note: row.target_note } : {}) };
}

/** What a job summary says of a lesson job (nothing for a course job). */
export function lessonSummaryFields(row: LessonColumns): Pick<JobSummary, 'kind' | 'lessonNumber' | 'note'> {
  const target = lessonTargetOf(row);
  return target ? { kind: 'lesson', lessonNumber: target.lessonNumber, ...(target.note ? { note: target.note } : {}) } : {};
}
