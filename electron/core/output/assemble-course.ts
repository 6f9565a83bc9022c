import { COURSE_FORMAT, courseSchema, type Course, type LessonContent, type Outline, type Usage } from '../course/course-schema.js';
import { checkCourse } from '../quality/check-course.js';
import type { Repair } from '../quality/quality-types.js';
import type { CourseSpec } from '../spec/spec-schema.js';
import { slugify } from './slug.js';

export interface AssembleInput {
  spec: CourseSpec;
  outline: Outline;
  lessons: LessonContent[];
  /** What the workflow repaired in the model's answers; goes into the quality report. */
  repairs: Repair[];
  usage: Usage;
  provider: { name: string; model: string; demo: boolean };
  version: string;
  now?: Date;
}

/** The whole course as course.json holds it, with its quality report, schema-checked: nothing invalid reaches the disk. */
export function assembleCourse(input: AssembleInput): Course {
  const { spec, outline, lessons } = input;
  const courseLessons = outline.lessons.map((planned, i) => {
    const content = lessons[i]!;
    return {
      number: planned.number,
      slug: slugify(content.title, `lesson-${planned.number}`, 50),
      title: content.title,
      summary: content.summary,
      goals: planned.goals,
      grammarPoint: planned.grammarPoint,
      ...pickSections(content),
    };
  });
  const count = (f: (l: LessonContent) => number) => lessons.reduce((sum, l) => sum + f(l), 0);
  const quality = checkCourse(
    { lessons: courseLessons, sections: spec.sections, lessonMinutes: spec.lessonMinutes, language: spec.language, formatVersion: COURSE_FORMAT, generator: { demo: input.provider.demo } },
    input.repairs,
  );
  return courseSchema.parse({
    formatVersion: COURSE_FORMAT,
    title: spec.title,
    slug: slugify(spec.title),
    language: spec.language,
    nativeLanguage: spec.nativeLanguage,
    level: spec.level,
    summary: outline.summary,
    lessonMinutes: spec.lessonMinutes,
    sections: spec.sections,
    notes: spec.notes,
    lessons: courseLessons,
    totals: {
      lessons: lessons.length,
      minutes: lessons.length * spec.lessonMinutes,
      vocabulary: count((l) => l.vocabulary?.length ?? 0),
      exercises: count((l) => l.exercises?.length ?? 0),
      quizQuestions: count((l) => l.quiz?.length ?? 0),
    },
    generator: {
      name: 'FluentPro',
      version: input.version,
      provider: input.provider.name,
      model: input.provider.model,
      demo: input.provider.demo,
      generatedAt: (input.now ?? new Date()).toISOString(),
    },
    usage: input.usage,
    quality,
  });
}

function pickSections(content: LessonContent): Partial<LessonContent> {
  const { vocabulary, dialogue, grammar, exercises, quiz } = content;
  return Object.fromEntries(Object.entries({ vocabulary, dialogue, grammar, exercises, quiz }).filter(([, v]) => v !== undefined));
}
