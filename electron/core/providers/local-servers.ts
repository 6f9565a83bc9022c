// OpenAI-compatible servers that run on this Mac. They answer slowly, queue requests and send no
// rate-limit headers: Ollama runs OLLAMA_NUM_PARALLEL requests at once (default 1) and answers
// 503 past its queue; LM Studio runs 4. So requests start one at a time for them, and the
// adaptive limit grows only while answers come back fine.

import { PROVIDER_PRESETS } from '../../shared/provider-presets.js';

/** The local presets Settings offers, named without "(this Mac)". */
const LOCAL_SERVER_PRESETS = PROVIDER_PRESETS.filter((p) => p.local).map((p) => ({ ...p, name: p.name.replace(/ \(this Mac\)$/, '') }));

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The preset a base URL points at, or "a server on this Mac" for any other loopback address; undefined for remote ones. */
export function localServerOf(baseURL: string | undefined): { name: string } | undefined {
  if (!baseURL) return undefined;
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return undefined;
  }
  if (!LOOPBACK.has(url.hostname)) return undefined;
  const preset = LOCAL_SERVER_PRESETS.find((p) => new URL(p.baseURL).port === url.port);
  return { name: preset ? preset.name : 'a local server' };
}

/** Requests open at first: 1 for a local server (it queues the rest anyway), else the admission's default. */
export function initialInFlightFor(baseURL: string | undefined): number | undefined {
  return localServerOf(baseURL) ? 1 : undefined;
}
