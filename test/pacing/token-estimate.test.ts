import { describe, expect, it } from 'vitest';
import { estimatePromptTokens, requestCost } from '../../electron/core/pacing/token-estimate.js';

describe('estimatePromptTokens', () => {
  it('counts a quarter token per character, rounded up per message, plus 4 a message and 3 for the answer', () => {
    expect(estimatePromptTokens([{ content: 'abcd' }])).toBe(1 + 4 + 3);
    expect(estimatePromptTokens([{ content: 'abcde' }])).toBe(2 + 4 + 3);
    expect(estimatePromptTokens([{ content: 'x'.repeat(400) }, { content: 'y'.repeat(41) }])).toBe(100 + 4 + 11 + 4 + 3);
  });

  it('counts an empty or null message as its overhead only, and no messages as nothing', () => {
    expect(estimatePromptTokens([{ content: '' }, { content: null }])).toBe(4 + 4 + 3);
    expect(estimatePromptTokens([])).toBe(0);
  });
});

describe('requestCost', () => {
  it('charges the prompt estimate plus the whole max_completion_tokens, as the provider does on admission', () => {
    expect(requestCost({ promptTokens: 812, maxCompletionTokens: 2000 })).toBe(2812);
    expect(requestCost({ promptTokens: 0, maxCompletionTokens: 0 })).toBe(0);
  });
});
