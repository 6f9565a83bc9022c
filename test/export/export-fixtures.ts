import { courseSchema, type Course } from '../../electron/core/course/course-schema.js';
import { assembleCourse } from '../../electron/core/output/assemble-course.js';
import { demoLesson, demoOutline } from '../../electron/core/providers/demo-content.js';
import { specOf } from '../support/engine-fixtures.js';

/** A demo course of `lessons` lessons, as fluentpro generate --provider demo writes it. */
export function demoCourse(lessons = 3, overrides: { title?: string; language?: string; nativeLanguage?: string } = {}): Course {
  const spec = specOf({ title: overrides.title ?? 'Spanish Demo', lessons, language: overrides.language ?? 'Spanish', ...(overrides.nativeLanguage ? { nativeLanguage: overrides.nativeLanguage } : {}) }).spec;
  const outline = demoOutline(spec);
  return assembleCourse({
    spec,
    outline,
    lessons: outline.lessons.map((l) => demoLesson(spec, outline, l.number)),
    repairs: [],
    usage: { requests: 1, promptTokens: 1, completionTokens: 1 },
    provider: { name: 'demo', model: 'demo', demo: true },
    version: '0.0.0-test',
    now: new Date('2026-01-01T00:00:00Z'),
  });
}

/** Model text full of what breaks HTML, GIFT and XML: tags, entities, GIFT's ~ = # { } :, CDATA's end. */
export const NASTY = `<script>alert("x")</script> & ~ = # { } : \\ ]]> 'quote'`;

/** A two-lesson course whose model text tries every special character, in a chosen target language. */
export function trickyCourse(language = 'Spanish', lessonTexts: { term: string; line: string }[] = [
  { term: 'hola', line: '¡Hola! ¿Qué tal?' },
  { term: 'adiós', line: 'Adiós, hasta mañana.' },
]): Course {
  const lessons = lessonTexts.map((t, i) => {
    const n = i + 1;
    return {
      number: n,
      slug: `lesson-${n}`,
      title: i === 0 ? `Greetings ${NASTY}` : `Farewells {and} more`,
      summary: `Summary ${n} ${NASTY}`,
      goals: [`Goal ${n}`],
      grammarPoint: `Point ${n}`,
      vocabulary: [
        { term: t.term, translation: `meaning ${n} = ~{x}`, example: t.line, exampleTranslation: `Example ${n} #1: "yes"` },
        { term: `${t.term}-2`, translation: 'second: term', example: `${t.line} 2`, exampleTranslation: 'second example' },
        { term: `${t.term}-3`, translation: 'third -> term', example: `${t.line} 3`, exampleTranslation: 'third example' },
      ],
      dialogue: { setting: `A café ${NASTY}`, lines: [{ speaker: 'Ana', line: t.line, translation: 'Hello!' }, { speaker: 'Ben <b>', line: `${t.line}!`, translation: 'Hi & bye' }] },
      grammar: { point: `Point ${n}`, explanation: `Explained: ${NASTY}\nSecond line.`, examples: [{ sentence: t.line, translation: 'translation' }] },
      exercises: [{ instruction: 'Translate:', prompt: `Prompt ${NASTY}`, answer: `Answer ${n} {a=b}` }],
      quiz: [
        { question: `What is 2 + 2 = ? ${NASTY}`, options: ['3', '4 ~ four', '{5}'], answerIndex: 1, explanation: `Because 2+2=4 #math ${NASTY}` },
        { question: `Pick "${t.term}":`, options: [t.term, 'other'], answerIndex: 0, explanation: 'It is the term.' },
      ],
    };
  });
  return courseSchema.parse({
    formatVersion: 1,
    title: `Tricky ${NASTY}`,
    slug: 'tricky-course',
    language,
    nativeLanguage: 'English',
    level: 'A1',
    summary: `A course ${NASTY}`,
    lessonMinutes: 10,
    sections: ['vocabulary', 'dialogue', 'grammar', 'exercises', 'quiz'],
    notes: '',
    lessons,
    totals: { lessons: lessons.length, minutes: 10 * lessons.length, vocabulary: 3 * lessons.length, exercises: lessons.length, quizQuestions: 2 * lessons.length },
    generator: { name: 'FluentPro', version: '0.0.0-test', provider: 'demo', model: 'demo', demo: false, generatedAt: '2026-01-01T00:00:00.000Z' },
    usage: { requests: 1, promptTokens: 1, completionTokens: 1 },
  });
}

export const ARABIC = [
  { term: 'مرحبا', line: 'مرحبا، كيف حالك؟' },
  { term: 'شكرا', line: 'شكرا جزيلا.' },
];
export const JAPANESE = [
  { term: 'こんにちは', line: 'こんにちは、元気ですか？' },
  { term: 'ありがとう', line: 'どうもありがとう。' },
];

/** Where Debian's Chromium is; tests that print or play pages skip, saying so, when it is absent (CI installs it). */
export const CHROMIUM = process.env.FLUENTPRO_CHROMIUM ?? '/usr/bin/chromium';
