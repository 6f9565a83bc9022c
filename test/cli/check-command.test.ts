import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseSchema, type Course } from '../../electron/core/course/course-schema.js';
import { qualityReportSchema } from '../../electron/core/quality/quality-types.js';
import { runCli } from '../support/run-cli.js';
import { useTempDir } from '../support/temp-dir.js';
import { cleanCourse } from '../quality/course-fixtures.js';

const tempDir = useTempDir();
const FIX = '(give the folder that fluentpro generate wrote, e.g. courses/spanish-travel)';

/** A course.json as fluentpro generate writes it, with the two clean lessons of the quality tests. */
function courseJson(): Course {
  const content = cleanCourse();
  return {
    formatVersion: 1,
    title: 'Tiny Spanish',
    slug: 'tiny-spanish',
    language: 'Spanish',
    nativeLanguage: 'English',
    level: 'A1',
    summary: 'Two short lessons.',
    lessonMinutes: content.lessonMinutes,
    sections: [...content.sections],
    notes: '',
    lessons: content.lessons.map((l) => ({ ...l, title: `Lesson ${l.number}`, summary: 'A lesson.', slug: `lesson-${l.number}`, goals: ['Greet'], grammarPoint: 'Word order' })),
    totals: { lessons: 2, minutes: 20, vocabulary: 6, exercises: 6, quizQuestions: 4 },
    generator: { name: 'FluentPro', version: '0.1.0', provider: 'demo', model: 'demo', demo: false, generatedAt: '2026-01-01T00:00:00.000Z' },
    usage: { requests: 3, promptTokens: 100, completionTokens: 100 },
  };
}

function writeCourse(course: unknown): string {
  const folder = join(tempDir(), 'tiny-spanish');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'course.json'), typeof course === 'string' ? course : JSON.stringify(course, null, 2));
  return folder;
}

describe('fluentpro check', () => {
  it('the hand-written course is a valid course.json (so the tests below test the checks, not the reader)', () => {
    expect(courseSchema.safeParse(courseJson()).success).toBe(true);
  });

  it('prints the report and exits 0 for a course that holds', async () => {
    const folder = writeCourse(courseJson());
    const run = await runCli(['check', folder], { cwd: tempDir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Tiny Spanish\nQuality: All checks hold\.\n/);
    expect(run.stdout).toMatch(/new terms used in their lesson\s+100 %/);
    expect(run.stdout).toContain('No repairs were needed.');
    expect(run.stderr).toBe('');
  });

  it('exits 1 and names the lesson and term when a term is introduced twice, listing the recorded repairs', async () => {
    const course = courseJson();
    course.lessons[1]!.vocabulary![0]!.term = 'Hola';
    const repairs = [{ kind: 'duplicate-term-dropped', lesson: 2, where: 'lesson 2 vocabulary', detail: 'dropped "gracias", already introduced in lesson 1' }];
    // A report recorded by the generator: its repairs are kept, its checks recomputed from the content.
    const recorded = { holds: true, metrics: { coveragePct: 100, recyclingPct: 100, duplicateTerms: 0, invalidQuizAnswers: 0, emptySections: 0, estimatedMinutes: [5.6, 5.6] }, findings: [], repairs };
    const run = await runCli(['check', writeCourse({ ...course, quality: recorded })], { cwd: tempDir() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Quality: 1 problem needs attention');
    expect(run.stdout).toContain('Problems:\n  Lesson 2 introduces "Hola" again (first in lesson 1)\n');
    expect(run.stdout).toContain('Repairs made:\n  Lesson 2 vocabulary: dropped "gracias", already introduced in lesson 1\n');
  });

  it('prints the report as JSON with --json, accepting a path relative to the current folder', async () => {
    const course = courseJson();
    course.lessons[0]!.quiz![0]!.answerIndex = 5;
    writeCourse(course);
    const run = await runCli(['check', 'tiny-spanish', '--json'], { cwd: tempDir() });
    expect(run.code).toBe(1);
    const report = qualityReportSchema.parse(JSON.parse(run.stdout));
    expect(report.holds).toBe(false);
    expect(report.metrics.invalidQuizAnswers).toBe(1);
    expect(report.findings.map((f) => f.message)).toEqual(['lesson 1 quiz question 1: the answer index 5 points at no option (there are 3, counted from 0); set it to the right option']);
  });

  it('takes the course.json file itself for its folder', async () => {
    const folder = writeCourse(courseJson());
    expect((await runCli(['check', join(folder, 'course.json')], { cwd: tempDir() })).code).toBe(0);
  });

  describe('exits 2 with the path and the fix for what is not a course', () => {
    it('a folder that does not exist', async () => {
      const missing = join(tempDir(), 'nowhere');
      const run = await runCli(['check', missing], { cwd: tempDir() });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`fluentpro check: ${missing} is not a course folder: there is no such folder ${FIX}\n`);
      expect(run.stdout).toBe('');
    });

    it('a folder without course.json', async () => {
      const run = await runCli(['check', tempDir()], { cwd: tempDir() });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`fluentpro check: ${tempDir()} is not a course folder: it has no course.json ${FIX}\n`);
    });

    it('a file that is not course.json', async () => {
      writeFileSync(join(tempDir(), 'spanish.course.yaml'), 'title: x\n');
      const run = await runCli(['check', join(tempDir(), 'spanish.course.yaml')], { cwd: tempDir() });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`fluentpro check: ${join(tempDir(), 'spanish.course.yaml')} is not a course folder: it is a file ${FIX}\n`);
    });

    it('a course.json that is not JSON', async () => {
      const folder = writeCourse('{"title": "Broken"');
      const run = await runCli(['check', folder], { cwd: tempDir() });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^fluentpro check: ${join(folder, 'course.json')} is not valid JSON \\(.+\\); generate the course again, or undo the edit that broke it\\n$`));
    });

    it('a course.json that is not a FluentPro course', async () => {
      const folder = writeCourse({ title: 'Something else', lessons: [] });
      const run = await runCli(['check', folder], { cwd: tempDir() });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`fluentpro check: ${join(folder, 'course.json')} is not a FluentPro course: formatVersion: `);
      expect(run.stderr).toContain(FIX);
    });

    it('no folder at all, or two', async () => {
      const none = await runCli(['check'], { cwd: tempDir() });
      expect(none.code).toBe(2);
      expect(none.stderr).toBe('fluentpro check: name a course folder\nSee: fluentpro check --help\n');
      const two = await runCli(['check', 'a', 'b'], { cwd: tempDir() });
      expect(two.code).toBe(2);
      expect(two.stderr).toContain('name one course folder, got 2');
    });
  });

  it('is listed in fluentpro --help and documents its flags and exit codes', async () => {
    expect((await runCli(['--help'], { cwd: tempDir() })).stdout).toContain('check <course>');
    const help = await runCli(['check', '--help'], { cwd: tempDir() });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
    expect(help.stdout).toContain('Exit status: 0 no rule fails, 1 a rule fails, 2 usage errors or the folder is not a course.');
  });
});
