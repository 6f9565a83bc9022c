import { describe, expect, it } from 'vitest';
import { applyLessonPart, salvageLesson } from '../../electron/core/quality/repair-lesson.js';

const plan = { number: 4, title: 'At the market', goals: ['Buy fruit', 'Ask prices'], vocabulary: ['la manzana', 'el precio', 'barato'], grammarPoint: 'gustar' };
const entry = (term: string) => ({ term, translation: 't', example: 'e', exampleTranslation: 'et' });
const question = (answerIndex: number) => ({ question: 'q?', options: ['a', 'b', 'c'], answerIndex, explanation: 'x' });
const dialogue = { setting: 's', lines: [{ speaker: 'A', line: 'l1', translation: 't1' }, { speaker: 'B', line: 'l2', translation: 't2' }] };

describe('repairing a lesson answer', () => {
  it('keeps the planned terms once each, in the plan\'s order, and drops the others', () => {
    const { content, broken, repairs } = salvageLesson({ summary: 'S', vocabulary: [entry('barato'), entry('La manzana'), entry('barato'), entry('el mercado'), entry('el precio')] }, ['vocabulary'], plan);
    expect(content.vocabulary!.map((v) => v.term)).toEqual(['la manzana', 'el precio', 'barato']);
    expect(broken).toEqual([]);
    expect(repairs.map((r) => r.detail)).toEqual(['"barato" had two entries; the second was left out', '"el mercado" is not one of the lesson\'s planned terms; left out']);
  });

  it('takes the title from the plan and writes a missing summary from its goals', () => {
    const { content, repairs } = salvageLesson({ vocabulary: plan.vocabulary.map(entry) }, ['vocabulary'], plan);
    expect(content.title).toBe('At the market');
    expect(content.summary).toBe('At the market: Buy fruit; Ask prices.');
    expect(repairs).toEqual([{ kind: 'filled-in', lesson: 4, where: 'lesson 4 summary', detail: "the summary was missing; it was written from the lesson's goals" }]);
  });

  it('keeps the good quiz questions and names each broken one', () => {
    const { content, broken } = salvageLesson({ summary: 'S', quiz: [question(1), question(3), question(0)] }, ['quiz'], plan);
    expect(content.quiz).toHaveLength(2);
    expect(broken).toEqual([{ kind: 'quiz-questions', count: 1, problem: 'question 2: the answer index 3 points at no option (there are 3; count from 0)' }]);
  });

  it('reports a missing or empty section as broken, keeping the sections that are fine', () => {
    const { content, broken } = salvageLesson({ summary: 'S', dialogue, grammar: { point: 'p', explanation: '', examples: [] } }, ['dialogue', 'grammar', 'exercises'], plan);
    expect(content.dialogue).toEqual(dialogue);
    expect(broken).toEqual([
      { kind: 'section', section: 'grammar', problem: 'the grammar section is unusable: explanation: Too small: expected string to have >=1 characters' },
      { kind: 'section', section: 'exercises', problem: 'the exercises are missing or empty' },
    ]);
  });

  it('sends back an answer with no usable section at all', () => {
    expect(salvageLesson({ answer: 'I am not sure' }, ['dialogue', 'quiz'], plan).problems).toEqual(['the dialogue section is missing', 'the quiz is missing or empty']);
  });

  it('merges the answer to a broken part and says what is still broken', () => {
    const { content, broken } = salvageLesson({ summary: 'S', vocabulary: [entry('barato')], quiz: [question(0), question(7)] }, ['vocabulary', 'quiz'], plan);
    const vocabulary = broken.find((b) => b.kind === 'vocabulary')!;
    expect(vocabulary).toEqual({ kind: 'vocabulary', terms: ['la manzana', 'el precio'], problem: 'no usable entry for "la manzana", "el precio"' });
    expect(applyLessonPart(content, plan, vocabulary, { vocabulary: [entry('el precio')] })).toEqual({ kind: 'vocabulary', terms: ['la manzana'], problem: 'still no usable entry for "la manzana"' });
    expect(content.vocabulary!.map((v) => v.term)).toEqual(['el precio', 'barato']);
    const quiz = broken.find((b) => b.kind === 'quiz-questions')!;
    expect(applyLessonPart(content, plan, quiz, { quiz: [question(2)] })).toBeUndefined();
    expect(content.quiz!.map((q) => q.answerIndex)).toEqual([0, 2]);
  });
});
