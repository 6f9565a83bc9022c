import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAppCore, type AppCore } from '../../electron/core/api/app-core.js';
import { MemorySecretStore, NO_FILE_REVEALER } from '../../electron/core/api/host-services.js';
import type { QualityReport } from '../../electron/core/quality/quality-types.js';
import type { JobSummary } from '../../electron/shared/jobs.js';
import { nodeHost } from '../support/queue-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

// The job details carry the quality report recorded in the finished course's course.json.

const tempDir = useTempDir();
let core: AppCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const report: QualityReport = {
  holds: false,
  metrics: { coveragePct: 75, recyclingPct: 100, duplicateTerms: 1, invalidQuizAnswers: 0, emptySections: 0, estimatedMinutes: [10, 12] },
  findings: [{ rule: 'vocabulary-unique', severity: 'fail', lesson: 2, message: 'lesson 2 introduces "la mesa" again (first in lesson 1)' }],
  repairs: [{ kind: 'duplicate-term-dropped', lesson: 2, where: 'lesson 2 vocabulary', detail: 'dropped "hola", already introduced in lesson 1' }],
};

/** Runs one small demo course to the end; returns the service and the finished job. */
async function finishedCourse() {
  core = startAppCore({
    dataDir: join(tempDir(), 'data'),
    host: nodeHost(),
    secrets: new MemorySecretStore(undefined),
    files: NO_FILE_REVEALER,
    defaultOutDir: join(tempDir(), 'out'),
    examplesDir: join(import.meta.dirname, '..', '..', 'examples'),
  });
  const [added] = await core.service.addSpecContents([{ name: 'q.course.yaml', content: 'title: Quality Course\nlanguage: Spanish\nlevel: A1\nlessons: 2\n' }]);
  await core.orchestrator.onIdle();
  const job = core.store.get((added as { job: JobSummary }).job.id)!;
  expect(job.state).toBe('succeeded');
  return { service: core.service, job, courseFile: join(job.outputPath!, 'course.json') };
}

describe('getJob', () => {
  it('includes the quality report of a finished course, and leaves it out when course.json cannot be read', async () => {
    const { service, job, courseFile } = await finishedCourse();
    writeFileSync(courseFile, JSON.stringify({ ...JSON.parse(readFileSync(courseFile, 'utf8')), quality: report }));
    expect((await service.getJob(job.id)).quality).toEqual(report);

    writeFileSync(courseFile, '{ not json');
    const broken = await service.getJob(job.id);
    expect(broken.quality).toBeUndefined();
    expect(broken.lessons.map((l) => l.state)).toEqual(['done', 'done']);

    rmSync(job.outputPath!, { recursive: true });
    expect((await service.getJob(job.id)).quality).toBeUndefined();
  });

  it('leaves out a recorded report that is not a quality report', async () => {
    const { service, job, courseFile } = await finishedCourse();
    writeFileSync(courseFile, JSON.stringify({ ...JSON.parse(readFileSync(courseFile, 'utf8')), quality: { holds: 'yes' } }));
    expect((await service.getJob(job.id)).quality).toBeUndefined();
  });
});
