import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineSettings } from '../../electron/core/config/settings.js';
import { Admission } from '../../electron/core/pacing/admission.js';
import { runCourses, type CourseRunResult } from '../../electron/core/engine/run-courses.js';
import { createProvider } from '../../electron/core/providers/create-provider.js';
import { settingsFor, specOf } from './engine-fixtures.js';
import { FakeLlmServer, type FakeLlmServerOptions } from './fake-llm-server.js';
import { ProviderLimits, type ProviderLimitsOptions } from './provider-limits.js';

// One run of `jobs` courses of `lessons` lessons through the in-process engine against the fake
// server with a provider's limits: what the tests of issue 8 and `npm run bench provider-limits`
// measure. Tokens are counted as the limiter charges them (prompt estimate + max_completion_tokens).

export interface LimitsRunOptions {
  jobs: number;
  lessons: number;
  latencyMs: number;
  limits?: ProviderLimitsOptions;
  settings?: Partial<EngineSettings>;
  /** Passed to the fake server: answer sizes, faults. */
  server?: Pick<FakeLlmServerOptions, 'answerTokens' | 'fault'>;
  /** The admission to use (one carried over from an earlier run keeps what it learned). Default a new one from the settings. */
  admission?: Admission;
}

export interface LimitsRun {
  results: CourseRunResult[];
  failed: number;
  /** Requests that reached the server, refused ones included. */
  attempts: number;
  refused: number;
  admitted: number;
  /** Tokens the limiter charged the admitted requests. */
  chargedTokens: number;
  wallMs: number;
  peakConcurrent: number;
  /** The adaptive in-flight limit at the end. */
  finalLimit: number;
  admission: Admission;
  server: FakeLlmServer;
}

export async function runAgainstLimits(options: LimitsRunOptions, title = 'Paced'): Promise<LimitsRun> {
  const limits = options.limits ? new ProviderLimits(options.limits) : undefined;
  let chargedTokens = 0;
  if (limits) {
    const admit = limits.admit.bind(limits);
    limits.admit = (request) => {
      const answer = admit(request);
      if (answer.ok) chargedTokens += request.promptTokens + (request.maxCompletionTokens ?? 1000);
      return answer;
    };
  }
  const server = await FakeLlmServer.start({ latencyMs: options.latencyMs, limits, ...options.server });
  const out = mkdtempSync(join(tmpdir(), 'fluentpro-limits-'));
  try {
    const settings = settingsFor(out, { baseURL: server.baseURL, ...options.settings });
    const admission = options.admission ?? new Admission({ maxInFlight: settings.maxInFlightRequests, rpm: settings.rpm, tpm: settings.tpm });
    const specs = Array.from({ length: options.jobs }, (_, i) => specOf({ title: `${title} ${i + 1}`, lessons: options.lessons }));
    const started = performance.now();
    const results = await runCourses(specs, { settings, provider: await createProvider(settings), admission });
    const wallMs = performance.now() - started;
    const stats = limits?.stats;
    return {
      results,
      failed: results.filter((r) => !r.ok).length,
      attempts: server.requests.length,
      refused: stats?.refused ?? server.requests.filter((r) => r.status === 429 || r.status === 503).length,
      admitted: stats?.admitted ?? server.requests.filter((r) => r.status === 200).length,
      chargedTokens,
      wallMs,
      peakConcurrent: stats?.peakConcurrent ?? server.maxInFlight,
      finalLimit: admission.limit,
      admission,
      server,
    };
  } finally {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
