import { describe, expect, it } from 'vitest';
import { acceptNewTerms, salvageOutlinePart } from '../../electron/core/quality/repair-outline.js';
import { nextRange } from '../../electron/core/workflow/plan-outline.js';

const lesson = (title: string, vocabulary: string[]) => ({ title, goals: ['Greet people'], vocabulary, grammarPoint: 'ser' });

describe('repairing a planned part of a course', () => {
  it('numbers lessons itself and takes a made-up number out of a title', () => {
    const part = salvageOutlinePart({ summary: 'S', lessons: [lesson('Lesson 175: Greetings', ['hola', 'adiós', 'sí', 'no']), lesson('182. Numbers', ['uno', 'dos', 'tres', 'cuatro'])] }, { from: 13, count: 2 }, new Map());
    expect(part.lessons.map((l) => [l.number, l.title])).toEqual([[13, 'Greetings'], [14, 'Numbers']]);
    expect(part.repairs[0]).toEqual({ kind: 'renumbered', lesson: 13, where: 'lesson 13 title', detail: 'the title "Lesson 175: Greetings" carried its own number; it is lesson 13, so the number was removed' });
    expect(part.summary).toBe('S');
  });

  it('drops a term an earlier lesson introduced when the lesson keeps enough terms', () => {
    const taken = new Map([['hola', 2]]);
    const part = salvageOutlinePart({ lessons: [lesson('Greetings', ['¡Hola!', 'adiós', 'sí', 'no'])] }, { from: 5, count: 1 }, taken);
    expect(part.lessons[0]!.vocabulary).toEqual(['adiós', 'sí', 'no']);
    expect(part.short).toEqual([]);
    expect(part.repairs).toEqual([{ kind: 'duplicate-term-dropped', lesson: 5, where: 'lesson 5 vocabulary', detail: '"¡Hola!" was planned already in lesson 2; left out of lesson 5' }]);
  });

  it('reports a lesson left with too few terms, and how many new ones it needs', () => {
    const taken = new Map([['hola', 1], ['adiós', 1]]);
    const part = salvageOutlinePart({ lessons: [lesson('Again', ['hola', 'adiós', 'sí', 'sí'])] }, { from: 2, count: 1 }, taken);
    expect(part.lessons[0]!.vocabulary).toEqual(['sí']);
    expect(part.short).toEqual([{ lessonNumber: 2, need: 3 }]);
    expect(part.repairs.map((r) => r.detail)).toContain('"sí" was planned earlier in the same lesson; left out of lesson 2');
  });

  it('keeps the good lessons of a part when one is unusable, and leaves out extra ones', () => {
    const good = salvageOutlinePart({ lessons: [lesson('A', ['a1', 'a2', 'a3']), { title: '', goals: [], vocabulary: [], grammarPoint: '' }, lesson('C', ['c1', 'c2', 'c3'])] }, { from: 1, count: 3 }, new Map());
    expect(good.lessons.map((l) => l.title)).toEqual(['A', 'C']);
    expect(good.repairs.at(-1)?.detail).toMatch(/^1 of the lessons planned for 1–3 were unusable \(lessons\.1: title: .*\); kept the 2 good ones and asked again for the rest$/);
    const extra = salvageOutlinePart({ lessons: [lesson('A', ['a1', 'a2', 'a3']), lesson('B', ['b1', 'b2', 'b3'])] }, { from: 1, count: 1 }, new Map());
    expect(extra.lessons).toHaveLength(1);
    expect(extra.repairs).toEqual([{ kind: 'extra-dropped', where: 'outline', detail: 'the plan for lessons 1–1 had 2 lessons; the 1 extra were left out' }]);
  });

  it('sends back an answer with nothing usable in it', () => {
    expect(salvageOutlinePart({ answer: 'no idea' }, { from: 1, count: 2 }, new Map()).problems).toEqual(['lessons: expected a list of lessons']);
  });

  it('accepts only replacement terms nobody has taken yet', () => {
    expect(acceptNewTerms(['hola', 'gracias', 'Gracias', 'por favor', 'perdón'], 2, new Map([['hola', 1]]))).toEqual({ accepted: ['gracias', 'por favor'], rejected: ['hola', 'Gracias'] });
  });
});

describe('splitting a long plan into parts', () => {
  it('plans up to 12 lessons at once, in parts of equal size', () => {
    const parts = (total: number) => {
      const sizes: number[] = [];
      for (let planned = 0; planned < total; planned += sizes.at(-1)!) sizes.push(nextRange(planned, total).count);
      return sizes;
    };
    expect(parts(8)).toEqual([8]);
    expect(parts(12)).toEqual([12]);
    expect(parts(13)).toEqual([7, 6]);
    expect(parts(20)).toEqual([10, 10]);
    expect(parts(60)).toEqual([12, 12, 12, 12, 12]);
  });
});
