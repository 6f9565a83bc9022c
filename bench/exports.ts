import { existsSync } from 'node:fs';
import { chromiumPrinter } from '../electron/core/export/chromium-printer.js';
import { EXPORT_FORMAT_IDS, EXPORT_FORMATS } from '../electron/core/export/formats.js';
import { assembleCourse } from '../electron/core/output/assemble-course.js';
import { demoLesson, demoOutline } from '../electron/core/providers/demo-content.js';
import { courseSpecSchema } from '../electron/core/spec/spec-schema.js';
import { report, type Figure } from './report.js';

const LESSONS = 60;
const RUNS = 3;
/** Issue 10: "Exports of a 60-lesson course each take under 5 s here". */
const GOAL_MS = 5000;

/**
 * Every export format of a 60-lesson demo course (all five sections), each run three times from
 * the course object to the finished bytes (the PDF includes starting Chromium, as a user's
 * `fluentpro export` does); the median time against the 5 s goal, and the file's size.
 */
export async function exportsBenchmark(): Promise<void> {
  const spec = courseSpecSchema.parse({ title: 'Benchmark Spanish', language: 'Spanish', level: 'B1', lessons: LESSONS, lessonMinutes: 30 });
  const outline = demoOutline(spec);
  const course = assembleCourse({
    spec,
    outline,
    lessons: outline.lessons.map((l) => demoLesson(spec, outline, l.number)),
    repairs: [],
    usage: { requests: 0, promptTokens: 0, completionTokens: 0 },
    provider: { name: 'demo', model: 'demo', demo: true },
    version: 'bench',
  });
  const chromium = process.env.FLUENTPRO_CHROMIUM ?? '/usr/bin/chromium';
  const figures: Figure[] = [];
  const skipped: string[] = [];
  for (const id of EXPORT_FORMAT_IDS) {
    if (id === 'pdf' && !existsSync(chromium)) {
      skipped.push(`pdf (no Chromium at ${chromium})`);
      continue;
    }
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const data = await EXPORT_FORMATS[id].export(course, id === 'pdf' ? { printer: chromiumPrinter({ executablePath: chromium }) } : {});
      times.push(performance.now() - started);
      bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
    }
    const median = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    figures.push({ name: `${id} time`, value: Math.round(median), unit: 'ms', ideal: GOAL_MS, lowerIsBetter: true });
    figures.push({ name: `${id} size`, value: Math.round(bytes / 1024), unit: 'KB', lowerIsBetter: true });
  }
  const over = figures.filter((f) => f.unit === 'ms' && f.value >= GOAL_MS).map((f) => f.name);
  report('exports', figures, {
    course: `${LESSONS} lessons, ${course.totals.vocabulary} terms, ${course.totals.exercises} exercises, ${course.totals.quizQuestions} quiz questions`,
    runs: `median of ${RUNS} per format`,
    goal: `each format under ${GOAL_MS} ms (the "ideal" below is this goal: ×1 or more misses it)`,
    verdict: over.length ? `over the goal: ${over.join(', ')}` : 'every format within the goal',
    ...(skipped.length ? { skipped: skipped.join('; ') } : {}),
  });
}
