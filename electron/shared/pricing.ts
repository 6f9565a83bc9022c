import type { TokenUsage } from './job-events.js';

/** US dollars per million tokens (input, output), for models whose price is public. */
const PRICES: Record<string, [number, number]> = {
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4o': [2.5, 10],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  demo: [0, 0],
};

/** The cost of the usage in dollars, or undefined for a model whose price is unknown (local ones). */
export function estimateCostUsd(model: string, usage: TokenUsage): number | undefined {
  const price = PRICES[model];
  if (!price) return undefined;
  return (usage.promptTokens * price[0] + usage.completionTokens * price[1]) / 1_000_000;
}
