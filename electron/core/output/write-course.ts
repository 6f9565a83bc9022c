import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { courseSchema, type Course } from '../course/course-schema.js';
import { lessonFileName, renderCourseReadme, renderLesson } from './render-markdown.js';
import { insideFolder } from './slug.js';

/**
 * Writes a course to `<outDir>/<slug>/` atomically: everything goes to a hidden temp folder
 * first and is renamed into place, so a half-written course is never seen. An existing course
 * folder is never overwritten: the new one becomes `<slug>-2`, `<slug>-3`, …
 * Returns the folder written.
 */
export async function writeCourse(course: Course, outDir: string): Promise<string> {
  // Checked here too, not only when assembled: every name below comes from this object.
  courseSchema.parse(course);
  await mkdir(outDir, { recursive: true });
  const temp = await mkdtemp(join(outDir, '.fluentpro-writing-'));
  try {
    await mkdir(join(temp, 'lessons'));
    await writeFile(join(temp, 'course.json'), JSON.stringify(course, null, 2) + '\n');
    await writeFile(join(temp, 'README.md'), renderCourseReadme(course));
    for (const lesson of course.lessons) {
      await writeFile(insideFolder(join(temp, 'lessons'), lessonFileName(lesson)), renderLesson(course, lesson));
    }
    return await renameToFreeName(temp, outDir, course.slug);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function renameToFreeName(temp: string, outDir: string, slug: string): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const target = insideFolder(outDir, n === 1 ? slug : `${slug}-${n}`);
    try {
      // mkdir claims the name atomically (EEXIST if taken); rename then replaces the empty folder.
      await mkdir(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await rename(temp, target);
    return target;
  }
  throw new Error(`no free folder name for "${slug}" in ${outDir}`);
}
