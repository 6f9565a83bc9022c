import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { courseSchema, type Course } from '../../electron/core/course/course-schema.js';
import type { SpeechEngine, SpeechRequest } from '../../electron/core/speech/index.js';

/** Short real lessons in their languages: two terms with examples, a two-speaker dialogue, a grammar example. */
export const LESSONS: Record<string, { terms: [string, string][]; lines: [string, string][]; grammar: string }> = {
  Spanish: { terms: [['el mercado', '¿Dónde está el mercado?'], ['la manzana', 'Quiero dos manzanas, por favor.']], lines: [['Ana', 'Buenos días, ¿cuánto cuestan las manzanas?'], ['Luis', 'Dos euros el kilo.']], grammar: 'Quiero un café.' },
  German: { terms: [['der Markt', 'Wo ist der Markt?'], ['die Kartoffel', 'Ich kaufe ein Kilo Kartoffeln.']], lines: [['Anna', 'Guten Morgen! Was kosten die Äpfel?'], ['Jonas', 'Zwei Euro das Kilo.']], grammar: 'Ich möchte einen Kaffee.' },
  Japanese: { terms: [['市場', '市場はどこですか。'], ['りんご', 'りんごを二つください。']], lines: [['さくら', 'おはようございます。りんごはいくらですか。'], ['店員', '一キロ二百円です。']], grammar: 'コーヒーをお願いします。' },
  Arabic: { terms: [['سوق', 'أين السوق؟'], ['تفاحة', 'أريد تفاحتين من فضلك.']], lines: [['ليلى', 'صباح الخير، بكم التفاح؟'], ['البائع', 'بدينارين للكيلو.']], grammar: 'أريد قهوة.' },
  Chinese: { terms: [['市场', '市场在哪里？'], ['苹果', '我要两个苹果。']], lines: [['小明', '早上好，苹果多少钱？'], ['老板', '两块钱一斤。']], grammar: '我要一杯咖啡。' },
};

/** A course of `lessons` lessons in the language (the same texts, numbered, so each lesson's clips differ). */
export function speechCourse(language: keyof typeof LESSONS, lessons = 1): Course {
  const t = LESSONS[language]!;
  const n = (text: string, i: number) => (i === 0 ? text : `${text} ${i + 1}`);
  const all = Array.from({ length: lessons }, (_, i) => ({
    number: i + 1,
    slug: `lesson-${i + 1}`,
    title: `Lesson ${i + 1}`,
    summary: 'At the market.',
    goals: ['Buy fruit'],
    grammarPoint: 'Asking for things',
    vocabulary: t.terms.map(([term, example]) => ({ term: n(term, i), translation: 'meaning', example: n(example, i), exampleTranslation: 'translation' })),
    dialogue: { setting: 'At the market', lines: t.lines.map(([speaker, line]) => ({ speaker, line: n(line, i), translation: 'translation' })) },
    grammar: { point: 'Asking', explanation: 'How to ask.', examples: [{ sentence: n(t.grammar, i), translation: 'translation' }] },
  }));
  return courseSchema.parse({
    formatVersion: 1,
    title: `${language} at the market`,
    slug: `${language.toLowerCase()}-at-the-market`,
    language,
    nativeLanguage: 'English',
    level: 'A1',
    summary: 'Shopping.',
    lessonMinutes: 10,
    sections: ['vocabulary', 'dialogue', 'grammar'],
    notes: '',
    lessons: all,
    totals: { lessons, minutes: 10 * lessons, vocabulary: 2 * lessons, exercises: 0, quizQuestions: 0 },
    generator: { name: 'FluentPro', version: '0.0.0-test', provider: 'demo', model: 'demo', demo: false, generatedAt: '2026-01-01T00:00:00.000Z' },
    usage: { requests: 1, promptTokens: 1, completionTokens: 1 },
  });
}

/** Writes the course as fluentpro generate does (course.json in its folder); returns the folder. */
export function writeCourseFolder(parent: string, course: Course): string {
  const folder = join(parent, course.slug);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'course.json'), JSON.stringify(course, null, 2));
  return folder;
}

/** An engine that counts the clips it is asked for, passing them to a real one. */
export function countingEngine(engine: SpeechEngine): SpeechEngine & { calls: SpeechRequest[] } {
  const calls: SpeechRequest[] = [];
  return {
    name: engine.name,
    calls,
    listVoices: (language) => engine.listVoices(language),
    ...(engine.cannotSay ? { cannotSay: engine.cannotSay.bind(engine) } : {}),
    synthesize: (request) => {
      calls.push(request);
      return engine.synthesize(request);
    },
  };
}
