import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { courseSchema } from '../../electron/core/course/course-schema.js';
import { runCourses } from '../../electron/core/engine/run-courses.js';
import { createProvider } from '../../electron/core/providers/create-provider.js';
import { readSpecFile } from '../../electron/core/spec/read-spec.js';
import { settingsFor } from '../support/engine-fixtures.js';
import { useTempDir } from '../support/temp-dir.js';

const tempDir = useTempDir();
const examples = join(import.meta.dirname, '..', '..', 'examples');

describe('the demo courses a new user generates first', () => {
  it('every example spec gives a course whose quality report holds without a warning', async () => {
    const specs = await Promise.all(readdirSync(examples).filter((name) => name.includes('.course.')).map((name) => readSpecFile(join(examples, name))));
    const settings = settingsFor(tempDir(), { provider: 'demo', demoDelayMs: 0 });
    const results = await runCourses(specs, { settings, provider: await createProvider(settings) });
    expect(results.map((r) => r.ok)).toEqual(specs.map(() => true));
    for (const result of results) {
      const course = courseSchema.parse(JSON.parse(readFileSync(join(result.outputPath!, 'course.json'), 'utf8')));
      expect(course.quality?.findings, course.title).toEqual([]);
    }
  });
});
