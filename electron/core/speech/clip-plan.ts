import type { Course } from '../course/course-schema.js';

// What of a course is spoken: every vocabulary term and its example, every dialogue line and every
// grammar example, each named by a JSON Pointer (RFC 6901) to its text in course.json, so the
// manifest can say exactly which text a clip speaks without a second numbering of its own.

export type SpokenKind = 'term' | 'example' | 'line' | 'grammar-example';

export interface SpokenText {
  /** JSON Pointer into course.json: "/lessons/0/dialogue/lines/3/line". */
  pointer: string;
  lesson: number;
  kind: SpokenKind;
  text: string;
  /** The dialogue line's speaker, as the course names them. */
  speaker?: string;
  /**
   * The text's kana (format 2's reading of a Japanese term, example or line): said instead by an
   * engine that cannot say the kanji (espeak-ng reads each as "Chinese letter").
   */
  sayAs?: string;
}

export function spokenTexts(course: Pick<Course, 'lessons'>): SpokenText[] {
  const out: SpokenText[] = [];
  course.lessons.forEach((lesson, l) => {
    const at = `/lessons/${l}`;
    lesson.vocabulary?.forEach((item, i) => {
      out.push({ pointer: `${at}/vocabulary/${i}/term`, lesson: lesson.number, kind: 'term', text: item.term, ...kana(item.reading) });
      out.push({ pointer: `${at}/vocabulary/${i}/example`, lesson: lesson.number, kind: 'example', text: item.example, ...kana(item.exampleReading) });
    });
    lesson.dialogue?.lines.forEach((line, i) => out.push({ pointer: `${at}/dialogue/lines/${i}/line`, lesson: lesson.number, kind: 'line', text: line.line, speaker: line.speaker.trim(), ...kana(line.reading) }));
    lesson.grammar?.examples.forEach((example, i) => out.push({ pointer: `${at}/grammar/examples/${i}/sentence`, lesson: lesson.number, kind: 'grammar-example', text: example.sentence, ...kana(example.reading) }));
  });
  return out.filter((t) => t.text.trim() !== '');
}

const kana = (reading: { kana?: string } | undefined): { sayAs?: string } => (reading?.kana?.trim() ? { sayAs: reading.kana.trim() } : {});

/**
 * A voice for each dialogue speaker, in order of first appearance across the course (so a
 * character keeps one voice in every lesson), from the voices that are not the narrator's. With
 * fewer voices than speakers they are reused in turn; with no other voice, speakers share the
 * narrator's (`shared` says so, for a warning).
 */
export function assignSpeakerVoices(texts: readonly SpokenText[], voices: readonly string[], narrator: string): { speakers: Record<string, string>; shared: boolean } {
  const others = voices.filter((v) => v !== narrator);
  const speakers: Record<string, string> = {};
  let next = 0;
  for (const t of texts) {
    if (t.speaker === undefined || t.speaker in speakers) continue;
    speakers[t.speaker] = others.length ? others[next++ % others.length]! : narrator;
  }
  return { speakers, shared: others.length === 0 && Object.keys(speakers).length > 1 };
}
