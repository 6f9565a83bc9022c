import type Database from 'better-sqlite3';
import type { LessonContent, OutlinePart, Usage } from '../course/course-schema.js';
import type { Repair } from '../quality/quality-types.js';
import { stepKey } from '../queue/worker-protocol.js';
import type { Checkpoints, StepDone } from '../workflow/generate-course.js';
import type { StepAnswer } from '../workflow/step-answer.js';

// A job's finished steps — parts of the plan and lessons — with what each cost and what was
// repaired in it: what a crashed or retried job resumes from, never paying for a step twice.

/** Every finished step of job `id`, by kind. */
export function loadCheckpoints(db: Database.Database, id: string): Checkpoints {
  const rows = db.prepare('SELECT * FROM checkpoints WHERE job_id = ?').all(id) as {
    step: string;
    content_json: string;
    repairs_json: string;
    requests: number;
    prompt_tokens: number;
    completion_tokens: number;
  }[];
  const checkpoints: Checkpoints = { outlineParts: new Map(), lessons: new Map() };
  for (const row of rows) {
    const saved = {
      value: JSON.parse(row.content_json) as unknown,
      usage: { requests: row.requests, promptTokens: row.prompt_tokens, completionTokens: row.completion_tokens } satisfies Usage,
      repairs: JSON.parse(row.repairs_json) as Repair[],
    };
    const [kind, number] = row.step.split(':');
    // 'outline' is how jobs queued before plans came in parts saved their whole plan.
    if (kind === 'outline') checkpoints.outlineParts.set(1, saved as StepAnswer<OutlinePart>);
    else if (kind === 'outline-part') checkpoints.outlineParts.set(Number(number), saved as StepAnswer<OutlinePart>);
    else checkpoints.lessons.set(Number(number), saved as StepAnswer<LessonContent>);
  }
  checkpoints.drafts = loadDrafts(db, id);
  return checkpoints;
}

/** What had arrived of the job's unfinished steps, by step key. */
export function loadDrafts(db: Database.Database, id: string): Map<string, unknown> {
  const rows = db.prepare('SELECT step, draft_json FROM step_drafts WHERE job_id = ?').all(id) as { step: string; draft_json: string }[];
  return new Map(rows.map((row) => [row.step, JSON.parse(row.draft_json) as unknown]));
}

/**
 * Saves what has arrived of an unfinished step, replacing its earlier draft: progress, so the
 * job's run of worker losses starts again. A step already finished keeps no draft.
 */
export function saveDraft(db: Database.Database, id: string, step: string, draft: unknown, now: number): void {
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM checkpoints WHERE job_id = ? AND step = ?').get(id, step)) return;
    db.prepare(
      `INSERT INTO step_drafts (job_id, step, draft_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (job_id, step) DO UPDATE SET draft_json = excluded.draft_json, updated_at = excluded.updated_at`,
    ).run(id, step, JSON.stringify(draft), now);
    db.prepare('UPDATE jobs SET losses = 0, updated_at = ? WHERE id = ?').run(now, id);
  })();
}

/**
 * Commits a finished step and the job's progress together, and drops the step's draft; a step
 * saved twice counts once. What the step cost is kept with it (for the course's breakdown); the
 * job's usage counts every answer as it arrived (countAnswered), so it is not added again here.
 */
export function saveCheckpoint(db: Database.Database, id: string, done: StepDone, now: number): void {
  db.transaction(() => {
    const inserted = db
      .prepare(
        `INSERT INTO checkpoints (job_id, step, content_json, repairs_json, requests, prompt_tokens, completion_tokens, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(id, stepKey(done), JSON.stringify(done.content), JSON.stringify(done.repairs), done.usage.requests, done.usage.promptTokens, done.usage.completionTokens, now);
    if (inserted.changes === 0) return;
    db.prepare('DELETE FROM step_drafts WHERE job_id = ? AND step = ?').run(id, stepKey(done));
    // The job counts as planned once the first part is: its lessons are being written from then on.
    const planned = done.step === 'outline-part' && done.from === 1 ? 1 : 0;
    db.prepare(
      `UPDATE jobs SET lessons_done = lessons_done + ?, outline_done = MAX(outline_done, ?), losses = 0, updated_at = ? WHERE id = ?`,
    ).run(done.step === 'lesson' ? 1 : 0, planned, now, id);
  })();
}

/** Counts an answer the provider sent against the job, the moment it arrives: what the job cost. */
export function countAnswered(db: Database.Database, id: string, usage: Usage, now: number): void {
  db.prepare(
    `UPDATE jobs SET requests = requests + ?, prompt_tokens = prompt_tokens + ?, completion_tokens = completion_tokens + ?, updated_at = ? WHERE id = ?`,
  ).run(usage.requests, usage.promptTokens, usage.completionTokens, now, id);
}
