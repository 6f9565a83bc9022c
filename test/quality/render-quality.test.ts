import { describe, expect, it } from 'vitest';
import type { QualityReport } from '../../electron/core/quality/quality-types.js';
import { formatQualityText, qualityVerdict, renderQualityMarkdown } from '../../electron/core/quality/render-quality.js';

const metrics: QualityReport['metrics'] = { coveragePct: 82.5, recyclingPct: 90, duplicateTerms: 1, invalidQuizAnswers: 0, emptySections: 0, estimatedMinutes: [14.5, 18, 22.1] };

const failing: QualityReport = {
  holds: false,
  metrics,
  findings: [
    { rule: 'vocabulary-unique', severity: 'fail', lesson: 5, message: 'lesson 5 introduces "la mesa" again (first in lesson 2)' },
    { rule: 'vocabulary-recycled', severity: 'warn', lesson: 3, message: 'lesson 3 reuses no term of earlier lessons; bring a few back in its dialogue or exercises (for example "hola")' },
  ],
  repairs: [{ kind: 'duplicate-term-dropped', lesson: 4, where: 'lesson 4 vocabulary', detail: 'dropped "el | vaso", already introduced in lesson 1' }],
};

const clean: QualityReport = { holds: true, metrics: { ...metrics, duplicateTerms: 0 }, findings: [], repairs: [] };

describe('the verdict', () => {
  it('says the checks hold, or how many problems need attention, and counts warnings', () => {
    expect(qualityVerdict(clean)).toBe('All checks hold.');
    expect(qualityVerdict(failing)).toBe('1 problem needs attention, with 1 warning.');
    expect(qualityVerdict({ ...failing, findings: [failing.findings[0]!, failing.findings[0]!] })).toBe('2 problems need attention.');
    expect(qualityVerdict({ ...failing, holds: true, findings: [failing.findings[1]!, failing.findings[1]!] })).toBe('All checks hold, with 2 warnings.');
  });
});

describe('the README section', () => {
  it('has the verdict, a table of figures, problems before warnings, and the repairs', () => {
    expect(renderQualityMarkdown(failing)).toBe(
      [
        '## Quality',
        '',
        '1 problem needs attention, with 1 warning.',
        '',
        '| new terms used in their lesson | lessons reusing earlier terms | duplicate terms | invalid quiz answers | empty sections | estimated minutes per lesson |',
        '|---|---|---|---|---|---|',
        '| 82.5 % | 90 % | 1 | 0 | 0 | 14.5–22.1 |',
        '',
        '### Problems',
        '',
        '- Lesson 5 introduces "la mesa" again (first in lesson 2)',
        '',
        '### Warnings',
        '',
        '- Lesson 3 reuses no term of earlier lessons; bring a few back in its dialogue or exercises (for example "hola")',
        '',
        '### Repairs made',
        '',
        '- Lesson 4 vocabulary: dropped "el \\| vaso", already introduced in lesson 1',
        '',
      ].join('\n'),
    );
  });

  it('says no repairs were needed and lists no empty groups for a clean course', () => {
    const markdown = renderQualityMarkdown(clean);
    expect(markdown).toContain('All checks hold.');
    expect(markdown).toContain('### Repairs made\n\nNo repairs were needed.\n');
    expect(markdown).not.toContain('### Problems');
    expect(markdown).not.toContain('### Warnings');
  });
});

describe('the terminal text', () => {
  it('has the same content as plain, aligned text', () => {
    expect(formatQualityText(failing)).toBe(
      [
        'Quality: 1 problem needs attention, with 1 warning.',
        '',
        '  new terms used in their lesson  82.5 %',
        '  lessons reusing earlier terms   90 %',
        '  duplicate terms                 1',
        '  invalid quiz answers            0',
        '  empty sections                  0',
        '  estimated minutes per lesson    14.5–22.1',
        '',
        'Problems:',
        '  Lesson 5 introduces "la mesa" again (first in lesson 2)',
        '',
        'Warnings:',
        '  Lesson 3 reuses no term of earlier lessons; bring a few back in its dialogue or exercises (for example "hola")',
        '',
        'Repairs made:',
        '  Lesson 4 vocabulary: dropped "el | vaso", already introduced in lesson 1',
        '',
      ].join('\n'),
    );
  });

  it('ends with "No repairs were needed." when there were none', () => {
    expect(formatQualityText(clean).trimEnd().split('\n').at(-1)).toBe('No repairs were needed.');
  });

  it('gives one figure for lesson length when every lesson is estimated alike', () => {
    expect(formatQualityText({ ...clean, metrics: { ...clean.metrics, estimatedMinutes: [12, 12] } })).toMatch(/estimated minutes per lesson {4}12\n/);
  });
});
