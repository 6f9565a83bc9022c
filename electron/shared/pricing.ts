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

/** What the Batch API charges, as a share of the live price (OpenAI: "50% cost discount"). */
export const BATCH_PRICE_FACTOR = 0.5;

/**
 * The cost of the usage in dollars, or undefined for a model whose price is unknown (local ones).
 * `batchPart` is the share of `usage` the Batch API answered: it is billed at BATCH_PRICE_FACTOR.
 */
export function estimateCostUsd(model: string, usage: TokenUsage, batchPart?: TokenUsage): number | undefined {
  const price = PRICES[model];
  if (!price) return undefined;
  const batchPrompt = Math.min(batchPart?.promptTokens ?? 0, usage.promptTokens);
  const batchCompletion = Math.min(batchPart?.completionTokens ?? 0, usage.completionTokens);
  const live = (usage.promptTokens - batchPrompt) * price[0] + (usage.completionTokens - batchCompletion) * price[1];
  const batch = (batchPrompt * price[0] + batchCompletion * price[1]) * BATCH_PRICE_FACTOR;
  return (live + batch) / 1_000_000;
}

/** A job's cost: its usage, with what the Batch API answered at the batch price. */
export function jobCostUsd(job: { model: string; usage: TokenUsage; batchUsage?: TokenUsage }): number | undefined {
  return estimateCostUsd(job.model, job.usage, job.batchUsage);
}

/** "$1.23", "<$0.01", "$0"; empty for an unknown price. */
export function formatUsd(cost: number | undefined): string {
  if (cost === undefined) return '';
  return cost < 0.01 ? (cost === 0 ? '$0' : '<$0.01') : `$${cost.toFixed(2)}`;
}
